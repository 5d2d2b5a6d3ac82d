import type { SqlExecutor } from './database';
import type { StoredRecord } from './records-repo';

/**
 * Set-based writes of cases changing hands (a batch assignment, a transfer
 * to another platform): a few statements per batch rather than a few per
 * case, so a batch of a thousand cases stays one short transaction.
 */

/**
 * Takes `count` consecutive versions of a platform's clock at once and
 * returns the first. Same rule as nextVersion: inside the writing
 * transaction, whose row lock makes versions commit in order.
 */
export async function reserveVersions(tx: SqlExecutor, platformId: string, count: number): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    'UPDATE platform_clocks SET value = value + $2 WHERE platform_id = $1 RETURNING value',
    [platformId, count],
  );
  if (!rows[0]) throw new Error(`No clock for platform ${platformId}`);
  return Number(rows[0].value) - count + 1;
}

/** The records of these ids, locked in id order until the end of the transaction (no deadlock between batches). */
export async function lockRecordsById(tx: SqlExecutor, ids: readonly string[]): Promise<StoredRecord[]> {
  return tx.query<StoredRecord>(
    `SELECT id, entity, platform_id AS "platformId", referent_id AS "referentId",
            young_person_id AS "youngPersonId", version, deleted, data, stamps
       FROM records WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

/** The records of these cases other than their young people (deleted ones too), locked in id order. */
export async function lockRecordsOfCases(
  tx: SqlExecutor,
  caseIds: readonly string[],
): Promise<{ id: string; youngPersonId: string }[]> {
  return tx.query<{ id: string; youngPersonId: string }>(
    `SELECT id, young_person_id AS "youngPersonId" FROM records
      WHERE young_person_id = ANY($1::uuid[]) AND entity <> 'youngPerson' ORDER BY id FOR UPDATE`,
    [caseIds],
  );
}

/** The tutors recorded for these cases (see case_tutors). */
export async function readTutorsOfCases(
  tx: SqlExecutor,
  caseIds: readonly string[],
): Promise<{ caseId: string; agentId: string }[]> {
  return tx.query<{ caseId: string; agentId: string }>(
    `SELECT case_id AS "caseId", agent_id AS "agentId" FROM case_tutors
      WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, agent_id`,
    [caseIds],
  );
}

export async function deleteTutorsOfCase(tx: SqlExecutor, caseId: string): Promise<void> {
  await tx.query('DELETE FROM case_tutors WHERE case_id = $1', [caseId]);
}

export interface ScopeExitRow {
  version: number;
  recordId: string;
  /** null: every device of the platform drops the case. */
  agentId: string | null;
}

/** Tells devices of `platformId` that these cases left them (see scope_exits in 0004). */
export async function insertScopeExits(
  tx: SqlExecutor,
  platformId: string,
  exits: readonly ScopeExitRow[],
  now: Date,
): Promise<void> {
  if (exits.length === 0) return;
  await tx.query(
    `INSERT INTO scope_exits (platform_id, version, entity, record_id, agent_id, at)
     SELECT $1::uuid, e.version, 'youngPerson', e.record_id, e.agent_id, $5::timestamptz
       FROM unnest($2::bigint[], $3::uuid[], $4::uuid[]) AS e(version, record_id, agent_id)`,
    [
      platformId,
      exits.map((exit) => exit.version),
      exits.map((exit) => exit.recordId),
      exits.map((e) => e.agentId),
      now,
    ],
  );
}

export interface Placement {
  platformId: string;
  referentId: string | null;
  /** Each record moved and the version it takes. */
  moves: readonly { id: string; version: number }[];
  now: Date;
}

/**
 * Young people take a platform and a referent: the columns the pulls filter
 * on, the record's own platformId and referentId, and their field stamps (a
 * server write, not a person's edit).
 */
export async function placeYoungPeople(
  tx: SqlExecutor,
  placement: Placement & { agentId: string; writer: string },
): Promise<void> {
  if (placement.moves.length === 0) return;
  await tx.query(
    `UPDATE records r
        SET platform_id = $1::uuid, referent_id = $2::uuid, version = m.version,
            data = r.data || jsonb_build_object('platformId', $1::uuid::text, 'referentId', $2::uuid::text),
            stamps = r.stamps || jsonb_build_object('referentId', jsonb_build_object('v', m.version, 'd', $6::text))
                     || CASE WHEN r.platform_id <> $1::uuid
                             THEN jsonb_build_object('platformId', jsonb_build_object('v', m.version, 'd', $6::text))
                             ELSE '{}'::jsonb END,
            updated_at = $5, updated_by = $7::uuid
       FROM unnest($3::uuid[], $4::bigint[]) AS m(id, version)
      WHERE r.id = m.id`,
    [
      placement.platformId,
      placement.referentId,
      placement.moves.map((move) => move.id),
      placement.moves.map((move) => move.version),
      placement.now,
      placement.writer,
      placement.agentId,
    ],
  );
}

/** The other records of cases follow their young person: platform, referent, and a new version each. */
export async function placeCaseRecords(tx: SqlExecutor, placement: Placement): Promise<void> {
  if (placement.moves.length === 0) return;
  await tx.query(
    `UPDATE records r SET platform_id = $1::uuid, referent_id = $2::uuid, version = m.version, updated_at = $5
       FROM unnest($3::uuid[], $4::bigint[]) AS m(id, version)
      WHERE r.id = m.id`,
    [
      placement.platformId,
      placement.referentId,
      placement.moves.map((move) => move.id),
      placement.moves.map((move) => move.version),
      placement.now,
    ],
  );
}
