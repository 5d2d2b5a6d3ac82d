import type { FieldStamps } from '../../domain/merge';
import type { EntityName, RecordChange } from '../../domain/sync-messages';
import { inScopeSql, type PullScope } from '../auth/scope';
import type { SqlExecutor } from './database';

/**
 * Takes the next version of a platform's clock. Must run inside the writing
 * transaction: the row lock it takes is held until commit, so versions become
 * visible in increasing order (see platform_clocks in 0001_init.sql).
 */
export async function nextVersion(tx: SqlExecutor, platformId: string): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    'UPDATE platform_clocks SET value = value + 1 WHERE platform_id = $1 RETURNING value',
    [platformId],
  );
  if (!rows[0]) throw new Error(`No clock for platform ${platformId}`);
  return rows[0].value;
}

/**
 * Locks a platform's clock until the end of the transaction without moving it.
 * A push takes it before locking any record: the clock is then always locked
 * before records, so two pushes editing the same records cannot deadlock.
 */
export async function lockPlatformClock(tx: SqlExecutor, platformId: string): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    'SELECT value FROM platform_clocks WHERE platform_id = $1 FOR UPDATE',
    [platformId],
  );
  if (!rows[0]) throw new Error(`No clock for platform ${platformId}`);
  return Number(rows[0].value);
}

export interface StoredRecord {
  id: string;
  entity: EntityName;
  platformId: string;
  referentId: string | null;
  /** The case it belongs to: the young person's own id for a young person, null for platform records. */
  youngPersonId: string | null;
  version: number;
  deleted: boolean;
  data: Record<string, unknown> | null;
  stamps: FieldStamps;
}

const STORED_COLUMNS = `id, entity, platform_id AS "platformId", referent_id AS "referentId",
            young_person_id AS "youngPersonId", version, deleted, data, stamps`;

