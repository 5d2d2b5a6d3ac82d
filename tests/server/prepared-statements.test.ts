import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementNamer } from '../../src/server/store/statement-names';
import { openPostgresTestDatabase, type TestDatabase } from '../support/server/test-databases';

describe('statement names', () => {
  it('gives a text the same name at every call, and another text another name', () => {
    const name = statementNamer();
    const first = name('SELECT 1');
    expect(first).toBeDefined();
    expect(name('SELECT 1')).toBe(first);
    expect(name('SELECT 2')).not.toBe(first);
  });

  it('sends new texts unnamed once the limit is reached, and keeps naming the known ones', () => {
    const name = statementNamer(2);
    const a = name('SELECT 1');
    const b = name('SELECT 2');
    expect(name('SELECT 3')).toBeUndefined();
    expect([name('SELECT 1'), name('SELECT 2')]).toEqual([a, b]);
  });
});

/** Named statements on a real server: each connection parses a text once, and a failed one leaves no trace. */
describe('prepared statements on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openPostgresTestDatabase();
  });
  afterAll(() => database.cleanup());

  const ADD = 'SELECT $1::int + $2::int AS sum';

  it('are parsed once per connection and answer each call with its own parameters', async () => {
    const prepared = await database.db.transaction(async (tx) => {
      const sums = [await tx.query<{ sum: number }>(ADD, [1, 2]), await tx.query<{ sum: number }>(ADD, [40, 2])];
      expect(sums.flat()).toEqual([{ sum: 3 }, { sum: 42 }]);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE statement = $1', [
        ADD,
      ]);
    });
    expect(prepared).toHaveLength(1);
  });

  it('report a statement that fails to parse, then run the next ones normally', async () => {
    await expect(database.db.query('SELEC nothing')).rejects.toThrow(/syntax error/);
    await expect(database.db.query('SELEC nothing')).rejects.toThrow(/syntax error/);
    expect(await database.db.query<{ sum: number }>(ADD, [2, 3])).toEqual([{ sum: 5 }]);
  });
});
