import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * The caseload's snapshot (see caseload-snapshot.ts): what the list reads of
 * every young person also sits in one of 256 sealed buckets, so the caseload
 * opens a few hundred buckets instead of thousands of records. A bucket may
 * lag behind the young person's own row; this middleware keeps that safe.
 *
 * The invariant: a young person whose id is not in `caseloadDirty` has, in
 * its bucket, the list's fields of its row in `youngPeople` (or is absent
 * from both). Kept by this middleware for every write through Dexie, and by
 * the native edit (native-edit.ts), which marks a young person in the same
 * transaction when a field the list shows changed — else the bucket still
 * holds them. Here:
 * 1. every read-write transaction over `youngPeople` is widened to the
 *    snapshot's two stores, so the next steps can write there;
 * 2. every put, add or delete of young people marks their ids dirty, in the
 *    same transaction — both commit or neither does, whatever the caller.
 *    One mark per write request, however many people it holds: a pull page
 *    writes its hundred young people with one mark, not a hundred;
 * 3. a range deletion (a table cleared) empties the buckets and marks dirty
 *    whoever is left, read after the deletion in the same transaction.
 * Folding the dirty ids into their buckets (caseload-snapshot.ts) happens
 * later, in a transaction of its own.
 */
const PEOPLE_STORE = 'youngPeople';
const BUCKETS_STORE = 'caseloadBuckets';
const DIRTY_STORE = 'caseloadDirty';

type Row = Record<string, unknown>;

function changedIds(req: DBCoreMutateRequest): unknown[] {
  if (req.type === 'delete') return req.keys;
  if (req.type === 'add' || req.type === 'put') return req.keys ?? req.values.map((value) => (value as Row).id);
  return [];
}

function markDirty(down: DBCore, trans: DBCoreTransaction, ids: unknown[]): Promise<unknown> {
  if (ids.length === 0) return Promise.resolve();
  return down.table(DIRTY_STORE).mutate({ type: 'add', trans, values: [{ ids }] });
}

/**
 * Step 3: after a range deletion, nothing in the buckets is known any more;
 * who is left is read again. (Promise chains of the core's own promises, not
 * `async`: Dexie follows its transaction through them.)
 */
function restartSnapshot(down: DBCore, trans: DBCoreTransaction): Promise<unknown> {
  const everything = { type: 3 as const, lower: -Infinity, upper: [[]], lowerOpen: false, upperOpen: false };
  const people = down.table(PEOPLE_STORE);
  return Promise.all([
    down.table(BUCKETS_STORE).mutate({ type: 'deleteRange', trans, range: everything }),
    down.table(DIRTY_STORE).mutate({ type: 'deleteRange', trans, range: everything }),
    // Issued after the range deletion on the same transaction: IndexedDB runs requests in order.
    people.query({ trans, values: false, query: { index: people.schema.primaryKey, range: everything } }),
  ]).then(([, , left]) => markDirty(down, trans, left.result));
}

function markingTable(down: DBCore, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) =>
      req.type === 'deleteRange'
        ? table.mutate(req).then((result) => restartSnapshot(down, req.trans).then(() => result))
        : // Step 2: both requests issued at once, in one transaction.
          Promise.all([table.mutate(req), markDirty(down, req.trans, changedIds(req))]).then(([result]) => result),
  };
}

export function caseloadSnapshotMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'raccroche-caseload-snapshot',
    create: (down) => ({
      ...down,
      // Step 1.
      transaction: (stores, mode, options) =>
        down.transaction(
          mode === 'readwrite' && stores.includes(PEOPLE_STORE)
            ? [...new Set([...stores, BUCKETS_STORE, DIRTY_STORE])]
            : stores,
          mode,
          options,
        ),
      table: (name) => (name === PEOPLE_STORE ? markingTable(down, down.table(name)) : down.table(name)),
    }),
  };
}
