import pg from 'pg';
import type { Database, SqlExecutor } from './database';
import { statementNamer } from './statement-names';

pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

const statementName = statementNamer();

/** A statement with its parameters, under its name (see statement-names.ts). */
const statement = (text: string, params: readonly unknown[]) => ({
  name: statementName(text),
  text,
  values: params as unknown[],
});

/** A PostgreSQL server reached through a connection pool. */
export async function openPostgresDatabase(connectionString: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle connection closed by the server (restart, administrator) is reported
  // here; without a listener Node would crash. The pool has already dropped that
  // connection and opens a new one for the next query; a lasting outage surfaces
  // as errors of the queries themselves.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1'); // fail at start, with the driver's message, if the server is unreachable
  return {
    kind: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(statement(sql, params));
      return result.rows as Row[];
    },
    async script(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>) {
      const client = await pool.connect();
      const tx: SqlExecutor = {
        async query<Row>(sql: string, params: readonly unknown[] = []) {
          const result = await client.query(statement(sql, params));
          return result.rows as Row[];
        },
        async script(sql: string) {
          await client.query(sql);
        },
      };
      try {
        await client.query('BEGIN');
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
