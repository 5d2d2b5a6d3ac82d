import type { PullResponse, RefreshResponse } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import { pullScopeSql } from '../auth/scope';
import type { SqlExecutor } from '../store/database';
import { readChanges, readRecordsById } from '../store/records-repo';
import { decodeCursor, encodeCursor } from './cursor';

/**
 * One page of the changes in the actor's scope after the cursor.
 * Versions come from the platform clock, whose lock makes them commit in
 * order: every change not yet seen has a version above the cursor.
 */
export async function pullChanges(
  db: SqlExecutor,
  actor: Actor,
  request: { cursor: string | null; limit: number },
  clock: Clock,
): Promise<PullResponse> {
  const platformId = actor.platformId ?? '';
  const after = decodeCursor(request.cursor, platformId);
  const { changes, hasMore } = await readChanges(db, pullScopeSql(actor), after, request.limit);
  return {
    changes,
    hasMore,
    cursor: encodeCursor(platformId, changes.at(-1)?.version ?? after),
    serverTime: clock().toISOString(),
  };
}

/** The current server copy of the records asked for, in the actor's scope (see readRecordsById). */
export async function refreshRecords(db: SqlExecutor, actor: Actor, ids: readonly string[]): Promise<RefreshResponse> {
  return { changes: await readRecordsById(db, pullScopeSql(actor), ids) };
}
