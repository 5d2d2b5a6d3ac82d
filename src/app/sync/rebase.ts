import type { EntityName } from '../../domain/sync-messages';
import { statusAfter } from '../../domain/workflow';
import type { CaseStatus } from '../../domain/enums';
import type { OutboxEntry } from '../db/database';
import type { AnyLocalRecord } from '../db/tables';

/**
 * What the user sees of a record: the server copy, with this device's
 * unsent changes re-applied on top, in the order they were made.
 * - Edits still pending, and edits the endpoint refused (kept visible, with
 *   their reason, until the user fixes or discards them: never silently lost).
 * - For a young person, the status moves of pending records of its case (a
 *   contact attempt not yet sent still shows "contact en cours").
 *
 * `outbox` holds the outbox entries of the record (and, for a young person,
 * of its whole case), in increasing seq.
 */
export function rebase(entity: EntityName, server: AnyLocalRecord, outbox: readonly OutboxEntry[]): AnyLocalRecord {
  let visible = server;
  for (const entry of outbox) {
    if (entry.recordId === server.id && entry.op === 'update') visible = { ...visible, ...entry.payload };
    if (entity === 'youngPerson' && entry.state === 'pending' && entry.event && entry.recordId !== server.id) {
      visible = { ...visible, status: statusAfter(visible.status as CaseStatus, entry.event) };
    }
  }
  return visible;
}
