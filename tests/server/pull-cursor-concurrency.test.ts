import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { stampAll } from '../../src/domain/merge';
import { insertRecord, nextVersion } from '../../src/server/store/records-repo';
import { AGENTS, PLATFORM, youngPerson, type AgentKey } from '../support/server/fixture';
import { useTestApp, type Device } from '../support/server/test-app';
import { postgresBackend } from '../support/server/test-databases';

/**
 * The failure mode this guards against (sync.md, "a pull cursor that skips a
 * change committed late"): a writer takes version N and commits late; a
 * writer started after it takes N+1 and commits first; a reader pulls N+1,
 * moves its cursor past N, and never sees N. Only a real server has the
 * concurrency to show it, so this runs on PostgreSQL alone. Each writer
 * pushes through an endpoint process of its own: one process queues the
 * pushes of a platform itself (push-groups.ts), and the writers must race
 * in the database.
 */
describe('pull cursor under concurrent writers on PostgreSQL', () => {
  const t = useTestApp(postgresBackend, { maxConnections: 20 });
  const ROUNDS = 3;
  const WRITERS: AgentKey[] = ['conseiller', 'conseiller', 'mlds', 'coordinateur'];
  const RECORDS_PER_PUSH = 2;

  /** Transactions of this database waiting for a lock, or done. */
  async function waitForWritersToProgress(pushesDone: () => number): Promise<void> {
    const deadline = performance.now() + 5_000;
    while (performance.now() < deadline) {
      const rows = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.n ?? 0) + pushesDone() >= WRITERS.length) return;
      await sleep(10);
    }
  }

  it('gives a reader pulling all along every committed record exactly once, late commits included', async () => {
    const reader = await t.login('coordinateur');
    const writers: Device[] = [];
    for (const agent of WRITERS) writers.push(await t.login(agent));
    const endpoints = await Promise.all(WRITERS.map(() => t.anotherEndpoint()));

    const seen: { id: string; version: number }[] = [];
    let cursor: string | null = null;
    let reading: Promise<void> = Promise.resolve();
    /** One catch-up of the reader: pages of 3 until hasMore is false. Reads never overlap each other. */
    const readOnce = () => {
      reading = reading.then(async () => {
        for (;;) {
          const page = await t.pullOk(reader, { cursor, limit: 3 });
          seen.push(...page.changes.map((change) => ({ id: change.id, version: change.version })));
          cursor = page.cursor;
          if (!page.hasMore) return;
        }
      });
      return reading;
    };
    await readOnce();

    let writing = true;
    const background = (async () => {
      while (writing) {
        await readOnce();
        await sleep(2);
      }
    })();

    const rounds: { slowVersion: number; fastVersions: number[]; fastStartedAt: number; slowCommittedAt: number }[] =
      [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // A slow writer takes its version, writes, and keeps its transaction open.
        let released = false;
        let holding!: (version: number) => void;
        const holdsVersion = new Promise<number>((resolve) => (holding = resolve));
        const slow = t.db
          .transaction(async (tx) => {
            const version = await nextVersion(tx, PLATFORM.id);
            const person = youngPerson({ id: randomUUID(), lastName: `Lent${round}`, referentId: null });
            const { id: _id, ...fields } = person;
            await insertRecord(tx, {
              id: person.id,
              entity: 'youngPerson',
              platformId: PLATFORM.id,
              referentId: null,
              youngPersonId: person.id,
              version,
              data: person,
              stamps: stampAll(fields, 'slow-writer', version),
              agentId: AGENTS.coordinateur.id,
              now: t.time.clock(),
            });
            holding(version);
            while (!released) await tx.query('SELECT pg_sleep(0.02)');
            await tx.query('SELECT pg_sleep(0.05)');
            return version;
          })
          .then((version) => ({ version, committedAt: performance.now() }));
        await holdsVersion;

        // Faster writers start after it, from several devices at once.
        const fastStartedAt = performance.now();
        let pushesDone = 0;
        const fast = writers.map((device, index) =>
          t
            .pushOk(
              device,
              Array.from({ length: RECORDS_PER_PUSH }, () =>
                t.nextCreate(device, youngPerson({ id: randomUUID(), referentId: device.agent.id })),
              ),
              endpoints[index],
            )
            .then((response) => {
              pushesDone += 1;
              return response;
            }),
        );
        await waitForWritersToProgress(() => pushesDone);
        await readOnce(); // the reader pulls while the slow transaction is still open

        released = true;
        const [slowDone, fastResponses] = await Promise.all([slow, Promise.all(fast)]);
        for (const response of fastResponses)
          expect(response.results.map((result) => result.status)).toEqual(['applied', 'applied']);
        rounds.push({
          slowVersion: slowDone.version,
          fastVersions: fastResponses.flatMap((response) => response.results.map((result) => result.version!)),
          fastStartedAt,
          slowCommittedAt: slowDone.committedAt,
        });
        await readOnce();
      }
    } finally {
      writing = false;
      await background;
    }
    await readOnce();

    // The hazard was really set up: writers that started later got higher
    // versions, and the slow transaction committed after they had started.
    for (const round of rounds) {
      expect(round.slowCommittedAt).toBeGreaterThan(round.fastStartedAt);
      expect(Math.min(...round.fastVersions)).toBeGreaterThan(round.slowVersion);
    }

    // Every committed record of the platform, seen exactly once, in version order.
    const committed = await t.db.query<{ id: string; version: number }>(
      'SELECT id, version FROM records WHERE platform_id = $1 ORDER BY version',
      [PLATFORM.id],
    );
    expect(committed).toHaveLength(4 + ROUNDS * (1 + WRITERS.length * RECORDS_PER_PUSH));
    expect(seen).toEqual(committed);
  });
});