/** Reads a record and locks it until the end of the transaction. */
export async function findRecordForUpdate(tx: SqlExecutor, id: string): Promise<StoredRecord | undefined> {
  const rows = await tx.query<StoredRecord>(`SELECT ${STORED_COLUMNS} FROM records WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0];
}

/** Reads several records and locks them until the end of the transaction (those that exist). */
export async function findRecordsForUpdate(tx: SqlExecutor, ids: readonly string[]): Promise<StoredRecord[]> {
  if (ids.length === 0) return [];
  return tx.query<StoredRecord>(
    `SELECT ${STORED_COLUMNS} FROM records WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

export interface RecordWrite {
  id: string;
  entity: EntityName;
  platformId: string;
  referentId: string | null;
  youngPersonId: string | null;
  version: number;
  data: Record<string, unknown>;
  stamps: FieldStamps;
  agentId: string | null;
  now: Date;
}

export async function insertRecord(tx: SqlExecutor, write: RecordWrite): Promise<void> {
  await insertRecords(tx, [{ write, createdBy: write.agentId, createdAt: write.now }]);
}

export async function updateRecord(tx: SqlExecutor, write: RecordWrite): Promise<void> {
  await updateRecords(tx, [write]);
}

/** A record's row as one element of a jsonb_to_recordset batch (see insertRecords, updateRecords). */
function rowOf(write: RecordWrite, createdBy: string | null, createdAt: Date) {
  return {
    id: write.id,
    entity: write.entity,
    platform_id: write.platformId,
    referent_id: write.referentId,
    version: write.version,
    data: write.data,
    stamps: write.stamps,
    created_at: createdAt.toISOString(),
    created_by: createdBy,
    updated_at: write.now.toISOString(),
    updated_by: write.agentId,
    young_person_id: write.youngPersonId,
  };
}

const RECORDSET_COLUMNS = `id uuid, entity text, platform_id uuid, referent_id uuid, version bigint, data jsonb,
  stamps jsonb, created_at timestamptz, created_by uuid, updated_at timestamptz, updated_by uuid, young_person_id uuid`;

/**
 * Inserts new records in one statement. Each may carry its creation apart
 * from its last write (a record created and moved again in the same batch).
 */
export async function insertRecords(
  tx: SqlExecutor,
  writes: readonly { write: RecordWrite; createdBy: string | null; createdAt: Date }[],
): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(insertRecordsSql(1), [insertedRows(writes)]);
}

/** Writes new states of existing records in one statement (what updateRecord does for one). */
export async function updateRecords(tx: SqlExecutor, writes: readonly RecordWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(updateRecordsSql(1), [updatedRows(writes)]);
}

/** The parameter of insertRecordsSql: the new records as one jsonb array. */
export function insertedRows(writes: readonly { write: RecordWrite; createdBy: string | null; createdAt: Date }[]) {
  return JSON.stringify(writes.map(({ write, createdBy, createdAt }) => rowOf(write, createdBy, createdAt)));
}

/** The parameter of updateRecordsSql: the records' new states as one jsonb array. */
export function updatedRows(writes: readonly RecordWrite[]) {
  return JSON.stringify(writes.map((write) => rowOf(write, null, write.now)));
}

/** Inserts the records of parameter `$param` (insertedRows): one statement, alone or in a WITH. */
export function insertRecordsSql(param: number): string {
  return `INSERT INTO records (id, entity, platform_id, referent_id, version, data, stamps, created_at, created_by,
                               updated_at, updated_by, young_person_id)
          SELECT id, entity, platform_id, referent_id, version, data, stamps, created_at, created_by,
                 updated_at, updated_by, young_person_id
            FROM jsonb_to_recordset($${param}::jsonb) AS t(${RECORDSET_COLUMNS})`;
}

/** Writes the records' states of parameter `$param` (updatedRows): one statement, alone or in a WITH. */
export function updateRecordsSql(param: number): string {
  return `UPDATE records r
             SET platform_id = t.platform_id, referent_id = t.referent_id, version = t.version, data = t.data,
                 stamps = t.stamps, updated_at = t.updated_at, updated_by = t.updated_by
            FROM jsonb_to_recordset($${param}::jsonb) AS t(${RECORDSET_COLUMNS})
           WHERE r.id = t.id`;
}

/** Sets platforms' clocks to the last versions handed out, from parameter `$param`: [{ platform_id, value }]. */
export function setClocksSql(param: number): string {
  return `UPDATE platform_clocks c SET value = t.value
            FROM jsonb_to_recordset($${param}::jsonb) AS t(platform_id uuid, value bigint)
           WHERE c.platform_id = t.platform_id`;
}

/**
 * The statement behind readChanges (exported for the test of its plan).
 *
 * Each part of the scope, and the scope exits, is read along its own index
 * in version order and limited on its own, then merged: a page reads about
 * its own rows. Limited only after a UNION, PostgreSQL chose to read every
 * change after the cursor and sort them for each page (a catch-up of 10,000
 * changes read 105,000 rows in 20 pages); with the scope as one condition
 * (referent OR solution OR tutored), an adviser's page read the whole
 * platform's changes to keep theirs.
 */
export function changesQuery(scope: PullScope, afterVersion: number, limit: number) {
  const afterParam = `$${scope.params.length + 1}`;
  const limitParam = `$${scope.params.length + 2}`;
  const parts = scope.parts.map(
    (part) => `(SELECT entity, id, version, CASE WHEN deleted THEN 'delete' ELSE 'upsert' END AS op,
               CASE WHEN deleted THEN NULL ELSE data END AS data,
               updated_at AS "updatedAt", updated_by AS "updatedBy"
          FROM records WHERE ${part.condition} AND version > ${afterParam}
         ${part.inVersionOrder ? `ORDER BY version LIMIT ${limitParam}` : ''})`,
  );
  const exits = `(SELECT entity, record_id, version, 'evict', NULL, at, NULL
          FROM scope_exits WHERE (${scope.exits}) AND version > ${afterParam}
         ORDER BY version LIMIT ${limitParam})`;
  return {
    sql: `SELECT * FROM (${[...parts, exits].join('\n UNION ALL\n ')}) AS changes
     ORDER BY version
     LIMIT ${limitParam}`,
    params: [...scope.params, afterVersion, limit],
  };
}

/**
 * Changes after `afterVersion` in the user's scope, oldest first: records
 * (upserts and deletions) and scope exits (evictions), merged in version
 * order. Fetches one row more than asked to tell whether another page follows.
 */
export async function readChanges(
  db: SqlExecutor,
  scope: PullScope,
  afterVersion: number,
  limit: number,
): Promise<{ changes: RecordChange[]; hasMore: boolean }> {
  const query = changesQuery(scope, afterVersion, limit + 1);
  const rows = await db.query<{
    entity: EntityName;
    id: string;
    version: number;
    op: RecordChange['op'];
    data: Record<string, unknown> | null;
    updatedAt: Date;
    updatedBy: string | null;
  }>(query.sql, query.params);
  const page = rows.slice(0, limit);
  return {
    hasMore: rows.length > limit,
    changes: page.map((row) => ({
      entity: row.entity,
      id: row.id,
      version: row.version,
      op: row.op,
      data: row.data,
      updatedAt: new Date(row.updatedAt).toISOString(),
      updatedBy: row.updatedBy,
    })),
  };
}

export async function insertScopeExit(
  tx: SqlExecutor,
  exit: {
    platformId: string;
    version: number;
    entity: EntityName;
    recordId: string;
    agentId: string | null;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    'INSERT INTO scope_exits (platform_id, version, entity, record_id, agent_id, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [exit.platformId, exit.version, exit.entity, exit.recordId, exit.agentId, exit.now],
  );
}

/** The records of a case other than the young person, locked until the end of the transaction. */
export async function lockCaseRecords(tx: SqlExecutor, caseId: string): Promise<{ id: string }[]> {
  return tx.query<{ id: string }>(
    `SELECT id FROM records WHERE young_person_id = $1 AND entity <> 'youngPerson' ORDER BY id FOR UPDATE`,
    [caseId],
  );
}

/** Gives a record a new referent and version (it then reaches the new referent's devices at their next pull). */
export async function moveRecordToReferent(
  tx: SqlExecutor,
  id: string,
  referentId: string | null,
  version: number,
  now: Date,
) {
  await tx.query('UPDATE records SET referent_id = $2, version = $3, updated_at = $4 WHERE id = $1', [
    id,
    referentId,
    version,
    now,
  ]);
}

/**
 * Marks a record deleted: a tombstone, with no content left (devices only
 * need its id and version to remove it; the trail keeps who deleted it).
 */
export async function markDeleted(tx: SqlExecutor, id: string, version: number, agentId: string | null, now: Date) {
  await tx.query(
    'UPDATE records SET deleted = true, data = NULL, version = $2, updated_at = $3, updated_by = $4 WHERE id = $1',
    [id, version, now, agentId],
  );
}

/** How many records of a case count as its history (notes, contracts), deleted ones aside. */
export async function countCaseHistory(tx: SqlExecutor, caseId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM records
      WHERE young_person_id = $1 AND NOT deleted AND entity IN ('contactAttempt', 'meeting', 'contract', 'bilan')`,
    [caseId],
  );
  return rows[0]?.n ?? 0;
}

/** The current state of some records, for a refresh: within the scope, or told as evicted when outside it. */
export async function readRecordsById(
  db: SqlExecutor,
  scope: PullScope,
  ids: readonly string[],
): Promise<RecordChange[]> {
  const first = scope.params.length + 1;
  const rows = await db.query<{
    entity: EntityName;
    id: string;
    version: number;
    deleted: boolean;
    inScope: boolean;
    data: Record<string, unknown> | null;
    updatedAt: Date;
    updatedBy: string | null;
  }>(
    `SELECT entity, id, version, deleted, (${inScopeSql(scope)}) AS "inScope", data,
            updated_at AS "updatedAt", updated_by AS "updatedBy"
       FROM records WHERE id = ANY($${first}::uuid[])`,
    [...scope.params, ids],
  );
  return rows.map((row) => ({
    entity: row.entity,
    id: row.id,
    version: row.version,
    op: !row.inScope ? 'evict' : row.deleted ? 'delete' : 'upsert',
    data: row.inScope && !row.deleted ? row.data : null,
    updatedAt: new Date(row.updatedAt).toISOString(),
    updatedBy: row.inScope ? row.updatedBy : null,
  }));
}
