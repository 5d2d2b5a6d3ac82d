import type { Table } from 'dexie';
import {
  PROTOCOL_VERSION,
  entityName,
  pullResponseSchema,
  type PullResponse,
  type RecordChange,
} from '../../domain/sync-messages';
import type { OutboxEntry, RaccrocheDatabase } from '../db/database';
import { removeCase } from '../db/cases';
import { readMeta, writeMeta } from '../db/meta';
import { localChange } from '../db/records';
import { tableOf, type AnyLocalRecord } from '../db/tables';
import type { ApiClient } from './api-client';
import { rebase } from './rebase';

export const PULL_PAGE_SIZE = 500;

function unsentFor(change: RecordChange, outbox: readonly OutboxEntry[]): OutboxEntry[] {
  return change.entity === 'youngPerson'
    ? outbox.filter((entry) => entry.caseId === change.id || entry.recordId === change.id)
    : outbox.filter((entry) => entry.recordId === change.id);
}

/** A record (or its young person) this device deleted, the deletion not yet accepted. */
function deletedHere(change: RecordChange, outbox: readonly OutboxEntry[]): boolean {
  const caseId = change.entity === 'youngPerson' ? change.id : String(change.data?.youngPersonId ?? '');
  return outbox.some(
    (entry) =>
      entry.op === 'delete' &&
      entry.state === 'pending' &&
      (entry.recordId === change.id || (entry.entity === 'youngPerson' && entry.recordId === caseId)),
  );
}

/**
 * Applies changes from the endpoint to the device's tables. Call inside
 * localChange.
 *
 * 1. Read the outbox (it is small: what has not been accepted yet).
 * 2. For each change: the server copy with the unsent mutations re-applied
 *    on top (rebase) — the user keeps seeing their own work.
 *    A deletion does not remove a record that still has unsent work. A case
 *    that left the user's scope (reassigned, transferred) is removed with
 *    all its records — unless it holds unsent work, which is kept, and sent:
 *    the endpoint's answer then shows on it.
 * 3. The records to write are written one bulk write per table, issued
 *    together: awaiting each record's put made a page of 500 records several
 *    times slower than IndexedDB writing them (`npm run bench`). A deletion
 *    or an eviction first writes what came before it, so the page's order
 *    holds.
 */
export async function applyChanges(db: RaccrocheDatabase, changes: readonly RecordChange[]): Promise<void> {
  const outbox = await db.outbox.orderBy('seq').toArray();
  const pending = new Map<Table<AnyLocalRecord, string>, AnyLocalRecord[]>();
  const writePending = async () => {
    const writes = [...pending].map(([table, rows]) => table.bulkPut(rows));
    pending.clear();
    await Promise.all(writes);
  };
  for (const change of changes) {
    if (!entityName.safeParse(change.entity).success) continue; // a kind of record this version does not know
    if (change.op === 'evict' && change.entity === 'youngPerson') {
      await writePending();
      await removeCase(db, change.id);
      continue;
    }
    const table = tableOf(db, change.entity);
    const mine = unsentFor(change, outbox);
    if (deletedHere(change, outbox)) continue; // deleted on this device, not yet on the endpoint
    if (change.op !== 'upsert' || !change.data) {
      await writePending();
      if (!mine.some((entry) => entry.recordId === change.id)) await table.delete(change.id);
      continue;
    }
    const server = {
      ...change.data,
      id: change.id,
      serverVersion: change.version,
      serverUpdatedAt: change.updatedAt,
    } as AnyLocalRecord;
    const rows = pending.get(table) ?? [];
    rows.push(rebase(change.entity, server, mine));
    pending.set(table, rows);
  }
  await writePending();
}

/**
 * Applies one page of a pull in one transaction: its changes, then the
 * cursor — a page is applied whole or not at all, and a crash in between
 * pulls it again.
 */
export async function applyPullPage(db: RaccrocheDatabase, page: PullResponse): Promise<void> {
  await localChange(db, async () => {
    await applyChanges(db, page.changes);
    await writeMeta(db, 'cursor', page.cursor);
  });
}

/**
 * Pulls every page after the stored cursor. It never waits for the outbox
 * to empty: pending edits are rebased on what arrives.
 * Returns the number of changes received.
 */
export async function pullChanges(db: RaccrocheDatabase, api: ApiClient): Promise<number> {
  let received = 0;
  for (;;) {
    const cursor = (await readMeta(db, 'cursor')) ?? null;
    const page = await api.post(
      '/api/sync/pull',
      { protocolVersion: PROTOCOL_VERSION, cursor, limit: PULL_PAGE_SIZE },
      pullResponseSchema,
    );
    await applyPullPage(db, page);
    received += page.changes.length;
    if (!page.hasMore) return received;
  }
}
