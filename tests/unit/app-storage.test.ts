import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { writeMeta } from '../../src/app/db/meta';
import { createRecord } from '../../src/app/db/records';
import { createYoungPerson, updateYoungPerson } from '../../src/app/db/young-people';
import { blankBilan } from '../../src/domain/bilan';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const AGENTS = [AGENT] as const;

function person(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Durand',
    firstNames: 'Zoé',
    birthDate: '2009-01-01',
    ...overrides,
  };
}

describe('a change and its outbox entry are written together or not at all', () => {
  let db: RaccrocheDatabase;

  beforeEach(async () => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });
  afterEach(async () => {
    await db.delete();
  });

  it('creates the record and a numbered create mutation', async () => {
    const created = person();
    await createYoungPerson(db, created);
    expect(await db.youngPeople.get(created.id)).toMatchObject({ lastName: 'Durand', serverVersion: 0 });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ seq: 1, op: 'create', recordId: created.id, state: 'pending', baseVersion: 0 });
    expect(entry?.payload).toMatchObject({ lastName: 'Durand' });
  });

  it('records only the changed fields of an edit, based on the server version', async () => {
    const created = person();
    await createYoungPerson(db, created);
    await db.youngPeople.update(created.id, { serverVersion: 7 });
    expect(await updateYoungPerson(db, { ...created, commune: 'Bron', phone: '06 39 98 00 01' })).toBe(2);
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(entries[1]).toMatchObject({
      op: 'update',
      baseVersion: 7,
      payload: { commune: 'Bron', phone: '06 39 98 00 01' },
    });
    expect(await updateYoungPerson(db, { ...created, commune: 'Bron', phone: '06 39 98 00 01' })).toBe(0);
    expect(await db.outbox.count()).toBe(2);
  });

  it('writes neither when the outbox write fails', async () => {
    const created = person();
    await db.outbox.add({
      seq: 1, // the number the next mutation would take: its insertion fails
      mutationId: crypto.randomUUID(),
      entity: 'youngPerson',
      recordId: crypto.randomUUID(),
      caseId: '',
      op: 'create',
      baseVersion: 0,
      payload: {},
      createdAt: new Date().toISOString(),
      state: 'pending',
    });
    await expect(createYoungPerson(db, created)).rejects.toThrow();
    expect(await db.youngPeople.get(created.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('writes neither for a case record either (a bilan: no status move before its writes)', async () => {
    const bilan = blankBilan({
      id: crypto.randomUUID(),
      youngPersonId: crypto.randomUUID(),
      authorId: AGENTS[0],
      date: '2026-10-05',
    });
    await db.outbox.add({
      seq: 1,
      mutationId: crypto.randomUUID(),
      entity: 'youngPerson',
      recordId: crypto.randomUUID(),
      caseId: '',
      op: 'create',
      baseVersion: 0,
      payload: {},
      createdAt: new Date().toISOString(),
      state: 'pending',
    });
    await expect(createRecord(db, 'bilan', bilan)).rejects.toThrow();
    expect(await db.bilans.count()).toBe(0);
  });

  it('writes neither when the record write fails', async () => {
    const created = person();
    await createYoungPerson(db, created);
    // Creating the same id again fails on the record: no second mutation may remain.
    await expect(createYoungPerson(db, created)).rejects.toThrow();
    expect(await db.outbox.count()).toBe(1);
    expect((await db.meta.get('device'))?.value).toMatchObject({ nextSeq: 2 });
  });

  it('refuses to write without a registered device, leaving nothing behind', async () => {
    await db.meta.delete('device');
    const created = person();
    await expect(createYoungPerson(db, created)).rejects.toThrow(/Appareil non enregistré/);
    expect(await db.youngPeople.count()).toBe(0);
  });
});
