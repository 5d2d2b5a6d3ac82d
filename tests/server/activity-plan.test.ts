import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityQuery, readActivity, type ActivityScope } from '../../src/server/store/activity-repo';
import { insertPlatform } from '../../src/server/store/agents-repo';
import { AGENTS, OTHER_PLATFORM, PLATFORM } from '../support/server/fixture';
import { explainPrepared, rowsRead, type Planning } from '../support/server/query-plans';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A coordinator's bilan must read its own platform's records, not every
 * platform's: at the scale of an académie (ten platforms), joining the cases
 * to every record, or a condition an index cannot serve in a generic plan,
 * made one month's bilan take seconds. Checked on the plan PostgreSQL runs
 * (EXPLAIN ANALYZE), with the statement planned for its values and planned
 * once for any values (what a named prepared statement uses after five runs).
 */
const FROM = '2026-09-01';
const TO = '2026-09-30';
/** Cases added to the coordinator's platform, and to each of the académie's nine other platforms. */
const OWN_CASES = 300;
const OTHER_PLATFORMS = 9;
const CASES_ELSEWHERE = 400;
/** Records of a case added: its young person, a contact and an interview (all in September). */
const RECORDS_PER_CASE = 3;

describe.each(backends)('the plan of an activity bilan on %s', (backend) => {
  const t = useTestApp(backend);

  /** `count` cases on a platform, taking turns among `referents`, listed 1 Sep with a contact and an interview. */
  async function addCases(platformId: string, referents: (string | null)[], count: number) {
    await t.db.query(
      `WITH made AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $3::int) AS n),
       people AS (
         INSERT INTO records (id, entity, platform_id, referent_id, version, data, created_at, updated_at,
                              young_person_id)
         SELECT id, 'youngPerson', $1, ($2::uuid[])[1 + n % cardinality($2::uuid[])], 1000000 + 3 * n,
                jsonb_build_object('id', id, 'nom', 'Nom ' || n, 'status', 'en_cours'),
                timestamptz '2026-09-01 08:00Z', now(), id
           FROM made
         RETURNING id, referent_id, version
       )
       INSERT INTO records (id, entity, platform_id, referent_id, version, data, created_at, updated_at,
                            young_person_id)
       SELECT gen_random_uuid(), step.entity, $1, p.referent_id, p.version + step.k, step.data, now(), now(), p.id
         FROM people p
        CROSS JOIN LATERAL (VALUES
          (1, 'contactAttempt', jsonb_build_object('youngPersonId', p.id, 'occurredAt', '2026-09-03T09:00:00Z',
                                                   'result', 'joint')),
          (2, 'meeting', jsonb_build_object('youngPersonId', p.id, 'kind', 'entretien', 'date', '2026-09-10'))
        ) AS step(k, entity, data)`,
      [platformId, referents, count],
    );
  }

  /** The coordinator's platform, and an académie of nine others around it, each with as much activity. */
  async function load() {
    await addCases(PLATFORM.id, [AGENTS.conseiller.id, AGENTS.mlds.id], OWN_CASES);
    await addCases(OTHER_PLATFORM.id, [AGENTS.conseillerAilleurs.id, null], CASES_ELSEWHERE);
    for (let n = 2; n <= OTHER_PLATFORMS; n += 1) {
      const platform = { id: randomUUID(), name: `PSAD ${n}`, departement: 'Nord', academie: 'Lille' };
      await insertPlatform(t.db, platform);
      await addCases(platform.id, [null], CASES_ELSEWHERE);
    }
    await t.db.query('ANALYZE');
    const [row] = await t.db.query<{ own: number }>('SELECT count(*)::int AS own FROM records WHERE platform_id = $1', [
      PLATFORM.id,
    ]);
    return row!.own;
  }

  /** Rows read from `records` by the bilan's statement. */
  async function recordsRead(scope: ActivityScope, planning: Planning) {
    return rowsRead((await explainPrepared(t.db, activityQuery(scope), planning)).plan, 'records');
  }

  it.each(['force_custom_plan', 'force_generic_plan'] as const)(
    'reads the platform’s or the referent’s records only, not the other platforms’ (%s)',
    async (planning) => {
      const own = await load();
      const elsewhere = OTHER_PLATFORMS * CASES_ELSEWHERE * RECORDS_PER_CASE;
      const platform: ActivityScope = { from: FROM, to: TO, platformId: PLATFORM.id, agentId: null };
      const referent: ActivityScope = { ...platform, agentId: AGENTS.conseiller.id };

      // The figures are those of the cases added: each listed, contacted and interviewed in September.
      expect((await readActivity(t.db, platform)).totals).toMatchObject({ listed: OWN_CASES, interviewed: OWN_CASES });
      expect((await readActivity(t.db, referent)).totals).toMatchObject({ contacted: OWN_CASES / 2 });

      // The platform's records are read at most twice (its young people for the cases, all for their
      // records): about 1,800 rows, where the other platforms hold 10,800.
      expect(2 * own).toBeLessThan(elsewhere / 5);
      expect(await recordsRead(platform, planning)).toBeLessThanOrEqual(2 * own);
      expect(await recordsRead(referent, planning)).toBeLessThanOrEqual(2 * own);
    },
  );
});
