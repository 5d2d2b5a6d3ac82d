import { summarise, type Summary } from './stats';

/**
 * What the bench reports: for each operation, one row per way of doing it
 * (the app, and the baselines measured in the same run), each row with its
 * repeats summarised, its ratio to the operation's baseline and its budget.
 */
export type Unit = 'ms' | 'records/s' | 'mutations/s' | 'kB' | 'MB';

/** A budget on the median (or the p95), as a ratio to the baseline or as an absolute figure. */
export interface Budget {
  /** Ratio to the baseline's median: at most (time) or at least (throughput). */
  ratioMax?: number;
  ratioMin?: number;
  /** Absolute figure, in the row's unit. */
  max?: number;
  min?: number;
  /** Which figure the absolute budget applies to (default the median). */
  on?: 'median' | 'p95';
  /** As the issue words it. */
  text: string;
}

export interface Measure {
  section: 'device' | 'server' | 'build';
  operation: string;
  variant: string;
  unit: Unit;
  samples: number[];
  /** The variant of the same operation this one is compared with (a ratio is shown). */
  baseline?: string;
  budget?: Budget;
  note?: string;
}

export interface Row extends Omit<Measure, 'samples'> {
  summary: Summary | null;
  ratio: number | null;
  pass: boolean | null;
  error?: string;
}

/** A row that could not be measured: shown, and counted as a failure of the harness. */
export interface FailedMeasure {
  section: Measure['section'];
  operation: string;
  variant: string;
  error: string;
}

function judge(row: Row): boolean | null {
  const { budget, summary, ratio } = row;
  if (!budget || !summary) return null;
  const value = budget.on === 'p95' ? summary.p95 : summary.median;
  const checks: boolean[] = [];
  if (budget.ratioMax !== undefined) checks.push(ratio !== null && ratio <= budget.ratioMax);
  if (budget.ratioMin !== undefined) checks.push(ratio !== null && ratio >= budget.ratioMin);
  if (budget.max !== undefined) checks.push(value <= budget.max);
  if (budget.min !== undefined) checks.push(value >= budget.min);
  return checks.every(Boolean);
}

export function toRows(measures: readonly Measure[], failures: readonly FailedMeasure[]): Row[] {
  const rows: Row[] = measures.map(({ samples, ...measure }) => ({
    ...measure,
    summary: samples.length > 0 ? summarise(samples) : null,
    ratio: null,
    pass: null,
  }));
  for (const row of rows) {
    if (!row.baseline || !row.summary) continue;
    const base = rows.find((other) => other.operation === row.operation && other.variant === row.baseline);
    if (base?.summary && base.summary.median > 0) row.ratio = row.summary.median / base.summary.median;
  }
  for (const row of rows) row.pass = judge(row);
  for (const failure of failures) {
    rows.push({ ...failure, unit: 'ms', summary: null, ratio: null, pass: false });
  }
  return rows;
}
