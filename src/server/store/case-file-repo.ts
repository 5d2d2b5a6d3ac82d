import type { EntityName } from '../../domain/sync-messages';
import type { SqlExecutor } from './database';

/** A young person's record as the right-of-access export reads it. */
export interface CasePersonRow {
  platformId: string;
  referentId: string | null;
  deleted: boolean;
  purged: boolean;
  data: Record<string, unknown> | null;
  createdAt: Date;
}

export async function findCasePerson(db: SqlExecutor, caseId: string): Promise<CasePersonRow | undefined> {
  const rows = await db.query<CasePersonRow>(
    `SELECT platform_id AS "platformId", referent_id AS "referentId", deleted, purged_at IS NOT NULL AS purged, data,
            created_at AS "createdAt"
       FROM records WHERE id = $1 AND entity = 'youngPerson'`,
    [caseId],
  );
  return rows[0];
}

/** Every record of a case but the young person and the deleted ones, in the order they were written. */
export async function readCaseRecords(
  db: SqlExecutor,
  caseId: string,
): Promise<{ entity: EntityName; data: Record<string, unknown> }[]> {
  return db.query(
    `SELECT entity, data FROM records
      WHERE young_person_id = $1 AND entity <> 'youngPerson' AND NOT deleted
      ORDER BY created_at, version`,
    [caseId],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The display names of some agents, by id (ids that are not agents' are left out). */
export async function findAgentNames(db: SqlExecutor, ids: readonly string[]): Promise<Record<string, string>> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (valid.length === 0) return {};
  const rows = await db.query<{ id: string; displayName: string }>(
    'SELECT id, display_name AS "displayName" FROM agents WHERE id = ANY($1::uuid[]) ORDER BY id',
    [valid],
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.displayName]));
}
