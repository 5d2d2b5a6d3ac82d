import { PROTOCOL_VERSION, pullResponseSchema, type PullResponse } from '../../domain/sync-messages';
import type { YoungPerson } from '../../domain/young-person';
import type { LocalYoungPerson, OutboxEntry, RaccrocheDatabase } from '../db/database';
import { readMeta, writeMeta } from '../db/meta';
import type { ApiClient } from './api-client';

export const PULL_PAGE_SIZE = 500;

/** The visible record: the server copy with this device's pending edits re-applied on top, oldest first. */
export function rebase(server: LocalYoungPerson, pending: OutboxEntry[]): LocalYoungPerson {
  let visible = server;
  for (const entry of pending) {
    if (entry.op === 'update') visible = { ...visible, ...(entry.payload as Partial<YoungPerson>) };
  }
  return visible;
}

/**
 * Applies one page of changes in one transaction: records, then the cursor.
 *
 * 1. Read the still-pending mutations of the records in the page.
 * 2. For each change: put the server copy, then re-apply the pending
 *    mutations on top (rebase) — the user keeps seeing their own unsent work.
 *    A deletion does not remove a record that still has unsent work.
 * 3. Save the cursor in the same transaction: a page is applied whole or not
 *    at all, and a crash in between pulls it again.
 */
export async function applyPullPage(db: RaccrocheDatabase, page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.youngPeople, db.outbox, db.meta], async () => {
    const ids = page.changes.map((change) => change.id);
    const pending = (await db.outbox.where('recordId').anyOf(ids).sortBy('seq')).filter((e) => e.state === 'pending');
    for (const change of page.changes) {
      if (change.entity !== 'youngPerson') continue;
      const mine = pending.filter((entry) => entry.recordId === change.id);
      if (change.op === 'delete' || !change.data) {
        if (mine.length === 0) await db.youngPeople.delete(change.id);
        continue;
      }
      const server = {
        ...(change.data as unknown as YoungPerson),
        serverVersion: change.version,
        serverUpdatedAt: change.updatedAt,
      };
      await db.youngPeople.put(rebase(server, mine));
    }
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
