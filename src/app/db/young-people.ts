import type { YoungPerson } from '../../domain/young-person';
import type { LocalYoungPerson, RaccrocheDatabase } from './database';
import { createRecord, updateRecord } from './records';

/** Saves a young person created on this device, with its mutation, atomically. */
export function createYoungPerson(db: RaccrocheDatabase, person: YoungPerson): Promise<void> {
  return createRecord(db, 'youngPerson', person);
}

/** Saves an edit of a young person; returns the number of fields changed (0: nothing written). */
export function updateYoungPerson(db: RaccrocheDatabase, edited: YoungPerson): Promise<number> {
  return updateRecord(db, 'youngPerson', edited);
}

export function getYoungPerson(db: RaccrocheDatabase, id: string): Promise<LocalYoungPerson | undefined> {
  return db.youngPeople.get(id);
}
