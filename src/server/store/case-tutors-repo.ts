import type { CaseAccess } from '../auth/scope';
import type { SqlExecutor } from './database';

/** The tutors of several cases at once, by case (a case without tutors is absent). */
export async function readTutorsOfCases(db: SqlExecutor, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const tutors = new Map<string, string[]>();
  if (caseIds.length === 0) return tutors;
  const rows = await db.query<{ caseId: string; agentId: string }>(
    'SELECT case_id AS "caseId", agent_id AS "agentId" FROM case_tutors WHERE case_id = ANY($1::uuid[]) ORDER BY agent_id',
    [caseIds],
  );
  for (const row of rows) tutors.set(row.caseId, [...(tutors.get(row.caseId) ?? []), row.agentId]);
  return tutors;
}

/** The agents who tutor a case (named on one of its contracts), as the endpoint last recorded them. */
export async function readCaseTutors(db: SqlExecutor, caseId: string): Promise<string[]> {
  return (await readTutorsOfCases(db, [caseId])).get(caseId) ?? [];
}

/** The case of a stored record as scopes see it (see canAccessCase): platform, referent, tutors. */
export async function caseAccessOf(
  db: SqlExecutor,
  record: { platformId: string; referentId: string | null; youngPersonId: string | null },
): Promise<CaseAccess> {
  const tutorIds = record.youngPersonId ? await readCaseTutors(db, record.youngPersonId) : [];
  return { platformId: record.platformId, referentId: record.referentId, tutorIds };
}

/**
 * The agents the case's contracts name as tutor now: contracts not deleted,
 * naming an agent of the case's own platform (an agent of another platform,
 * an admin or an unknown id named on a contract gains nothing).
 */
export async function readTutorsNamedByContracts(tx: SqlExecutor, caseId: string): Promise<string[]> {
  const rows = await tx.query<{ agentId: string }>(
    `SELECT DISTINCT a.id AS "agentId"
       FROM records c
       JOIN agents a ON a.id::text = c.data ->> 'tutorId' AND a.platform_id = c.platform_id
      WHERE c.young_person_id = $1 AND c.entity = 'contract' AND NOT c.deleted
      ORDER BY a.id`,
    [caseId],
  );
  return rows.map((row) => row.agentId);
}

export async function insertCaseTutor(
  tx: SqlExecutor,
  tutor: { caseId: string; agentId: string; platformId: string },
): Promise<void> {
  await tx.query('INSERT INTO case_tutors (case_id, agent_id, platform_id) VALUES ($1, $2, $3)', [
    tutor.caseId,
    tutor.agentId,
    tutor.platformId,
  ]);
}

export async function deleteCaseTutor(tx: SqlExecutor, caseId: string, agentId: string): Promise<void> {
  await tx.query('DELETE FROM case_tutors WHERE case_id = $1 AND agent_id = $2', [caseId, agentId]);
}

/** The live records of a case, the young person included, locked until the end of the transaction. */
export async function lockLiveCaseRecords(tx: SqlExecutor, caseId: string): Promise<{ id: string }[]> {
  return tx.query<{ id: string }>(
    'SELECT id FROM records WHERE young_person_id = $1 AND NOT deleted ORDER BY id FOR UPDATE',
    [caseId],
  );
}

/** Gives a record a new version without changing it, so that devices whose scope it just entered pull it. */
export async function giveNewVersion(tx: SqlExecutor, id: string, version: number): Promise<void> {
  await tx.query('UPDATE records SET version = $2 WHERE id = $1', [id, version]);
}

/** How many cases an agent holds on their platform: as referent of a live young person, or as tutor. */
export async function countCasesHeldBy(db: SqlExecutor, agentId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM records WHERE referent_id = $1 AND entity = 'youngPerson' AND NOT deleted)
          + (SELECT count(*) FROM case_tutors WHERE agent_id = $1) AS n`,
    [agentId],
  );
  return Number(rows[0]?.n ?? 0);
}
