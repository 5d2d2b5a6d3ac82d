import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { RaccrocheDatabase } from '../../src/app/db/database';

/**
 * A device that last ran the previous app version keeps every record and
 * unsent change when the new version opens its database.
 */
describe('schema upgrade of the device database', () => {
  it('opens a version 1 database and keeps its records and outbox, with their case', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const personId = crypto.randomUUID();
    const previous = new Dexie(name);
    previous
      .version(1)
      .stores({ youngPeople: 'id, status, referentId, lastName', outbox: 'seq, recordId, state', meta: 'key' });
    await previous
      .table('youngPeople')
      .add({ id: personId, lastName: 'Benali', status: 'a_traiter', serverVersion: 3 });
    await previous.table('outbox').add({
      seq: 4,
      mutationId: crypto.randomUUID(),
      entity: 'youngPerson',
      recordId: personId,
      op: 'update',
      baseVersion: 3,
      payload: { commune: 'Bron' },
      createdAt: '2026-11-01T10:00:00.000Z',
      state: 'pending',
    });
    await previous.table('meta').put({ key: 'cursor', value: 'abc' });
    previous.close();

    const db = new RaccrocheDatabase(name);
    expect(await db.youngPeople.get(personId)).toMatchObject({ lastName: 'Benali', serverVersion: 3 });
    const [entry] = await db.outbox.where('caseId').equals(personId).toArray();
    expect(entry).toMatchObject({ seq: 4, payload: { commune: 'Bron' }, state: 'pending', caseId: personId });
    expect((await db.meta.get('cursor'))?.value).toBe('abc');
    expect(await db.contactAttempts.count()).toBe(0);
    await db.delete();
  });
});
