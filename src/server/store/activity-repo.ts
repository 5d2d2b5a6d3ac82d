import {
  ACTIVITY_COUNT_KEYS,
  ACTIVITY_DELAY_KEYS,
  monthsOf,
  type ActivityCount,
  type ActivityDelay,
  type ActivityFigures,
  type ActivityResponse,
} from '../../domain/activity-stats';
import { AUDIT_TIME_ZONE } from '../../domain/audit-messages';
import type { OutcomeCode, SolutionType } from '../../domain/enums';
import type { Database } from './database';

/**
 * The activity bilan, counted in SQL from the records each time it is asked
 * for (no counter is kept anywhere), in one statement (activityQuery).
 * Parameters: $1 first day, $2 last day, then the platform and the referent
 * when the scope names them (scopeConditions).
 *
 * 1. `cases`: the young people of the scope, retention-purged ones included
 *    (`NOT deleted OR purged_at IS NOT NULL`): the purge keeps their
 *    platform, referent, status, outcome and closing date, and the row's
 *    creation time, which is the listing day.
 * 2. `steps`: one row per step of a case's path, with its day (of Paris) —
 *    listed, contact (its result), interview, validated bilan, proposal (its
 *    solution type and decision), contract signed, contract started, closed
 *    (its outcome). Every field read here is one the purge keeps
 *    (src/server/privacy/anonymise.ts), so a purged case counts in full.
 * 3. Each figure aggregates the steps whose day falls in the period, per
 *    referent and in total (GROUPING SETS); delays take each case's first
 *    contact, interview and solution at any time, and the median
 *    (percentile_cont) over the cases whose later step falls in the period.
 */

/** The scope's conditions on a row of `records` (by its alias), and the statement's parameters. */
interface ScopeConditions {
  params: unknown[];
  on: (alias: string) => string;
}

/**
 * Only what the scope names is written into the statement (`platform_id = $3`,
 * never `$3 IS NULL OR platform_id = $3`): on PostgreSQL the statement is a
 * named prepared one, planned once for any values after five runs, and such
 * a generic plan cannot use an index for an `IS NULL OR` condition — it read
 * every platform's young people to keep one platform's. One statement text
 * per kind of scope (all, platform, referent, both).
 */
function scopeConditions(scope: ActivityScope): ScopeConditions {
  const named: [column: string, value: string][] = [];
  if (scope.platformId !== null) named.push(['platform_id', scope.platformId]);
  if (scope.agentId !== null) named.push(['referent_id', scope.agentId]);
  return {
    params: [scope.from, scope.to, ...named.map(([, value]) => value)],
    on: (alias) => named.map(([column], index) => `AND ${alias}.${column} = $${index + 3}::uuid`).join(' '),
  };
}

/**
 * Steps 1 and 2. A case's records carry its platform and referent (given
 * from the case at each write, and moved with it by a reassignment or a
 * transfer): `case_records` filters them on the scope too, so that it reads
 * the scope's records along an index instead of every record of every
 * platform, which the join to `cases` alone would keep or drop. The join
 * still decides: a record counts for its case, under its case's referent.
 * `steps` is MATERIALIZED: computed once, read by each part of the bilan.
 */
function stepsCtes({ on }: ScopeConditions): string {
  return `
  cases AS (
    SELECT y.id, y.referent_id, y.data, (y.created_at AT TIME ZONE '${AUDIT_TIME_ZONE}')::date AS listed_on
      FROM records y
     WHERE y.entity = 'youngPerson' AND (NOT y.deleted OR y.purged_at IS NOT NULL) ${on('y')}
  ),
  case_records AS (
    SELECT r.entity, r.data, c.id AS case_id, c.referent_id
      FROM records r JOIN cases c ON c.id = r.young_person_id
     WHERE r.entity IN ('contactAttempt', 'meeting', 'bilan', 'proposal', 'contract')
       AND (NOT r.deleted OR r.purged_at IS NOT NULL) ${on('r')}
  ),
  steps AS MATERIALIZED (
    SELECT id AS case_id, referent_id, 'listed' AS step, listed_on AS day, NULL AS detail, NULL AS decision
      FROM cases
    UNION ALL
    SELECT id, referent_id, 'closed', NULLIF(data ->> 'closedOn', '')::date, data ->> 'outcome', NULL
      FROM cases WHERE data ->> 'status' = 'clos'
    UNION ALL
    SELECT case_id, referent_id, 'contact',
           ((data ->> 'occurredAt')::timestamptz AT TIME ZONE '${AUDIT_TIME_ZONE}')::date, data ->> 'result', NULL
      FROM case_records WHERE entity = 'contactAttempt'
    UNION ALL
    SELECT case_id, referent_id, 'interview', (data ->> 'date')::date, NULL, NULL
      FROM case_records WHERE entity = 'meeting' AND data ->> 'kind' = 'entretien'
    UNION ALL
    SELECT case_id, referent_id, 'bilan', coalesce(NULLIF(data ->> 'validatedOn', ''), data ->> 'date')::date, NULL, NULL
      FROM case_records WHERE entity = 'bilan' AND data ->> 'status' = 'valide'
    UNION ALL
    SELECT case_id, referent_id, 'proposal', (data ->> 'date')::date, data ->> 'solutionType', data ->> 'decision'
      FROM case_records WHERE entity = 'proposal'
    UNION ALL
    SELECT case_id, referent_id, 'signed', (data ->> 'signedOn')::date, NULL, NULL
      FROM case_records
     WHERE entity = 'contract' AND data ->> 'state' <> 'brouillon' AND data ->> 'signedOn' <> ''
    UNION ALL
    -- Started: running or finished, or broken after its start (a contract broken before it began never started).
    SELECT case_id, referent_id, 'solution', (data ->> 'startDate')::date, NULL, NULL
      FROM case_records
     WHERE entity = 'contract' AND data ->> 'startDate' <> ''
       AND (data ->> 'state' IN ('en_cours', 'termine')
            OR (data ->> 'state' = 'rompu' AND data ->> 'endedOn' >= data ->> 'startDate'))
  )`;
}

