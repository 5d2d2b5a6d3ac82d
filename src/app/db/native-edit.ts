import Dexie from 'dexie';
import { sameValue } from '../../domain/merge';
import type { EntityName } from '../../domain/sync-messages';
import { CASELOAD_FIELDS } from './caseload-snapshot';
import { openRow, sealRow } from './crypto/encryption-middleware';
import type { DeviceInfo, MetaEntry, RaccrocheDatabase } from './database';
import { announceWrites, type RowWritten } from './live-query-notice';
import { afterNumbering, numberedEntry } from './outbox';
import { tableOf, type AnyLocalRecord } from './tables';
import { movesCaseStatus, planUpdate } from './update-plan';

/**
 * One edit written beside Dexie, in a native IndexedDB transaction.
 *
 * Why: an edit is a small transaction, and there Dexie's own machinery (its
 * transaction zone, promise and middleware chain, change tracking) costs as
 * much as IndexedDB itself — 2× raw in `npm run bench`, where the budget is
 * 1.3×. This path makes the fewest requests an edit's guarantees allow: the
 * record and the device's registration read together; the record, its
 * mutation and the device's next number written together — and the
 * caseload's dirty mark when a field the list shows changed. Five requests
 * where the Dexie path makes seven: the outbox is not read, because the
 * device's registration lists the records with a refused change
 * (DeviceInfo.refusedRecordIds).
 *
 * It writes what the Dexie path (records.ts stageUpdate) writes: the same
 * plan (update-plan.ts), the same sealing (encryption-middleware.ts), the
 * same outbox entry and numbering (outbox.ts), the caseload snapshot's
 * invariant kept (caseload-snapshot-middleware.ts), Dexie's live queries
 * told (live-query-notice.ts). It takes the common edit only, and hands any
 * other to the Dexie path after its own transaction ended without a write:
 * a record the device does not hold, a record with a refused change (its
 * correction takes it over), an edit that moves its case's status (another
 * record written), an edit inside a Dexie transaction (part of a larger
 * change), a database Dexie has not open.
 */
export const DEXIE_PATH = Symbol('use the Dexie path');

/** The store whose writes the caseload's snapshot follows (caseload-snapshot-middleware.ts). */
const PEOPLE_STORE = 'youngPeople';

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/** The transaction's end; a failure carries the first request's error (a full disk, a number taken), as Dexie's does. */
const completion = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    let firstError: DOMException | null = null;
    tx.onerror = (event) => (firstError ??= (event.target as IDBRequest).error);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(firstError ?? tx.error ?? new DOMException('Transaction abandonnée', 'AbortError'));
  });

function nativeConnection(db: RaccrocheDatabase): IDBDatabase | null {
  if (!db.isOpen()) return null;
  try {
    return db.backendDB();
  } catch {
    return null;
  }
}

/** Whether a field the caseload shows differs: else the person's bucket still holds them exactly. */
function listedFieldsDiffer(before: AnyLocalRecord, after: AnyLocalRecord): boolean {
  return CASELOAD_FIELDS.some((field) => !sameValue(before[field], after[field]));
}

/**
 * Saves an edit as records.ts updateRecord does; returns the number of fields
 * changed, or DEXIE_PATH when the edit is not one this path takes.
 * 1. One transaction over the record's store, the outbox and meta (and the
 *    caseload's dirty marks for a young person).
 * 2. The record and the device read together, opened.
 * 3. Not the common edit: nothing written, the Dexie path takes it.
 * 4. The plan: nothing changed, nothing written; a refusal aborts.
 * 5. Every row sealed before the first write (a locked device throws here),
 *    then the writes issued together; the transaction commits them all or none.
 * 6. After the commit, the live queries told.
 */
export async function nativeUpdate(
  db: RaccrocheDatabase,
  entity: EntityName,
  edited: Record<string, unknown> & { id: string },
): Promise<number | typeof DEXIE_PATH> {
  // Inside a Dexie transaction, the edit belongs to it (and a second transaction would wait for it to end).
  if (Dexie.currentTransaction) return DEXIE_PATH;
  const idb = nativeConnection(db);
  if (!idb) return DEXIE_PATH;
  const storeName = tableOf(db, entity).name;
  const marksCaseload = storeName === PEOPLE_STORE;
  let tx: IDBTransaction;
  try {
    tx = idb.transaction(
      marksCaseload ? [storeName, 'outbox', 'meta', 'caseloadDirty'] : [storeName, 'outbox', 'meta'],
      'readwrite',
    ); // step 1
  } catch {
    return DEXIE_PATH; // the connection is closing (a new version elsewhere): Dexie reopens it
  }
  const committed = completion(tx);
  try {
    const written = await writeEdit(db, tx, storeName, entity, edited);
    await committed;
    if (written === DEXIE_PATH) return DEXIE_PATH;
    if (written.rows.length > 0) announceWrites(db, written.rows); // step 6
    return written.changed;
  } catch (error) {
    if (!tx.error) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
    }
    await committed.catch(() => undefined);
    throw error;
  }
}

async function writeEdit(
  db: RaccrocheDatabase,
  tx: IDBTransaction,
  storeName: string,
  entity: EntityName,
  edited: Record<string, unknown> & { id: string },
): Promise<{ changed: number; rows: RowWritten[] } | typeof DEXIE_PATH> {
  const store = tx.objectStore(storeName);
  const meta = tx.objectStore('meta');
  const [stored, deviceEntry] = await Promise.all([
    request(store.get(edited.id)),
    request(meta.get('device') as IDBRequest<MetaEntry<'device'> | undefined>),
  ]); // step 2
  const device: DeviceInfo | undefined = deviceEntry?.value;
  if (!stored || !device || device.refusedRecordIds?.includes(edited.id)) return DEXIE_PATH; // step 3
  const current = openRow(db.encryption, stored) as AnyLocalRecord;
  const plan = planUpdate(entity, current, edited); // step 4
  if (!plan) return { changed: 0, rows: [] };
  if (movesCaseStatus(entity, plan)) return DEXIE_PATH;
  const entry = numberedEntry(
    {
      entity,
      recordId: edited.id,
      caseId: plan.caseId,
      op: 'update',
      baseVersion: current.serverVersion,
      payload: plan.changes,
      event: plan.event,
    },
    device,
  );
  const deviceNext: MetaEntry<'device'> = { key: 'device', value: afterNumbering(device) };
  const rows: RowWritten[] = [
    { table: storeName, key: edited.id, before: current, after: plan.next },
    { table: 'outbox', key: entry.seq, after: { ...entry } },
    { table: 'meta', key: 'device', before: { ...deviceEntry }, after: { ...deviceNext } },
  ];
  const sealed = rows.map((row) => sealRow(db.encryption, row.table, row.after)); // step 5
  store.put(sealed[0]);
  tx.objectStore('outbox').add(sealed[1]);
  meta.put(sealed[2]);
  if (storeName === PEOPLE_STORE && listedFieldsDiffer(current, plan.next)) {
    const mark = { ids: [edited.id] };
    const added = tx.objectStore('caseloadDirty').add(mark);
    // Its key is the store's next number, known once written: read when the live queries are told, after the commit.
    rows.push({
      table: 'caseloadDirty',
      get key() {
        return added.result as number;
      },
      after: mark,
    });
  }
  return { changed: Object.keys(plan.changes).length, rows };
}
