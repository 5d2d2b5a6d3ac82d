import {
  ADVISER_ROLES,
  type Adviser,
  type DestinationPlatform,
  type DistributionCase,
  type DistributionFilters,
} from '../../domain/distribution';
import type { SqlExecutor } from './database';

/** A platform's open cases: young people not deleted (nor purged) and not closed. */
const OPEN_CASES = `entity = 'youngPerson' AND platform_id = $1 AND NOT deleted AND data ->> 'status' <> 'clos'`;

/**
 * The open cases of a platform that match the filters the database applies
 * exactly: who follows them (nobody, anybody, one adviser — an adviser named
 * lists their cases whatever `state` says), campaign, origin, level. The
 * text and age filters are the caller's (matchesDistributionFilters).
 */
export async function listOpenCases(
  db: SqlExecutor,
  platformId: string,
  filters: Pick<DistributionFilters, 'state' | 'referentId' | 'campaign' | 'origin' | 'level'>,
): Promise<DistributionCase[]> {
  const followed = followedBy(filters);
  return db.query<DistributionCase>(
    `SELECT id, data ->> 'lastName' AS "lastName", data ->> 'firstNames' AS "firstNames",
            data ->> 'birthDate' AS "birthDate", data ->> 'commune' AS commune,
            data ->> 'lastSchoolName' AS "lastSchoolName", data ->> 'lastSchoolCommune' AS "lastSchoolCommune",
            data ->> 'lastSchoolUai' AS "lastSchoolUai", data ->> 'level' AS level, data ->> 'origin' AS origin,
            data ->> 'campaign' AS campaign, data ->> 'status' AS status, referent_id AS "referentId"
       FROM records
      WHERE ${OPEN_CASES} AND ${followed.sql}
        AND ($2::text IS NULL OR data ->> 'campaign' = $2::text)
        AND ($3::text IS NULL OR data ->> 'origin' = $3::text)
        AND ($4::text IS NULL OR data ->> 'level' = $4::text)`,
    [platformId, filters.campaign || null, filters.origin || null, filters.level || null, ...followed.params],
  );
}

/**
 * Who follows the cases listed, as its own statement text for each state
 * (from $5): a `CASE` on the parameters kept a prepared statement's generic
 * plan from using the index of open cases by adviser.
 */
function followedBy(filters: Pick<DistributionFilters, 'state' | 'referentId'>): { sql: string; params: unknown[] } {
  if (filters.referentId) return { sql: 'referent_id = $5::uuid', params: [filters.referentId] };
  if (filters.state === 'unassigned') return { sql: 'referent_id IS NULL', params: [] };
  if (filters.state === 'assigned') return { sql: 'referent_id IS NOT NULL', params: [] };
  return { sql: 'true', params: [] };
}

/** The SIEI campaigns of a platform's open cases, newest first. */
export async function listOpenCampaigns(db: SqlExecutor, platformId: string): Promise<string[]> {
  const rows = await db.query<{ campaign: string }>(
    `SELECT DISTINCT data ->> 'campaign' AS campaign FROM records
      WHERE ${OPEN_CASES} AND data ->> 'campaign' <> '' ORDER BY 1 DESC`,
    [platformId],
  );
  return rows.map((row) => row.campaign);
}

/** The agents of a platform who can follow cases, active or not, with the number of open cases each follows. */
export async function listAdvisers(db: SqlExecutor, platformId: string): Promise<Adviser[]> {
  return db.query<Adviser>(
    `SELECT a.id, a.display_name AS "displayName", a.role, a.structure, a.active,
            (SELECT count(*)::int FROM records r
              WHERE r.referent_id = a.id AND r.entity = 'youngPerson' AND r.platform_id = a.platform_id
                AND NOT r.deleted AND r.data ->> 'status' <> 'clos') AS "openCases"
       FROM agents a
      WHERE a.platform_id = $1 AND a.role = ANY($2::text[])
      ORDER BY a.display_name, a.id`,
    [platformId, ADVISER_ROLES],
  );
}

/** Every platform but one, as a transfer offers them. */
export async function listOtherPlatforms(db: SqlExecutor, platformId: string): Promise<DestinationPlatform[]> {
  return db.query<DestinationPlatform>(
    'SELECT id, name, departement, academie FROM platforms WHERE id <> $1 ORDER BY academie, name, id',
    [platformId],
  );
}
