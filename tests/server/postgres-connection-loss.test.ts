import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresTestDatabase, type TestDatabase } from '../support/server/test-databases';

/**
 * PostgreSQL restarting (or an administrator ending sessions) closes the
 * pool's idle connections. The endpoint must survive it and reconnect, not
 * crash on an unhandled 'error' event of the pool.
 */
describe('idle connections lost on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openPostgresTestDatabase();
  });
  afterAll(() => database.cleanup());

  it('are replaced on the next query, without crashing the process', async () => {
    const { db } = database;
    // Three connections open and idle in the pool.
    await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)')));
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const ended = await db.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(ended.length).toBeGreaterThanOrEqual(2);
      await sleep(300); // the idle connections receive their termination notice
    } finally {
      process.off('uncaughtException', onUncaught);
    }

    expect(uncaught).toEqual([]);
    const rows = await Promise.all([1, 2, 3].map(() => db.query<{ one: number }>('SELECT 1 AS one')));
    expect(rows.flat()).toEqual([{ one: 1 }, { one: 1 }, { one: 1 }]);
  });
});
