import type { CaseloadPerson } from '../../domain/caseload';
import type { CaseloadBucket, LocalYoungPerson, PackedPeople, RaccrocheDatabase } from './database';

/**
 * The caseload read from a snapshot: what the list shows of every young
 * person also sits in one of BUCKET_COUNT buckets, each sealed as one record.
 * Why: opening a sealed record has a fixed cost (about 20 µs whatever its
 * size), and reading IndexedDB here costs by the byte (`npm run bench`): 3,000
 * cases read from their own rows are 3,000 openings of whole records; from
 * the buckets, at most 256 openings of the list's fields, a quarter of the
 * bytes. The middleware (caseload-snapshot-middleware.ts) marks every young
 * person written as dirty in the same transaction; a dirty one is read from
 * its own row, and `foldCaseloadChanges` later writes it into its bucket.
 */
export const BUCKET_COUNT = 256;

/** Reads with fewer dirty ids than this are not worth a write to fold them (a few openings more). */
export const FOLD_FROM = 16;

/** What the caseload (its list, counts, filters, search and day agenda) reads of a young person. */
export const CASELOAD_FIELDS = [
  'id',
  'lastName',
  'firstNames',
  'ine',
  'birthDate',
  'commune',
  'lastSchoolName',
  'status',
  'origin',
  'campaign',
] as const satisfies readonly (keyof CaseloadPerson)[];
// Every field of CaseloadPerson is listed (a field added there and forgotten here fails to compile).
const listsEveryField: Exclude<keyof CaseloadPerson, (typeof CASELOAD_FIELDS)[number]> extends never ? true : never =
  true;
void listsEveryField;

/** The bucket of a young person: FNV-1a of the id (ids are random UUIDs: buckets fill evenly). */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKET_COUNT;
}

/** The list's fields of a stored young person (absent stays absent). */
export function caseloadPersonOf(person: LocalYoungPerson): CaseloadPerson {
  const picked: Record<string, unknown> = {};
  for (const field of CASELOAD_FIELDS) if (field in person) picked[field] = person[field];
  return picked as unknown as CaseloadPerson;
}

/**
 * People written by columns: each field's name once per bucket, not once per
 * person (40% fewer bytes). People with the same fields share a group.
 */
function packPeople(people: Iterable<CaseloadPerson>): PackedPeople {
  const groups = new Map<string, { fields: string[]; rows: unknown[][] }>();
  for (const person of people) {
    const fields = Object.keys(person);
    const signature = fields.join('\u0001');
    const group = groups.get(signature) ?? { fields, rows: [] };
    group.rows.push(fields.map((field) => (person as unknown as Record<string, unknown>)[field]));
    groups.set(signature, group);
  }
  return [...groups.values()];
}

function unpackPeople(packed: PackedPeople, into: CaseloadPerson[], skip: { has(id: string): boolean }): void {
  for (const { fields, rows } of packed) {
    for (const row of rows) {
      const person: Record<string, unknown> = {};
      for (let index = 0; index < fields.length; index += 1) person[fields[index]!] = row[index];
      if (!skip.has(person.id as string)) into.push(person as unknown as CaseloadPerson);
    }
  }
}

export interface CaseloadRead {
  /** Everyone on the device, by id (as a read of `youngPeople` gives them), with the list's fields. */
  people: CaseloadPerson[];
  /** How many were read from their own rows: their buckets are behind. */
  unfolded: number;
}

/** The dirty marks and the ids they name, once each. */
async function readDirty(db: RaccrocheDatabase): Promise<{ marks: number[]; ids: string[] }> {
  const marks = await db.caseloadDirty.toArray();
  return { marks: marks.map((mark) => mark.seq!), ids: [...new Set(marks.flatMap((mark) => mark.ids))] };
}

const byId = (a: CaseloadPerson, b: CaseloadPerson) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Everyone on the device, in one read-only transaction:
 * 1. the buckets and the dirty ids, read together;
 * 2. the dirty ones read from their own rows (a deleted one is gone);
 * 3. the buckets' people who are not dirty, with them.
 */
export function readCaseloadPeople(db: RaccrocheDatabase): Promise<CaseloadRead> {
  return db.transaction('r', [db.caseloadBuckets, db.caseloadDirty, db.youngPeople], async () => {
    const [buckets, { ids: dirtyIds }] = await Promise.all([db.caseloadBuckets.toArray(), readDirty(db)]);
    const fresh = dirtyIds.length > 0 ? await db.youngPeople.bulkGet(dirtyIds) : [];
    const dirty = new Set(dirtyIds);
    const people: CaseloadPerson[] = [];
    for (const bucket of buckets) unpackPeople(bucket.people, people, dirty);
    for (const person of fresh) if (person) people.push(caseloadPersonOf(person));
    return { people: people.sort(byId), unfolded: dirtyIds.length };
  });
}

function foldedBucket(
  id: number,
  bucket: CaseloadBucket | undefined,
  changed: Map<string, LocalYoungPerson | undefined>,
): CaseloadBucket {
  const people: CaseloadPerson[] = [];
  if (bucket) unpackPeople(bucket.people, people, changed);
  for (const person of changed.values()) if (person) people.push(caseloadPersonOf(person));
  return { id, people: packPeople(people) };
}

/**
 * Writes the dirty young people into their buckets, in one read-write
 * transaction (the invariant holds before and after it):
 * 1. the dirty ids and their rows, as they are now;
 * 2. their buckets, each changed once and sealed once;
 * 3. the ids no longer dirty.
 * Returns how many were folded.
 */
export function foldCaseloadChanges(db: RaccrocheDatabase): Promise<number> {
  return db.transaction('rw', [db.caseloadBuckets, db.caseloadDirty, db.youngPeople], async () => {
    const { marks, ids } = await readDirty(db);
    if (marks.length === 0) return 0;
    const rows = await db.youngPeople.bulkGet(ids);
    const changes = new Map<number, Map<string, LocalYoungPerson | undefined>>();
    ids.forEach((id, index) => {
      const bucketId = bucketOf(id);
      const inBucket = changes.get(bucketId) ?? new Map<string, LocalYoungPerson | undefined>();
      inBucket.set(id, rows[index]);
      changes.set(bucketId, inBucket);
    });
    const bucketIds = [...changes.keys()];
    const buckets = await db.caseloadBuckets.bulkGet(bucketIds);
    const folded = bucketIds.map((bucketId, index) => foldedBucket(bucketId, buckets[index], changes.get(bucketId)!));
    await Promise.all([db.caseloadBuckets.bulkPut(folded), db.caseloadDirty.bulkDelete(marks)]);
    return ids.length;
  });
}
