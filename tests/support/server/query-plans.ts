import { expect } from 'vitest';
import type { Database } from '../../../src/server/store/database';

/**
 * What a statement's plan reads, as PostgreSQL runs it (EXPLAIN ANALYZE), for
 * the tests that hold a read path to the rows it needs. Both ways a prepared
 * statement is planned: for its values (custom), and once for any values
 * (generic: what a named prepared statement uses after five runs).
 */
export type Planning = 'force_custom_plan' | 'force_generic_plan';

export interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows of `relation` the plan's scans read: those they returned and those their filter dropped. */
export function rowsRead(node: PlanNode, relation: string): number {
  const own =
    node['Relation Name'] === relation
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0);
}

/** A value as an SQL literal (EXECUTE's arguments are written out: a utility statement takes no parameters). */
function literal(value: unknown): string {
  if (value === null) return 'NULL';
  expect(String(value)).toMatch(/^[0-9a-f-]+$/);
  return `'${String(value)}'`;
}

let prepared = 0;

/**
 * Runs the statement prepared (PREPARE), so that plan_cache_mode decides how
 * it is planned — EXPLAIN of a statement sent with its parameters always
 * plans it for those values — and returns its plan and its rows' count.
 */
export async function explainPrepared(
  db: Database,
  query: { sql: string; params: readonly unknown[] },
  planning: Planning,
): Promise<{ plan: PlanNode; rows: number }> {
  const name = `plan_test_${(prepared += 1)}`;
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL plan_cache_mode = ${planning}`);
    await tx.query(`PREPARE ${name} AS ${query.sql}`);
    const args = query.params.length > 0 ? ` (${query.params.map(literal).join(', ')})` : '';
    const [explained] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}${args}`,
    );
    const rows = await tx.query(`EXECUTE ${name}${args}`);
    await tx.query(`DEALLOCATE ${name}`);
    return { plan: explained!['QUERY PLAN'][0].Plan, rows: rows.length };
  });
}
