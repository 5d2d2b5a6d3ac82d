/** Medians and spreads of repeated measures: these machines are shared and noisy, one run proves nothing. */
export interface Summary {
  samples: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** Interquartile range over the median, in %: how much the repeats disagree. */
  spreadPct: number;
}

/** The value at percentile `p` (nearest rank) of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const iqr = percentile(sorted, 75) - percentile(sorted, 25);
  return {
    samples: sorted.length,
    median,
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    spreadPct: median === 0 ? 0 : (100 * iqr) / median,
  };
}
