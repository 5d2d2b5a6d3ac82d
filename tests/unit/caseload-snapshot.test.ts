import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bucketOf,
  BUCKET_COUNT,
  caseloadPersonOf,
  foldCaseloadChanges,
  readCaseloadPeople,
} from '../../src/app/db/caseload-snapshot';
import { newDataKey } from '../../src/app/db/crypto/sealing';
import { RaccrocheDatabase, type LocalYoungPerson } from '../../src/app/db/database';
import { writeMeta } from '../../src/app/db/meta';
import { LocalRefusal, updateRecord } from '../../src/app/db/records';

/**
 * The caseload read from its buckets must always be exactly the young people
 * stored, whatever was written, deleted, cleared, folded or rolled back before.
 */
const IDS = Array.from({ length: 10 }, () => crypto.randomUUID());
const STATUSES = ['a_traiter', 'contact_en_cours', 'clos'] as const;

const personArbitrary = fc.record({
  id: fc.constantFrom(...IDS),
  lastName: fc.constantFrom('Benali', 'Lefèvre', 'Nguyễn', "N'Diaye"),
  status: fc.constantFrom(...STATUSES),
  serverVersion: fc.nat({ max: 9 }),
});

type Step =
  | { kind: 'put'; person: Person }
  | { kind: 'bulkPut'; people: Person[] }
  | { kind: 'update'; id: string; lastName: string }
  | { kind: 'edit'; id: string; field: 'lastName' | 'phone'; value: string }
  | { kind: 'delete'; id: string }
  | { kind: 'modifyStatus'; from: Status; to: Status }
  | { kind: 'deleteStatus'; status: Status }
  | { kind: 'clear' }
  | { kind: 'fold' }
  | { kind: 'rolledBack'; person: Person };
type Status = (typeof STATUSES)[number];
type Person = { id: string; lastName: string; status: Status; serverVersion: number };

