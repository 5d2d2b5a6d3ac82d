import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RecordChange } from '../../src/domain/sync-messages';
import { storedForm } from './workload';

/**
 * The peer: RxDB (its free Dexie-based storage) doing the same work, the way
 * its documentation does it — bulk upserts for a pull page, one document
 * patch per edit (RxDB derives what to replicate from the documents: there
 * is no outbox to write, nor any transaction across collections), queries by
 * index. No dev-mode (no schema validation), as in production.
 */
type Doc = Record<string, unknown> & { id: string };
const id = { type: 'string', maxLength: 40 } as const;
const schema = (
  indexes: (string | string[])[],
  indexed: Record<string, { type: 'string'; maxLength: number }>,
): RxJsonSchema<Doc> => ({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id, ...indexed },
  required: ['id', ...Object.keys(indexed)],
  indexes,
});

const COLLECTIONS = {
  people: schema(['status', 'referentId'], { status: { type: 'string', maxLength: 40 }, referentId: id }),
  contactattempts: schema(['youngPersonId', ['youngPersonId', 'occurredAt']], {
    youngPersonId: id,
    occurredAt: { type: 'string', maxLength: 40 },
  }),
  meetings: schema(['youngPersonId'], { youngPersonId: id }),
  meta: schema([], {}),
};
type Collections = { [name in keyof typeof COLLECTIONS]: RxCollection<Doc> };
const COLLECTION_OF: Record<string, keyof Collections> = {
  youngPerson: 'people',
  contactAttempt: 'contactattempts',
  meeting: 'meetings',
};

export type RxPeer = RxDatabase<Collections>;

export async function openRx(name: string): Promise<RxPeer> {
  const db = await createRxDatabase<Collections>({ name, storage: getRxStorageDexie() });
  await db.addCollections(
    Object.fromEntries(Object.entries(COLLECTIONS).map(([collection, shape]) => [collection, { schema: shape }])),
  );
  return db;
}

/** The documents of each collection; a record changed twice in one page counts once, last version (RxDB refuses twins). */
function byCollection(changes: readonly RecordChange[]): Map<keyof Collections, Doc[]> {
  const grouped = new Map<keyof Collections, Map<string, Doc>>();
  for (const change of changes) {
    const name = COLLECTION_OF[change.entity]!;
    const docs = grouped.get(name) ?? new Map<string, Doc>();
    docs.set(change.id, storedForm(change));
    grouped.set(name, docs);
  }
  return new Map([...grouped].map(([name, docs]) => [name, [...docs.values()]]));
}

/**
 * RxDB answers a query it has run before from its in-memory query cache; a
 * condition that is always true but new each time makes it read its storage,
 * as the first query after a start does.
 */
let queries = 0;
const uncached = (field = 'id') => ({ [field]: { $ne: `never-${(queries += 1)}` } });

export async function rxFill(db: RxPeer, changes: readonly RecordChange[]): Promise<void> {
  for (const [name, docs] of byCollection(changes)) {
    for (let start = 0; start < docs.length; start += 5_000) {
      const { error } = await db[name].bulkInsert(docs.slice(start, start + 5_000));
      if (error.length > 0) throw new Error(`RxDB insert: ${JSON.stringify(error[0]).slice(0, 200)}`);
    }
  }
}

/** A pull page: a bulk upsert per collection, then the cursor (RxDB has no transaction across collections). */
export async function rxApplyPage(db: RxPeer, changes: readonly RecordChange[], cursor: string): Promise<void> {
  for (const [name, docs] of byCollection(changes)) {
    const { error } = await db[name].bulkUpsert(docs);
    if (error.length > 0) throw new Error(`RxDB upsert: ${JSON.stringify(error[0]).slice(0, 200)}`);
  }
  await db.meta.upsert({ id: 'cursor', value: cursor });
}

export async function rxEdit(db: RxPeer, personId: string, phone: string): Promise<void> {
  const doc = await db.people.findOne(personId).exec(true);
  await doc.incrementalPatch({ phone });
}

export function rxReadCaseload(db: RxPeer, referentId: string) {
  return db.people.find({ selector: { referentId, ...uncached() } }).exec();
}

/** RxDB's way to search: a regular expression per field (case-insensitive, not accent-insensitive), 100 results. */
export function rxSearch(db: RxPeer, term: string) {
  const pattern = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const fields = ['lastName', 'firstNames', 'ine', 'commune', 'lastSchoolName'];
  return db.people
    .find({
      selector: { ...uncached(), $or: fields.map((field) => ({ [field]: { $regex: pattern, $options: 'i' } })) },
      limit: 100,
    })
    .exec();
}

export function rxReadCase(db: RxPeer, personId: string) {
  return Promise.all([
    db.people.find({ selector: { id: personId, ...uncached('status') } }).exec(),
    db.contactattempts.find({ selector: { youngPersonId: personId, ...uncached() } }).exec(),
    db.meetings.find({ selector: { youngPersonId: personId, ...uncached() } }).exec(),
  ]);
}
