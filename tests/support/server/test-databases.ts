import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../../src/server/store/database';
import { migrate } from '../../../src/server/store/migrate';
import { openPgliteDatabase } from '../../../src/server/store/pglite-database';
import { openPostgresDatabase } from '../../../src/server/store/postgres-database';

/**
 * A fresh database for one test file, on either backend the endpoint supports.
 * Server tests run on both: `describe.each(backends)('… on %s', (backend) => …)`.
 */
export interface TestDatabase {
  db: Database;
  /** Closes the connection(s) and, on PostgreSQL, drops the database. */
  cleanup(): Promise<void>;
}

export interface OpenOptions {
  /** Apply the migrations (default true). */
  migrated?: boolean;
  /** PostgreSQL pool size (default 10, as in production). */
  maxConnections?: number;
}

export interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  open(options?: OpenOptions): Promise<TestDatabase>;
  /** The name, so that `describe.each(backends)('… on %s', …)` reads "… on PGlite". */
  toString(): string;
}

/** Where the PostgreSQL tests create their databases (trust auth, an existing database to connect to). */
export const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

export async function openPgliteTestDatabase(options: OpenOptions = {}): Promise<TestDatabase> {
  const db = await openPgliteDatabase(); // in memory
  if (options.migrated ?? true) await migrate(db);
  return { db, cleanup: () => db.close() };
}

async function connectAdmin(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: ADMIN_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The server tests need a PostgreSQL server and could not reach ${ADMIN_POSTGRES_URL} (${reason}). ` +
        'Start PostgreSQL (trust auth, user postgres, database "test"), or point TEST_POSTGRES_URL at one.',
    );
  }
  return admin;
}

/** A new database with a unique name on the PostgreSQL server, dropped (even if still in use) on cleanup. */
export async function openPostgresTestDatabase(options: OpenOptions = {}): Promise<TestDatabase> {
  const name = `raccroche_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = await connectAdmin();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  const dropDatabase = async () => {
    const dropper = await connectAdmin();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  let db: Database;
  try {
    db = await openPostgresDatabase(url.toString(), options.maxConnections);
    if (options.migrated ?? true) await migrate(db);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  return {
    db,
    async cleanup() {
      await db.close().catch(() => undefined);
      await dropDatabase();
    },
  };
}

export const pgliteBackend: Backend = { name: 'PGlite', open: openPgliteTestDatabase, toString: () => 'PGlite' };
export const postgresBackend: Backend = {
  name: 'PostgreSQL',
  open: openPostgresTestDatabase,
  toString: () => 'PostgreSQL',
};

/** Both backends: every server behaviour is checked on each, `describe.each(backends)('… on %s', (backend) => …)`. */
export const backends: Backend[] = [pgliteBackend, postgresBackend];