const editArbitrary = fc.record({
  kind: fc.constant('edit' as const),
  id: fc.constantFrom(...IDS),
  field: fc.constantFrom('lastName' as const, 'phone' as const),
  value: fc.string(),
});

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), person: personArbitrary }),
  fc.record({ kind: fc.constant('bulkPut' as const), people: fc.array(personArbitrary, { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('update' as const), id: fc.constantFrom(...IDS), lastName: fc.string() }),
  editArbitrary,
  editArbitrary,
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
  fc.record({
    kind: fc.constant('modifyStatus' as const),
    from: fc.constantFrom(...STATUSES),
    to: fc.constantFrom(...STATUSES),
  }),
  fc.record({ kind: fc.constant('deleteStatus' as const), status: fc.constantFrom(...STATUSES) }),
  fc.constant({ kind: 'clear' as const }),
  fc.constant({ kind: 'fold' as const }),
  fc.constant({ kind: 'fold' as const }),
  fc.record({ kind: fc.constant('rolledBack' as const), person: personArbitrary }),
);

/** What the caseload should read: the list's fields of every young person stored. */
const storedPeople = async (db: RaccrocheDatabase) => (await db.youngPeople.toArray()).map(caseloadPersonOf);

const stored = (person: Person) => ({ ...person, serverUpdatedAt: null }) as unknown as LocalYoungPerson;

async function run(db: RaccrocheDatabase, step: Step): Promise<void> {
  switch (step.kind) {
    case 'put':
      return void (await db.youngPeople.put(stored(step.person)));
    case 'bulkPut':
      return void (await db.youngPeople.bulkPut(step.people.map(stored)));
    case 'update':
      return void (await db.youngPeople.update(step.id, { lastName: step.lastName }));
    case 'edit': // the user's edit, written natively: marked only when a field the list shows changed
      return void (await updateRecord(db, 'youngPerson', { id: step.id, [step.field]: step.value }).catch(
        (error: unknown) => {
          if (!(error instanceof LocalRefusal)) throw error; // a person not (or no longer) stored
        },
      ));
    case 'delete':
      return db.youngPeople.delete(step.id);
    case 'modifyStatus':
      return void (await db.youngPeople.where('status').equals(step.from).modify({ status: step.to }));
    case 'deleteStatus':
      return void (await db.youngPeople.where('status').equals(step.status).delete());
    case 'clear':
      return db.youngPeople.clear();
    case 'fold':
      return void (await foldCaseloadChanges(db));
    case 'rolledBack':
      await db
        .transaction('rw', db.youngPeople, db.outbox, async () => {
          await db.youngPeople.put(stored(step.person));
          throw new Error('abandon');
        })
        .catch(() => undefined);
  }
}

describe("the caseload's snapshot", () => {
  let db: RaccrocheDatabase;
  beforeEach(async () => {
    db = new RaccrocheDatabase(`snapshot-${crypto.randomUUID()}`);
    db.encryption.mode = 'unlocked';
    db.encryption.key = newDataKey();
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: crypto.randomUUID(), nextSeq: 1 });
  });
  afterEach(() => db.delete());

  it('reads exactly the young people stored, after any writes, folds and rollbacks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), async (steps) => {
        await db.youngPeople.clear();
        for (const step of steps) {
          await run(db, step);
          const read = await readCaseloadPeople(db);
          expect(read.people).toEqual(await storedPeople(db));
        }
        await foldCaseloadChanges(db);
        const folded = await readCaseloadPeople(db);
        expect(folded.unfolded).toBe(0);
        expect(folded.people).toEqual(await storedPeople(db));
      }),
      { numRuns: 60 },
    );
  });

  it('reads folded people from their buckets, sealed, and only the changed ones from their rows', async () => {
    const people = Array.from({ length: 40 }, (_, index) =>
      stored({ id: crypto.randomUUID(), lastName: `Zanetti-${index}`, status: 'a_traiter', serverVersion: 1 }),
    );
    await db.youngPeople.bulkPut(people);
    expect((await readCaseloadPeople(db)).unfolded).toBe(40);
    expect(await foldCaseloadChanges(db)).toBe(40);
    expect(await db.caseloadBuckets.count()).toBe(new Set(people.map((person) => bucketOf(person.id))).size);

    await db.youngPeople.update(people[3]!.id, { lastName: 'Hélène' });
    const read = await readCaseloadPeople(db);
    expect(read.unfolded).toBe(1);
    expect(read.people.find((person) => person.id === people[3]!.id)?.lastName).toBe('Hélène');

    const raw = await rawBuckets(db.name);
    expect(raw.every((row) => Object.keys(row).sort().join() === 'id,sealed' && row.sealed instanceof Uint8Array)).toBe(
      true,
    );
  });

  it('spreads ids over its buckets', () => {
    const counts = new Array<number>(BUCKET_COUNT).fill(0);
    for (let index = 0; index < BUCKET_COUNT * 20; index += 1) counts[bucketOf(crypto.randomUUID())]! += 1;
    expect(Math.max(...counts)).toBeLessThan(50);
    expect(Math.min(...counts)).toBeGreaterThan(3);
  });

  it('shows the people of a device upgraded from the version before it, then folds them', async () => {
    const name = `snapshot-upgrade-${crypto.randomUUID()}`;
    const previous = new Dexie(name);
    previous
      .version(4)
      .stores({ youngPeople: 'id, status, referentId', outbox: 'seq, recordId, state, caseId', meta: 'key' });
    const people = IDS.slice(0, 3).map((id) => stored({ id, lastName: 'Benali', status: 'clos', serverVersion: 2 }));
    await previous.table('youngPeople').bulkPut(people);
    previous.close();

    const upgraded = new RaccrocheDatabase(name);
    const read = await readCaseloadPeople(upgraded);
    expect(read).toEqual({
      people: [...people].sort((a, b) => a.id.localeCompare(b.id)).map(caseloadPersonOf),
      unfolded: 3,
    });
    await foldCaseloadChanges(upgraded);
    expect(await readCaseloadPeople(upgraded)).toEqual({ ...read, unfolded: 0 });
    await upgraded.delete();
  });
});

async function rawBuckets(name: string): Promise<Record<string, unknown>[]> {
  const open = indexedDB.open(name);
  const idb = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
  const rows = await new Promise<Record<string, unknown>[]>((resolve) => {
    const request = idb.transaction('caseloadBuckets').objectStore('caseloadBuckets').getAll();
    request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
  });
  idb.close();
  return rows;
}
