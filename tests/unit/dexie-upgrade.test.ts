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

  it('opens a version 2 database and keeps its records, unsent changes and drafts', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const personId = crypto.randomUUID();
    const previous = new Dexie(name);
    previous
      .version(1)
      .stores({ youngPeople: 'id, status, referentId, lastName', outbox: 'seq, recordId, state', meta: 'key' });
    previous.version(2).stores({
      outbox: 'seq, recordId, state, caseId',
      contactAttempts: 'id, youngPersonId, [youngPersonId+occurredAt]',
      meetings: 'id, youngPersonId',
      statusChanges: 'id, youngPersonId',
      bilans: 'id, youngPersonId',
      proposals: 'id, youngPersonId',
      contracts: 'id, youngPersonId',
      solutions: 'id, type',
      drafts: 'key',
    });
    await previous
      .table('youngPeople')
      .add({ id: personId, lastName: 'Nguyen', status: 'entretien', serverVersion: 8 });
    await previous
      .table('meetings')
      .add({ id: crypto.randomUUID(), youngPersonId: personId, notes: 'Entretien', serverVersion: 0 });
    await previous.table('drafts').put({
      key: `meeting:${personId}:entretien`,
      value: { notes: 'Notes tapées avant la mise à jour' },
      savedAt: '2026-11-01T10:00:00.000Z',
    });
    await previous.table('outbox').add({ seq: 1, recordId: personId, caseId: personId, state: 'pending', payload: {} });
    previous.close();

    const db = new RaccrocheDatabase(name);
    expect(await db.youngPeople.get(personId)).toMatchObject({ lastName: 'Nguyen' });
    expect(await db.meetings.where('youngPersonId').equals(personId).count()).toBe(1);
    expect((await db.drafts.get(`meeting:${personId}:entretien`))?.value).toEqual({
      notes: 'Notes tapées avant la mise à jour',
    });
    expect(await db.outbox.count()).toBe(1);
    expect(await db.conflicts.count()).toBe(0); // the table version 3 adds
    await db.delete();
  });
});
