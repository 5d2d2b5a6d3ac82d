import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldCaseloadChanges, readCaseloadPeople } from '../../src/app/db/caseload-snapshot';
import { DeviceLockedError } from '../../src/app/db/crypto/encryption-middleware';
import { newDataKey } from '../../src/app/db/crypto/sealing';
import { RaccrocheDatabase, type OutboxEntry } from '../../src/app/db/database';
import { storeLogin } from '../../src/app/db/device-session';
import { readMeta, writeMeta } from '../../src/app/db/meta';
import { settleMutations } from '../../src/app/db/outbox';
import { createRecord, localChange, stageUpdate, updateRecord } from '../../src/app/db/records';
import type { LoginResponse } from '../../src/domain/auth-messages';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

/**
 * The common edit is written natively, beside Dexie (native-edit.ts). It
 * must write exactly what the Dexie path writes, tell the live queries, keep
 * the outbox's numbering and a refused change's correction, and write
 * nothing when anything fails.
 */
const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const DEVICE = '9d3e5a7b-1c2f-4e6a-8b0d-2f4a6c8e0b13';

function person(): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Lefèvre',
    firstNames: 'Anaïs',
    birthDate: '2009-03-14',
    phone: '06 12 34 56 78',
    commune: 'Roubaix',
  };
}

/** A device holding one young person (created by it: the numbering is at 2), its outbox emptied. */
async function deviceWithPerson(sealed: boolean, created = person()) {
  const db = new RaccrocheDatabase(`native-${crypto.randomUUID()}`);
  if (sealed) {
    db.encryption.mode = 'unlocked';
    db.encryption.key = newDataKey();
  }
  await writeMeta(db, 'device', { id: DEVICE, agentId: AGENT, nextSeq: 1 });
  await createRecord(db, 'youngPerson', created);
  await db.outbox.clear();
  return { db, created };
}

/** What a device holds, without what differs by nature (a mutation's id and time, a seal's nonce). */
async function contents(db: RaccrocheDatabase) {
  const outbox = (await db.outbox.toArray()).map(({ mutationId: _id, createdAt: _at, ...entry }) => entry);
  return { people: await db.youngPeople.toArray(), outbox, device: await readMeta(db, 'device') };
}

/** The keys of every row of a store as IndexedDB holds it (sealed or not). */
async function storedShapes(db: RaccrocheDatabase, store: string): Promise<string[]> {
  const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
    const request = db.backendDB().transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
    request.onerror = () => reject(request.error);
  });
  return rows.map((row) => Object.keys(row).sort().join());
}

const editArbitrary = fc.record(
  {
    lastName: fc.constantFrom('Lefèvre', 'Nguyễn', "N'Diaye", 'Ødegård'),
    phone: fc.constantFrom('06 12 34 56 78', '07 98 76 54 32'),
    commune: fc.constantFrom('Roubaix', 'Tourcoing', 'Lille'),
    email: fc.constantFrom('anais@example.fr', ''),
  },
  { requiredKeys: [] },
);

