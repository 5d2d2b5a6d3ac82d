import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/auth/actor';
import { pullScopeSql } from '../../src/server/auth/scope';
import { changesQuery } from '../../src/server/store/records-repo';
import { AGENTS, PLATFORM } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A pull page must read about its own rows, not every change after the
 * cursor: a tablet back from a week on the road catches up in pages, and a
 * plan that reads and sorts the rest of the table for each page makes the
 * catch-up quadratic. Checked on the plan PostgreSQL runs (EXPLAIN ANALYZE),
 * with the statement planned for its values and planned once for any values
 * (what a named prepared statement uses after a few runs).
 */
interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows of `relation` the plan's scans read: those they returned and those their filter dropped. */
function rowsRead(node: PlanNode, relation: string): number {
  const own =
    node['Relation Name'] === relation
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0);
}

const PAGE = 100;
const EXTRA_CASES = 3_000;
/** The extra cases' versions follow this one, above the fixture's. */
const FIRST_VERSION = 1_000_000;
/** The fixture's own records (a few cases, the catalogue), which a page may also read. */
const FIXTURE_SLACK = 40;

const actorOf = (agent: (typeof AGENTS)['conseiller' | 'coordinateur' | 'tuteur']): Actor => ({
  agentId: agent.id,
  deviceId: '00000000-0000-4000-8000-000000000000',
  role: agent.role,
  platformId: PLATFORM.id,
});

describe.each(backends)('the plan of a pull page on %s', (backend) => {
  const t = useTestApp(backend);

  async function addCases() {
    // One case in ten is the conseiller's, the rest the MLDS colleague's, after the fixture's versions.
    await t.db.query(
      `WITH made AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $4::int) AS n)
       INSERT INTO records (id, entity, platform_id, referent_id, version, data, created_at, updated_at, young_person_id)
       SELECT id, 'youngPerson', $1, CASE WHEN n % 10 = 0 THEN $2::uuid ELSE $3::uuid END,
              $5::bigint + n, jsonb_build_object('id', id, 'nom', 'Nom ' || n), now(), now(), id
         FROM made`,
      [PLATFORM.id, AGENTS.conseiller.id, AGENTS.mlds.id, EXTRA_CASES, FIRST_VERSION],
    );
    await t.db.query('ANALYZE');
  }

  async function recordsReadForOnePage(actor: Actor, after: number, planning: 'auto' | 'force_generic_plan') {
    const query = changesQuery(pullScopeSql(actor), after, PAGE + 1);
    return t.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL plan_cache_mode = ${planning}`);
      const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`,
        query.params,
      );
      const pages = await tx.query<{ version: number }>(query.sql, query.params);
      return { read: rowsRead(row!['QUERY PLAN'][0].Plan, 'records'), returned: pages.length };
    });
  }

  it.each(['auto', 'force_generic_plan'] as const)(
    'reads about one page of rows from the start and from the middle of a catch-up (%s plan)',
    async (planning) => {
      await addCases();
      for (const after of [FIRST_VERSION, FIRST_VERSION + EXTRA_CASES / 2]) {
        // A tenth of the platform's cases are the conseiller's: their part is read on its own index, so a
        // page reads at most their own rows after the cursor (PostgreSQL may sort a few hundred rather
        // than walk the index in order), never the colleagues'.
        const conseiller = await recordsReadForOnePage(actorOf(AGENTS.conseiller), after, planning);
        expect(conseiller.returned).toBe(PAGE + 1);
        const ownAfter = (EXTRA_CASES - (after - FIRST_VERSION)) / 10;
        expect(conseiller.read).toBeLessThanOrEqual(ownAfter + FIXTURE_SLACK);
        const coordinator = await recordsReadForOnePage(actorOf(AGENTS.coordinateur), after, planning);
        expect(coordinator.returned).toBe(PAGE + 1);
        expect(coordinator.read).toBeLessThanOrEqual(PAGE + 1);
        // An agent who follows none of them reads none of them.
        const tutor = await recordsReadForOnePage(actorOf(AGENTS.tuteur), after, planning);
        expect(tutor.returned).toBeLessThanOrEqual(FIXTURE_SLACK);
        expect(tutor.read).toBeLessThanOrEqual(FIXTURE_SLACK);
      }
    },
  );
});
