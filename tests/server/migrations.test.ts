import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/server/store/migrate';
import { backends, type TestDatabase } from '../support/server/test-databases';

describe.each(backends)('migrations on %s', (backend) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.cleanup();
    database = undefined;
  });

  it('apply every migration to an empty database, then nothing on a second run', async () => {
    database = await backend.open({ migrated: false });
    const all = listMigrations().map((migration) => migration.version);
    expect(all.length).toBeGreaterThan(0);

    expect(await migrate(database.db)).toEqual(all);
    expect(await migrate(database.db)).toEqual([]);

    const recorded = await database.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((row) => row.version)).toEqual(all);
  });

  it('create the tables the endpoint uses', async () => {
    database = await backend.open({ migrated: false });
    await migrate(database.db);
    const tables = await database.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        'agents',
        'devices',
        'mutations',
        'platform_clocks',
        'platforms',
        'records',
        'schema_migrations',
        'sessions',
      ]),
    );
  });
});
