import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PEOPLE, PLATFORM } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { postgresBackend } from '../support/server/test-databases';

/**
 * Two devices push edits of the same young people at the same time, in
 * opposite orders (a coordinator's long batch coming back online, a
 * conseiller's quick edits). Neither push may fail: their locks must be taken
 * in an order that cannot form a cycle. Only a real server runs transactions
 * concurrently, so this runs on PostgreSQL alone. The two pushes reach two
 * endpoint processes: one process queues the pushes of a platform itself
 * (push-groups.ts), and only the database orders those of several.
 */
describe('concurrent pushes touching the same records on PostgreSQL', () => {
  const t = useTestApp(postgresBackend);

  async function lockWaiters(): Promise<number> {
    const rows = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0]?.n ?? 0;
  }

  it('both apply, whatever order they lock the records in', async () => {
    const coordinator = await t.login('coordinateur');
    const conseiller = await t.login('conseiller');
    const alice = (await t.storedRecord(PEOPLE.alice.id))!.version;
    const bastien = (await t.storedRecord(PEOPLE.bastien.id))!.version;

    // Another writer of the platform holds its clock while both pushes start.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const writer = t.db.transaction(async (tx) => {
      await tx.query('SELECT value FROM platform_clocks WHERE platform_id = $1 FOR UPDATE', [PLATFORM.id]);
      holding();
      await released;
    });
    await holds;

    const fromCoordinator = t.push(coordinator, [
      t.nextUpdate(coordinator, PEOPLE.alice.id, alice, { phone: '06 39 98 10 01' }),
      t.nextUpdate(coordinator, PEOPLE.bastien.id, bastien, { phone: '06 39 98 10 02' }),
    ]);
    const other = await t.anotherEndpoint();
    const fromConseiller = t.push(
      conseiller,
      [
        t.nextUpdate(conseiller, PEOPLE.bastien.id, bastien, { commune: 'Roubaix' }),
        t.nextUpdate(conseiller, PEOPLE.alice.id, alice, { commune: 'Tourcoing' }),
      ],
      {},
      other,
    );
    const deadline = performance.now() + 5_000;
    while ((await lockWaiters()) < 2 && performance.now() < deadline) await sleep(10);
    expect(await lockWaiters()).toBe(2); // both pushes are in their transactions, waiting

    release();
    await writer;
    const responses = await Promise.all([fromCoordinator, fromConseiller]);

    expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
    for (const response of responses) {
      expect(response.json().results.map((result: { status: string }) => result.status)).toEqual([
        'applied',
        'applied',
      ]);
    }
    expect((await t.storedRecord(PEOPLE.alice.id))?.data).toMatchObject({
      phone: '06 39 98 10 01',
      commune: 'Tourcoing',
    });
    expect((await t.storedRecord(PEOPLE.bastien.id))?.data).toMatchObject({
      phone: '06 39 98 10 02',
      commune: 'Roubaix',
    });
  });
});
