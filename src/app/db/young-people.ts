import { sameValue } from '../../domain/merge';
import { plainCopy } from '../../domain/plain-copy';
import { YOUNG_PERSON_FIELDS, type YoungPerson, type YoungPersonChanges } from '../../domain/young-person';
import type { LocalYoungPerson, RaccrocheDatabase } from './database';
import { appendToOutbox } from './outbox';

/** Saves a young person created on this device, with its mutation, atomically. */
export async function createYoungPerson(db: RaccrocheDatabase, person: YoungPerson): Promise<void> {
  const record = plainCopy(person);
  await db.transaction('rw', [db.youngPeople, db.outbox, db.meta], async () => {
    await db.youngPeople.add({ ...record, serverVersion: 0, serverUpdatedAt: null });
    await appendToOutbox(db, { entity: 'youngPerson', recordId: record.id, op: 'create', baseVersion: 0, payload: record });
  });
}

/** The fields of `edited` that differ from `current`. */
export function changedFields(current: YoungPerson, edited: YoungPerson): YoungPersonChanges {
  const changes: Record<string, unknown> = {};
  for (const field of YOUNG_PERSON_FIELDS) {
    if (!sameValue(current[field], edited[field])) changes[field] = edited[field];
  }
  return plainCopy(changes) as YoungPersonChanges;
}

/**
 * Saves an edit: the changed fields go into the record and into one mutation
 * based on the server version the device had, in one transaction.
 * Returns the number of fields changed (0: nothing written).
 */
export async function updateYoungPerson(db: RaccrocheDatabase, edited: YoungPerson): Promise<number> {
  return db.transaction('rw', [db.youngPeople, db.outbox, db.meta], async () => {
    const current = await db.youngPeople.get(edited.id);
    if (!current) throw new Error("Cette fiche n'existe plus sur cet appareil");
    const changes = changedFields(current, edited);
    const count = Object.keys(changes).length;
    if (count === 0) return 0;
    await db.youngPeople.put({ ...current, ...changes });
    await appendToOutbox(db, {
      entity: 'youngPerson',
      recordId: current.id,
      op: 'update',
      baseVersion: current.serverVersion,
      payload: changes,
    });
    return count;
  });
}

export function getYoungPerson(db: RaccrocheDatabase, id: string): Promise<LocalYoungPerson | undefined> {
  return db.youngPeople.get(id);
}
