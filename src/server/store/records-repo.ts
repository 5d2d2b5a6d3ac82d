import type { FieldStamps } from '../../domain/merge';
import type { EntityName, RecordChange } from '../../domain/sync-messages';
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
export async function lockPlatformClock(tx: SqlExecutor, platformId: string): Promise<void> {
  await tx.query('SELECT value FROM platform_clocks WHERE platform_id = $1 FOR UPDATE', [platformId]);
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

/** Reads a record and locks it until the end of the transaction. */
export async function findRecordForUpdate(tx: SqlExecutor, id: string): Promise<StoredRecord | undefined> {
  const rows = await tx.query<StoredRecord>(
    `SELECT id, entity, platform_id AS "platformId", referent_id AS "referentId",
            young_person_id AS "youngPersonId", version, deleted, data, stamps
       FROM records WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
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
  await tx.query(
    `INSERT INTO records (id, entity, platform_id, referent_id, version, data, stamps, created_at, created_by, updated_at, updated_by,
                          young_person_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $8, $9, $10)`,
    [
      write.id,
      write.entity,
      write.platformId,
      write.referentId,
      write.version,
      JSON.stringify(write.data),
      JSON.stringify(write.stamps),
      write.now,
      write.agentId,
      write.youngPersonId,
    ],
  );
}

export async function updateRecord(tx: SqlExecutor, write: RecordWrite): Promise<void> {
  await tx.query(
    `UPDATE records SET platform_id = $2, referent_id = $3, version = $4, data = $5::jsonb, stamps = $6::jsonb,
            updated_at = $7, updated_by = $8
      WHERE id = $1`,
    [
      write.id,
      write.platformId,
      write.referentId,
      write.version,
      JSON.stringify(write.data),
      JSON.stringify(write.stamps),
      write.now,
      write.agentId,
    ],
  );
}

/**
 * Changes after `afterVersion` that satisfy the scope condition, oldest first.
 * Fetches one row more than asked to tell whether another page follows.
 */
export async function readChanges(
  db: SqlExecutor,
  scope: { sql: string; params: unknown[] },
  afterVersion: number,
  limit: number,
): Promise<{ changes: RecordChange[]; hasMore: boolean }> {
  const first = scope.params.length + 1;
  const rows = await db.query<{
    entity: EntityName;
    id: string;
    version: number;
    deleted: boolean;
    data: Record<string, unknown> | null;
    updatedAt: Date;
    updatedBy: string | null;
  }>(
    `SELECT entity, id, version, deleted, data, updated_at AS "updatedAt", updated_by AS "updatedBy"
       FROM records
      WHERE ${scope.sql} AND version > $${first}
      ORDER BY version
      LIMIT $${first + 1}`,
    [...scope.params, afterVersion, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    hasMore: rows.length > limit,
    changes: page.map((row) => ({
      entity: row.entity,
      id: row.id,
      version: row.version,
      op: row.deleted ? 'delete' : 'upsert',
      data: row.deleted ? null : row.data,
      updatedAt: new Date(row.updatedAt).toISOString(),
      updatedBy: row.updatedBy,
    })),
  };
}
