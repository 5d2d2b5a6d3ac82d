import type { RefreshResponse } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import { pullScopeSql } from '../auth/scope';
import type { SqlExecutor } from '../store/database';
import { readChangesPage, readRecordsById } from '../store/records-repo';
import { decodeCursor, encodeCursor } from './cursor';

/**
 * One page of the changes in the actor's scope after the cursor, as the JSON
 * text of a PullResponse (its changes written by the database, see
 * readChangesPage). Versions come from the platform clock, whose lock makes
 * them commit in order: every change not yet seen has a version above the cursor.
 */
export async function pullChangesJson(
  db: SqlExecutor,
  actor: Actor,
  request: { cursor: string | null; limit: number },
  clock: Clock,
): Promise<string> {
  const platformId = actor.platformId ?? '';
  const after = decodeCursor(request.cursor, platformId);
  const page = await readChangesPage(db, pullScopeSql(actor), after, request.limit);
  const cursor = encodeCursor(platformId, page.lastVersion ?? after);
  const serverTime = clock().toISOString();
  return `{"changes":${page.changesJson},"hasMore":${page.hasMore},"cursor":${JSON.stringify(cursor)},"serverTime":${JSON.stringify(serverTime)}}`;
}

/** The current server copy of the records asked for, in the actor's scope (see readRecordsById). */
export async function refreshRecords(db: SqlExecutor, actor: Actor, ids: readonly string[]): Promise<RefreshResponse> {
  return { changes: await readRecordsById(db, pullScopeSql(actor), ids) };
}
