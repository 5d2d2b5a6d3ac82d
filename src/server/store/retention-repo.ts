import type { EntityName } from '../../domain/sync-messages';
import type { SqlExecutor } from './database';

/** The cases closed before `cutoff` (an ISO day) whose personal data is still there, oldest closing first. */
export async function findCasesClosedBefore(
  db: SqlExecutor,
  cutoff: string,
): Promise<{ id: string; platformId: string }[]> {
  return db.query<{ id: string; platformId: string }>(
    `SELECT id, platform_id AS "platformId" FROM records
      WHERE entity = 'youngPerson' AND NOT deleted AND data ->> 'status' = 'clos'
        AND data ->> 'closedOn' <> '' AND data ->> 'closedOn' < $1
      ORDER BY data ->> 'closedOn', id`,
    [cutoff],
  );
}

/** A case's young person as the purge needs it, locked until the end of the transaction. */
export async function lockCaseForPurge(
  tx: SqlExecutor,
  caseId: string,
): Promise<
  { platformId: string; deleted: boolean; data: Record<string, unknown> | null; createdAt: Date } | undefined
> {
  const rows = await tx.query<{
    platformId: string;
    deleted: boolean;
    data: Record<string, unknown> | null;
    createdAt: Date;
  }>(
    `SELECT platform_id AS "platformId", deleted, data, created_at AS "createdAt"
       FROM records WHERE id = $1 AND entity = 'youngPerson' FOR UPDATE`,
    [caseId],
  );
  return rows[0];
}

/** Every other record of a case, tombstones included, locked until the end of the transaction. */
export async function lockCaseRecordsForPurge(
  tx: SqlExecutor,
  caseId: string,
): Promise<{ id: string; entity: EntityName; deleted: boolean; data: Record<string, unknown> | null }[]> {
  return tx.query(
    `SELECT id, entity, deleted, data FROM records
      WHERE young_person_id = $1 AND entity <> 'youngPerson' ORDER BY id FOR UPDATE`,
    [caseId],
  );
}

/**
 * Replaces a record by what the purge keeps of it: deleted for the sync
 * (devices drop it at their next pull, which the new version brings), marked
 * purged for the statistics, with no field stamps left (nobody edits it again).
 */
export async function writePurgedRecord(
  tx: SqlExecutor,
  write: { id: string; data: object; version: number; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE records SET deleted = true, purged_at = $4, data = $2::jsonb, stamps = '{}'::jsonb, version = $3,
            updated_at = $4, updated_by = NULL
      WHERE id = $1`,
    [write.id, JSON.stringify(write.data), write.version, write.now],
  );
}
