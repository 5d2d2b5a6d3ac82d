import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, SqlExecutor } from './database';

/** int8 values (versions, sequence numbers) stay below 2^53: read them as numbers, as the pg driver is told to. */
const parsers = { [types.INT8]: (value: string) => Number(value) };

/** Embedded PostgreSQL. `dataDir` undefined: in memory (tests). */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { parsers });
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async script(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...executor(pg),
    transaction: (work) => pg.transaction((tx) => work(executor(tx))),
    close: () => pg.close(),
  };
}