const IN_PERIOD = 'day BETWEEN $1::date AND $2::date';

/** The count columns, as SQL aggregates over the period's steps. */
const COUNT_SQL: Record<ActivityCount, string> = {
  listed: `count(DISTINCT case_id) FILTER (WHERE step = 'listed')`,
  contacted: `count(DISTINCT case_id) FILTER (WHERE step = 'contact')`,
  reached: `count(DISTINCT case_id) FILTER (WHERE step = 'contact' AND detail = 'joint')`,
  interviewed: `count(DISTINCT case_id) FILTER (WHERE step = 'interview')`,
  bilans: `count(DISTINCT case_id) FILTER (WHERE step = 'bilan')`,
  proposedTo: `count(DISTINCT case_id) FILTER (WHERE step = 'proposal')`,
  proposals: `count(*) FILTER (WHERE step = 'proposal')`,
  contractsSigned: `count(*) FILTER (WHERE step = 'signed')`,
  inSolution: `count(DISTINCT case_id) FILTER (WHERE step = 'solution')`,
  closed: `count(DISTINCT case_id) FILTER (WHERE step = 'closed')`,
};
const COUNT_COLUMNS = ACTIVITY_COUNT_KEYS.map((key) => `${COUNT_SQL[key]}::int AS "${key}"`).join(',\n         ');

/** Each delay: the later step's day must fall in the period; a step dated before the earlier one counts as 0 days. */
const DELAY_SQL: Record<ActivityDelay, { from: string; to: string }> = {
  listingToFirstContact: { from: 'listed_on', to: 'first_contact' },
  firstContactToFirstInterview: { from: 'first_contact', to: 'first_interview' },
  firstInterviewToSolution: { from: 'first_interview', to: 'first_solution' },
  listingToSolution: { from: 'listed_on', to: 'first_solution' },
};
const DELAY_COLUMNS = ACTIVITY_DELAY_KEYS.map((key) => {
  const { from, to } = DELAY_SQL[key];
  const reached = `${to} BETWEEN $1::date AND $2::date AND ${from} IS NOT NULL`;
  return `percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(${to} - ${from}, 0)) FILTER (WHERE ${reached}) AS "${key}",
          count(*) FILTER (WHERE ${reached})::int AS "${key}Cases"`;
}).join(',\n         ');

/** Rows of GROUPING SETS ((referent_id), ()): `total` marks the row of all referents. */
interface GroupRow {
  total: boolean;
  agentId: string | null;
}

type CountRow = GroupRow & Record<ActivityCount, number>;
type BreakdownRow = GroupRow & { kind: 'type' | 'outcome'; code: string; count: number; accepted: number };
type DelayRow = GroupRow & Record<string, number | null>;
type MonthRow = { month: string } & Record<ActivityCount, number>;

const key = (row: GroupRow) => (row.total ? 'total' : `agent:${row.agentId ?? ''}`);

function emptyFigures(): ActivityFigures {
  return {
    ...(Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, 0])) as Record<ActivityCount, number>),
    proposalsByType: [],
    closedByOutcome: [],
    delays: Object.fromEntries(ACTIVITY_DELAY_KEYS.map((k) => [k, { medianDays: null, cases: 0 }])) as Record<
      ActivityDelay,
      { medianDays: number | null; cases: number }
    >,
  };
}

const roundTenth = (value: number) => Math.round(value * 10) / 10;

export interface ActivityScope {
  from: string;
  to: string;
  platformId: string | null;
  agentId: string | null;
}

/**
 * Step 3: the four parts of the bilan, each a query over `steps` (and
 * `cases`): counts, breakdowns by solution type and outcome, months, delays.
 */
