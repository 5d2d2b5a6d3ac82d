import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/auth/actor';
import { pullScopeSql } from '../../src/server/auth/scope';
import { changesQuery } from '../../src/server/store/records-repo';
import { AGENTS, PLATFORM } from '../support/server/fixture';
import { explainPrepared, rowsRead, type Planning } from '../support/server/query-plans';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A pull page must read about its own rows, not every change after the
 * cursor: a tablet back from a week on the road catches up in pages, and a
 * plan that reads and sorts the rest of the table for each page makes the
 * catch-up quadratic. Checked on the plan PostgreSQL runs (EXPLAIN ANALYZE),
 * prepared, planned for its values and planned once for any values (what a
 * named prepared statement uses after five runs).
 */
const PAGE = 100;
const EXTRA_CASES = 6_000;
const ADVISERS = 20;
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
    // A platform of twenty advisers (PostgreSQL plans by how many there are): one case in twenty is the
    // conseiller's, the others their colleagues', after the fixture's versions.
    const colleagues = await t.db.query<{ id: string }>(
      `INSERT INTO agents (id, platform_id, email, display_name, role, structure, password_hash)
       SELECT gen_random_uuid(), $1, 'collegue.' || n || '@test.example', 'Collègue ' || n, 'conseiller', 'CIO', '-'
         FROM generate_series(1, $2::int) AS n
       RETURNING id`,
      [PLATFORM.id, ADVISERS - 1],
    );
    await t.db.query(
      `WITH made AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $4::int) AS n)
       INSERT INTO records (id, entity, platform_id, referent_id, version, data, created_at, updated_at, young_person_id)
       SELECT id, 'youngPerson', $1,
              CASE WHEN n % $6::int = 0 THEN $2::uuid ELSE ($3::uuid[])[1 + n % cardinality($3::uuid[])] END,
              $5::bigint + n, jsonb_build_object('id', id, 'nom', 'Nom ' || n), now(), now(), id
         FROM made`,
      [
        PLATFORM.id,
        AGENTS.conseiller.id,
        colleagues.map((colleague) => colleague.id),
        EXTRA_CASES,
        FIRST_VERSION,
        ADVISERS,
      ],
    );
    await t.db.query('ANALYZE');
  }

  async function recordsReadForOnePage(actor: Actor, after: number, planning: Planning) {
    const { plan, rows } = await explainPrepared(t.db, changesQuery(pullScopeSql(actor), after, PAGE + 1), planning);
    return { read: rowsRead(plan, 'records'), returned: rows };
  }

  it.each(['force_custom_plan', 'force_generic_plan'] as const)(
    'reads a page’s own rows, at the start and in the middle of a catch-up: a page for the coordinator, the conseiller’s own cases, none of a colleague’s (%s plan)',
    async (planning) => {
      await addCases();
      for (const after of [FIRST_VERSION, FIRST_VERSION + EXTRA_CASES / 2]) {
        // A twentieth of the platform's cases are the conseiller's. Their part has an index of its own,
        // but on a platform this small PostgreSQL may as well walk the platform's changes in order and keep
        // theirs: about twenty rows read for each kept, for one page — never every change after the cursor.
        const conseiller = await recordsReadForOnePage(actorOf(AGENTS.conseiller), after, planning);
        expect(conseiller.returned).toBe(PAGE + 1);
        expect(conseiller.read).toBeLessThanOrEqual(ADVISERS * (PAGE + 1) + FIXTURE_SLACK);
        expect(conseiller.read).toBeLessThan((EXTRA_CASES - (after - FIRST_VERSION)) / 2);
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