describe('an edit written natively', () => {
  const opened: RaccrocheDatabase[] = [];
  const open = async (sealed = true, created = person()) => {
    const device = await deviceWithPerson(sealed, created);
    opened.push(device.db);
    return device;
  };
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(opened.splice(0).map((db) => db.delete()));
  });

  it('writes what the Dexie path writes: the record, its mutation, the numbering, sealed alike', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), fc.boolean(), async (edits, sealed) => {
        const native = await open(sealed);
        const viaDexie = await open(sealed, native.created);
        const transaction = vi.spyOn(native.db, 'transaction');
        for (const edit of edits) {
          const changed = await updateRecord(native.db, 'youngPerson', { id: native.created.id, ...edit });
          const expected = await localChange(viaDexie.db, () =>
            stageUpdate(viaDexie.db, 'youngPerson', { id: viaDexie.created.id, ...edit }),
          );
          expect(changed).toBe(expected);
        }
        expect(transaction).not.toHaveBeenCalled();
        expect(await contents(native.db)).toEqual(await contents(viaDexie.db));
        for (const store of ['youngPeople', 'outbox', 'meta']) {
          expect(await storedShapes(native.db, store)).toEqual(await storedShapes(viaDexie.db, store));
        }
        // The Dexie path marks every write of a young person; this one, those the list sees (test below).
        expect((await readCaseloadPeople(native.db)).people).toEqual((await readCaseloadPeople(viaDexie.db)).people);
      }),
      { numRuns: 25 },
    );
  });

  it('tells live queries of this tab what changed: the record, the pending count, the record’s entries', async () => {
    const { db, created } = await open();
    const seen: { commune?: string; pending: number; entries: number }[] = [];
    const subscription = liveQuery(async () => ({
      commune: (await db.youngPeople.get(created.id))?.commune,
      pending: await db.outbox.where('state').equals('pending').count(),
      entries: (await db.outbox.where('recordId').equals(created.id).toArray()).length,
    })).subscribe((value) => seen.push(value));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ commune: 'Roubaix', pending: 0, entries: 0 }));
    await updateRecord(db, 'youngPerson', { ...created, commune: 'Wattrelos' });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ commune: 'Wattrelos', pending: 1, entries: 1 }));
    await updateRecord(db, 'youngPerson', { id: created.id, phone: '07 00 00 00 01' });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ commune: 'Wattrelos', pending: 2, entries: 2 }));
    subscription.unsubscribe();
  });

  it('marks the caseload’s snapshot only when a field the list shows changed', async () => {
    const { db, created } = await open();
    await db.caseloadDirty.clear();
    await updateRecord(db, 'youngPerson', { ...created, phone: '07 11 22 33 44' });
    expect(await db.caseloadDirty.count()).toBe(0);
    await foldCaseloadChanges(db);
    await updateRecord(db, 'youngPerson', { ...created, phone: '07 11 22 33 44', lastName: 'Lefebvre' });
    expect((await db.caseloadDirty.toArray()).map((mark) => mark.ids)).toEqual([[created.id]]);
    expect((await readCaseloadPeople(db)).people).toMatchObject([{ id: created.id, lastName: 'Lefebvre' }]);
  });

  it('hands a refused change’s correction to the Dexie path, which takes it over; then edits natively again', async () => {
    const { db, created } = await open();
    await updateRecord(db, 'youngPerson', { ...created, email: 'pas-une-adresse' });
    await refuse(db, 2);
    expect((await readMeta(db, 'device'))?.refusedRecordIds).toEqual([created.id]);

    const transaction = vi.spyOn(db, 'transaction');
    await updateRecord(db, 'youngPerson', { ...created, email: 'anais@example.fr', commune: 'Lys' });
    expect(transaction).toHaveBeenCalledTimes(1);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ seq: 3, state: 'pending', payload: { email: 'anais@example.fr', commune: 'Lys' } });
    expect(await db.outbox.count()).toBe(1);
    expect((await readMeta(db, 'device'))?.refusedRecordIds).toBeUndefined();

    await updateRecord(db, 'youngPerson', { ...created, email: 'anais@example.fr', commune: 'Hem' });
    expect(transaction).toHaveBeenCalledTimes(1);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([3, 4]);
  });

  it('writes nothing on a locked device, and nothing when its mutation cannot be written', async () => {
    const { db, created } = await open();
    db.encryption.mode = 'locked';
    await expect(updateRecord(db, 'youngPerson', { ...created, commune: 'Lille' })).rejects.toBeInstanceOf(
      DeviceLockedError,
    );
    db.encryption.mode = 'unlocked';
    expect(await db.outbox.count()).toBe(0);
    expect((await readMeta(db, 'device'))?.nextSeq).toBe(2);

    // A number already taken (a corrupted numbering): the outbox refuses it, the record stays as it was.
    await db.outbox.add({ ...someEntry(created.id), seq: 2 });
    const failure = await updateRecord(db, 'youngPerson', { ...created, commune: 'Lille' }).catch((e: unknown) => e);
    expect((failure as Error).name).toBe('ConstraintError');
    expect((await db.youngPeople.get(created.id))?.commune).toBe('Roubaix');
    expect((await readMeta(db, 'device'))?.nextSeq).toBe(2);
  });

  it('belongs to the Dexie transaction it is made in: undone with it', async () => {
    const { db, created } = await open();
    const failure = await localChange(db, async () => {
      await updateRecord(db, 'youngPerson', { ...created, commune: 'Halluin' });
      throw new Error('la suite du changement échoue');
    }).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('la suite du changement échoue');
    expect((await db.youngPeople.get(created.id))?.commune).toBe('Roubaix');
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the list of refused records across a login of the same device, and rebuilds it when renumbering', async () => {
    const { db, created } = await open();
    await updateRecord(db, 'youngPerson', { ...created, email: 'pas-une-adresse' });
    await refuse(db, 2);
    const login = (deviceId: string, lastSeq: number) =>
      ({
        deviceId,
        lastSeq,
        accessToken: 'a',
        refreshToken: 'r',
        sessionExpiresAt: '2027-01-01T00:00:00.000Z',
        agent: { id: AGENT },
      }) as unknown as LoginResponse;
    await storeLogin(db, login(DEVICE, 1));
    expect((await readMeta(db, 'device'))?.refusedRecordIds).toEqual([created.id]);
    await storeLogin(db, login(crypto.randomUUID(), 40));
    expect(await readMeta(db, 'device')).toMatchObject({ nextSeq: 42, refusedRecordIds: [created.id] });
    expect((await db.outbox.toArray()).map((entry) => [entry.seq, entry.state])).toEqual([[41, 'rejected']]);
  });
});