const PARTS_CTES = `
  counts AS (
    SELECT GROUPING(referent_id) = 1 AS total, referent_id AS "agentId",
      ${COUNT_COLUMNS}
      FROM steps WHERE ${IN_PERIOD}
     GROUP BY GROUPING SETS ((referent_id), ())
  ),
  breakdowns AS (
    SELECT GROUPING(referent_id) = 1 AS total, referent_id AS "agentId",
           CASE step WHEN 'proposal' THEN 'type' ELSE 'outcome' END AS kind, detail AS code,
           count(*)::int AS count, count(*) FILTER (WHERE decision = 'acceptee')::int AS accepted
      FROM (SELECT * FROM steps WHERE ${IN_PERIOD} AND step IN ('proposal', 'closed')) AS chosen
     GROUP BY GROUPING SETS ((referent_id, step, detail), (step, detail))
  ),
  months AS (
    SELECT to_char(day, 'YYYY-MM') AS month,
      ${COUNT_COLUMNS}
      FROM steps WHERE ${IN_PERIOD}
     GROUP BY 1
  ),
  milestones AS (
    SELECT c.referent_id, c.listed_on,
           min(s.day) FILTER (WHERE s.step = 'contact') AS first_contact,
           min(s.day) FILTER (WHERE s.step = 'interview') AS first_interview,
           min(s.day) FILTER (WHERE s.step = 'solution') AS first_solution
      FROM cases c LEFT JOIN steps s ON s.case_id = c.id
     GROUP BY c.id, c.referent_id, c.listed_on
  ),
  delays AS (
    SELECT GROUPING(referent_id) = 1 AS total, referent_id AS "agentId",
      ${DELAY_COLUMNS}
      FROM milestones
     GROUP BY GROUPING SETS ((referent_id), ())
  )`;

/** The bilan's statement for a scope: one row, each part as a JSON array of its rows. */
export function activityQuery(scope: ActivityScope): { sql: string; params: unknown[] } {
  const conditions = scopeConditions(scope);
  const rowsOf = (part: string, order = '') => `(SELECT coalesce(json_agg(${part}${order}), '[]') FROM ${part})`;
  return {
    sql: `WITH ${stepsCtes(conditions)},${PARTS_CTES}
      SELECT ${rowsOf('counts')} AS counts, ${rowsOf('breakdowns', ' ORDER BY count DESC, code')} AS breakdowns,
             ${rowsOf('months')} AS months, ${rowsOf('delays')} AS delays`,
    params: conditions.params,
  };
}

/**
 * The figures of a period: totals, per referent, month by month. One
 * statement, so the steps are computed once (they were computed again for
 * each of four reads) and every part reads the same snapshot.
 */
export async function readActivity(
  db: Database,
  scope: ActivityScope,
): Promise<Omit<ActivityResponse, 'byAgent'> & { byAgent: { agentId: string | null; figures: ActivityFigures }[] }> {
  const { sql, params } = activityQuery(scope);
  const [row] = await db.query<{
    counts: CountRow[];
    breakdowns: BreakdownRow[];
    months: MonthRow[];
    delays: DelayRow[];
  }>(sql, params);
  return assemble(scope, row!.counts, row!.breakdowns, row!.months, row!.delays);
}

/** Puts the four parts together: one set of figures for the total and for each referent. */
function assemble(
  scope: ActivityScope,
  counts: CountRow[],
  breakdowns: BreakdownRow[],
  months: MonthRow[],
  delays: DelayRow[],
) {
  const figures = new Map<string, { agentId: string | null; figures: ActivityFigures }>();
  const figuresOf = (row: GroupRow) => {
    let entry = figures.get(key(row));
    if (!entry) figures.set(key(row), (entry = { agentId: row.total ? null : row.agentId, figures: emptyFigures() }));
    return entry.figures;
  };
  for (const row of counts) {
    const target = figuresOf(row);
    for (const k of ACTIVITY_COUNT_KEYS) target[k] = Number(row[k]);
  }
  for (const row of breakdowns) {
    const target = figuresOf(row);
    if (row.kind === 'type') {
      target.proposalsByType.push({ type: row.code as SolutionType, proposed: row.count, accepted: row.accepted });
    } else if (row.code) {
      target.closedByOutcome.push({ outcome: row.code as OutcomeCode, count: row.count });
    }
  }
  for (const row of delays) {
    // A referent whose cases had no step in the period has no figures worth a line.
    if (!row.total && !figures.has(key(row))) continue;
    const target = figuresOf(row);
    for (const k of ACTIVITY_DELAY_KEYS) {
      const median = row[k];
      target.delays[k] = {
        medianDays: median === null || median === undefined ? null : roundTenth(Number(median)),
        cases: Number(row[`${k}Cases`]),
      };
    }
  }
  const byMonth = new Map(months.map((row) => [row.month, row]));
  const totals = figures.get('total')?.figures ?? emptyFigures();
  figures.delete('total');
  return {
    from: scope.from,
    to: scope.to,
    platformId: scope.platformId,
    agentId: scope.agentId,
    totals,
    byAgent: [...figures.values()],
    monthly: monthsOf(scope.from, scope.to).map((month) => {
      const row = byMonth.get(month);
      return {
        month,
        ...(Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, Number(row?.[k] ?? 0)])) as Record<
          ActivityCount,
          number
        >),
      };
    }),
  };
}
