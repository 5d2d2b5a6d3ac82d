import type { CatalogueUse, ManagedSolution } from '../../domain/catalogue-messages';
import { sortSolutions } from '../../domain/catalogue';
import type { Solution } from '../../domain/solution';
import type { SqlExecutor } from './database';

/**
 * The places taken in a platform's catalogue entries ($1: the platform),
 * counted from the records every time they are read — never kept as a
 * number of their own that could drift from the cases.
 *
 * A young person holds a place in an entry when
 * 1. a contract of their case names the entry and is signed or running
 *    (a finished or broken contract gives the place back), or
 * 2. a proposal of the entry was accepted, their case is still open, and no
 *    contract of theirs on that entry has finished or broken since.
 * A young person counts once per entry, whatever the number of records.
 * Deleted records never count; purged cases neither (they were closed two
 * years ago or more: their places were given back long since).
 */
const PLACES_TAKEN = `
  SELECT holders.solution_id, count(DISTINCT holders.case_id)::int AS taken
    FROM (
      SELECT contract.data ->> 'solutionId' AS solution_id, contract.young_person_id AS case_id
        FROM records contract
       WHERE contract.platform_id = $1 AND contract.entity = 'contract' AND NOT contract.deleted
         AND contract.data ->> 'state' IN ('signe', 'en_cours')
      UNION ALL
      SELECT proposal.data ->> 'solutionId', proposal.young_person_id
        FROM records proposal
        JOIN records person ON person.id = proposal.young_person_id
       WHERE proposal.platform_id = $1 AND proposal.entity = 'proposal' AND NOT proposal.deleted
         AND proposal.data ->> 'decision' = 'acceptee'
         AND NOT person.deleted AND person.data ->> 'status' <> 'clos'
         AND NOT EXISTS (
           SELECT 1 FROM records ended
            WHERE ended.young_person_id = proposal.young_person_id AND ended.entity = 'contract'
              AND NOT ended.deleted AND ended.data ->> 'solutionId' = proposal.data ->> 'solutionId'
              AND ended.data ->> 'state' IN ('termine', 'rompu'))
    ) AS holders
   GROUP BY holders.solution_id`;

interface SolutionRow {
  data: Solution;
  version: number;
  updatedAt: Date;
  placesTaken: number;
}

const SELECT_ENTRIES = `
  SELECT entry.data, entry.version, entry.updated_at AS "updatedAt", coalesce(taken.taken, 0) AS "placesTaken"
    FROM records entry
    LEFT JOIN (${PLACES_TAKEN}) AS taken ON taken.solution_id = entry.id::text
   WHERE entry.platform_id = $1 AND entry.entity = 'solution' AND NOT entry.deleted`;

const managed = (row: SolutionRow): ManagedSolution => ({
  solution: row.data,
  version: Number(row.version),
  placesTaken: Number(row.placesTaken),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

/** Every entry of the platform's catalogue, active or not, by name, with its places taken. */
export async function listManagedSolutions(db: SqlExecutor, platformId: string): Promise<ManagedSolution[]> {
  const rows = await db.query<SolutionRow>(SELECT_ENTRIES, [platformId]);
  const byId = new Map(rows.map((row) => [row.data.id, managed(row)]));
  return sortSolutions(rows.map((row) => row.data)).map((solution) => byId.get(solution.id)!);
}

/** One entry of the platform's catalogue with its places taken, or undefined. */
export async function findManagedSolution(
  db: SqlExecutor,
  platformId: string,
  id: string,
): Promise<ManagedSolution | undefined> {
  const rows = await db.query<SolutionRow>(`${SELECT_ENTRIES} AND entry.id = $2`, [platformId, id]);
  return rows[0] && managed(rows[0]);
}

/** The places taken in each entry of the platform that has any (sent to devices with the directory). */
export async function readCatalogueUse(db: SqlExecutor, platformId: string): Promise<CatalogueUse> {
  const rows = await db.query<{ solutionId: string; placesTaken: number }>(
    `SELECT entry.id AS "solutionId", taken.taken AS "placesTaken"
       FROM records entry
       JOIN (${PLACES_TAKEN}) AS taken ON taken.solution_id = entry.id::text
      WHERE entry.platform_id = $1 AND entry.entity = 'solution' AND NOT entry.deleted
      ORDER BY entry.id`,
    [platformId],
  );
  return rows.map((row) => ({ solutionId: row.solutionId, placesTaken: Number(row.placesTaken) }));
}