/** The endpoint's refusal of the mutation numbered `seq`. */
async function refuse(db: RaccrocheDatabase, seq: number): Promise<void> {
  const { mutationId } = (await db.outbox.get(seq))!;
  await settleMutations(db, [{ seq, mutationId, status: 'rejected', reason: 'Adresse invalide' }]);
}

function someEntry(recordId: string): OutboxEntry {
  return {
    seq: 0,
    mutationId: crypto.randomUUID(),
    entity: 'youngPerson',
    recordId,
    caseId: recordId,
    op: 'update',
    baseVersion: 0,
    payload: {},
    createdAt: new Date().toISOString(),
    state: 'pending',
  };
}

describe('a device upgraded to the list of refused records (version 6)', () => {
  let name: string;
  beforeEach(() => {
    name = `upgrade-${crypto.randomUUID()}`;
  });
  afterEach(() => Dexie.delete(name));

  it('lists the records of its outbox when it holds a refused change, reading no sealed content (locked)', async () => {
    const previous = new Dexie(name);
    previous.version(5).stores({
      youngPeople: 'id, status, referentId',
      outbox: 'seq, recordId, state, caseId',
      meta: 'key',
      caseloadBuckets: 'id',
      caseloadDirty: '++seq',
    });
    const sealedEntry = (seq: number, recordId: string, state: string) => ({
      seq,
      recordId,
      caseId: recordId,
      state,
      sealed: new Uint8Array([0xc2, 1, 2, 3]),
    });
    await previous.table('outbox').bulkAdd([sealedEntry(1, 'a', 'pending'), sealedEntry(2, 'b', 'rejected')]);
    await previous.table('meta').put({ key: 'device', value: { id: DEVICE, agentId: AGENT, nextSeq: 3 } });
    previous.close();

    const db = new RaccrocheDatabase(name);
    db.encryption.mode = 'locked';
    expect(await readMeta(db, 'device')).toEqual({
      id: DEVICE,
      agentId: AGENT,
      nextSeq: 3,
      refusedRecordIds: ['a', 'b'],
    });
    db.close();
  });

  it('lists none when it holds no refused change', async () => {
    const previous = new Dexie(name);
    previous.version(5).stores({ youngPeople: 'id', outbox: 'seq, recordId, state, caseId', meta: 'key' });
    await previous.table('outbox').add({ seq: 1, recordId: 'a', caseId: 'a', state: 'pending' });
    await previous.table('meta').put({ key: 'device', value: { id: DEVICE, agentId: AGENT, nextSeq: 2 } });
    previous.close();

    const db = new RaccrocheDatabase(name);
    expect(await readMeta(db, 'device')).toEqual({ id: DEVICE, agentId: AGENT, nextSeq: 2 });
    db.close();
  });
});
