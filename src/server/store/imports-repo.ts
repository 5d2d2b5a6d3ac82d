import type { FieldStamps } from '../../domain/merge';
import type { ImportCounts } from '../../domain/siei/messages';
import type { KnownPerson } from '../../domain/siei/plan';
import type { EntityName } from '../../domain/sync-messages';
import type { SqlExecutor } from './database';

/**
 * The SQL of a SIEI import: the imports table, the platform's young people
 * read for matching, and the import's writes in bulk. A 20,000-row list is
 * 20,000 records: one statement per 1,000 records (rows sent as one JSON
 * parameter) instead of one per record keeps it to seconds. The records are
 * the same as a device's push writes: versions from the platform's clock,
 * field stamps, data validated by the domain schema before it gets here.
 */

export interface StoredImport {
  id: string;
  platformId: string;
  fingerprint: string;
  counts: ImportCounts;
  appliedAt: Date;
}

export async function findImport(db: SqlExecutor, id: string): Promise<StoredImport | undefined> {
  const rows = await db.query<StoredImport>(
    `SELECT id, platform_id AS "platformId", fingerprint, counts, applied_at AS "appliedAt" FROM imports WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function insertImport(
  tx: SqlExecutor,
  entry: StoredImport & { agentId: string; fileName: string; campaign: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO imports (id, platform_id, agent_id, file_name, campaign, fingerprint, counts, applied_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
    [
      entry.id,
      entry.platformId,
      entry.agentId,
      entry.fileName,
      entry.campaign,
      entry.fingerprint,
      JSON.stringify(entry.counts),
      entry.appliedAt,
    ],
  );
}

export interface PlatformPerson extends KnownPerson {
  referentId: string | null;
  version: number;
}

/** Every young person of the platform still followed or closed (deleted and purged ones are gone). */
export async function readPlatformPeople(db: SqlExecutor, platformId: string): Promise<PlatformPerson[]> {
  return db.query<PlatformPerson>(
    `SELECT id, referent_id AS "referentId", version, data, stamps FROM records
      WHERE platform_id = $1 AND entity = 'youngPerson' AND NOT deleted`,
    [platformId],
  );
}

/** The platform's active agents (a reopened case keeps its referent only if they still work there). */
export async function readActiveAgentIds(db: SqlExecutor, platformId: string): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM agents WHERE platform_id = $1 AND active', [platformId]);
  return new Set(rows.map((row) => row.id));
}

/**
 * Takes `count` versions of the platform's clock at once (the writer holds
 * its lock until commit, as nextVersion's callers do) and returns the first.
 */
export async function reserveVersions(tx: SqlExecutor, platformId: string, count: number): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    'UPDATE platform_clocks SET value = value + $2 WHERE platform_id = $1 RETURNING value',
    [platformId, count],
  );
  if (!rows[0]) throw new Error(`No clock for platform ${platformId}`);
  return Number(rows[0].value) - count + 1;
}

export interface BulkRecord {
  id: string;
  entity: EntityName;
  referentId: string | null;
  youngPersonId: string;
  version: number;
  data: Record<string, unknown>;
  stamps: FieldStamps;
}

const CHUNK = 1_000;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}

const asJson = (records: readonly BulkRecord[]) =>
  JSON.stringify(
    records.map((record) => ({
      id: record.id,
      entity: record.entity,
      referent_id: record.referentId,
      young_person_id: record.youngPersonId,
      version: record.version,
      data: record.data,
      stamps: record.stamps,
    })),
  );

export async function insertRecords(
  tx: SqlExecutor,
  write: { platformId: string; agentId: string; now: Date; records: readonly BulkRecord[] },
): Promise<void> {
  for (const chunk of chunks(write.records)) {
    await tx.query(
      `INSERT INTO records (id, entity, platform_id, referent_id, version, data, stamps, created_at, created_by,
                            updated_at, updated_by, young_person_id)
       SELECT x.id, x.entity, $2, x.referent_id, x.version, x.data, x.stamps, $3, $4, $3, $4, x.young_person_id
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, entity text, referent_id uuid, young_person_id uuid, version bigint, data jsonb, stamps jsonb)`,
      [asJson(chunk), write.platformId, write.now, write.agentId],
    );
  }
}

export async function updateRecords(
  tx: SqlExecutor,
  write: { agentId: string; now: Date; records: readonly BulkRecord[] },
): Promise<void> {
  for (const chunk of chunks(write.records)) {
    await tx.query(
      `UPDATE records AS r
          SET referent_id = x.referent_id, version = x.version, data = x.data, stamps = x.stamps,
              updated_at = $2, updated_by = $3
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, referent_id uuid, young_person_id uuid, version bigint, data jsonb, stamps jsonb)
        WHERE r.id = x.id`,
      [asJson(chunk), write.now, write.agentId],
    );
  }
}

/** One audit event per case the import wrote (each case's history shows it), in bulk. */
export async function insertCaseAuditEvents(
  tx: SqlExecutor,
  write: {
    at: Date;
    agentId: string;
    deviceId: string;
    platformId: string;
    events: readonly { id: string; recordId: string; details: Record<string, unknown> }[];
  },
): Promise<void> {
  for (const chunk of chunks(write.events)) {
    await tx.query(
      `INSERT INTO audit_events (id, at, agent_id, device_id, action, platform_id, entity, record_id, details)
       SELECT x.id, $2, $3, $4, 'siei_import_case', $5, 'youngPerson', x.record_id, x.details
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, record_id uuid, details jsonb)`,
      [
        JSON.stringify(chunk.map((event) => ({ id: event.id, record_id: event.recordId, details: event.details }))),
        write.at,
        write.agentId,
        write.deviceId,
        write.platformId,
      ],
    );
  }
}
