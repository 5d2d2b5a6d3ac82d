import { defineStore } from 'pinia';
import type { YoungPerson } from '../../domain/young-person';
import { appDb } from '../db/instance';
import { createYoungPerson, getYoungPerson, updateYoungPerson } from '../db/young-people';
import { useSyncStore } from './sync';

/** Reads and saves one young person on the device; a save also nudges the sync. */
export const useYoungPersonEditor = defineStore('young-person-editor', () => {
  const sync = useSyncStore();

  async function load(id: string): Promise<YoungPerson | undefined> {
    const found = await getYoungPerson(appDb, id);
    if (!found) return undefined;
    const { serverVersion: _version, serverUpdatedAt: _updatedAt, ...person } = found;
    return person;
  }

  async function create(person: YoungPerson): Promise<void> {
    await createYoungPerson(appDb, person);
    void sync.syncNow();
  }

  async function saveChanges(person: YoungPerson): Promise<void> {
    if ((await updateYoungPerson(appDb, person)) > 0) void sync.syncNow();
  }

  return { load, create, saveChanges };
});
