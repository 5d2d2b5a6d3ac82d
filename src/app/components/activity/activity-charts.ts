import {
  ACTIVITY_COUNTS,
  FUNNEL_STEPS,
  monthLabel,
  type ActivityFigures,
  type MonthlyActivity,
} from '../../../domain/activity-stats';
import { outcomeCode, solutionType } from '../../../domain/enums';

/**
 * What each chart of the activity screen draws, and its data table shows:
 * one row per label, one column per series.
 */
export interface ChartSeries {
  label: string;
  values: number[];
}
export interface ChartData {
  labels: string[];
  series: ChartSeries[];
}

/** The path, step by step: how many young people reached each step in the period. */
export function funnelChart(figures: ActivityFigures): ChartData {
  return {
    labels: FUNNEL_STEPS.map((step) => ACTIVITY_COUNTS[step].label),
    series: [{ label: 'Jeunes', values: FUNNEL_STEPS.map((step) => figures[step]) }],
  };
}

/** Proposals made and accepted, by type of solution, the most proposed first. */
export function solutionTypesChart(figures: ActivityFigures): ChartData {
  const rows = [...figures.proposalsByType].sort(
    (a, b) => b.proposed - a.proposed || solutionType.label(a.type).localeCompare(solutionType.label(b.type), 'fr'),
  );
  return {
    labels: rows.map((row) => solutionType.label(row.type)),
    series: [
      { label: 'Propositions', values: rows.map((row) => row.proposed) },
      { label: 'Acceptées', values: rows.map((row) => row.accepted) },
    ],
  };
}

/** Cases closed, by outcome code, the most frequent first. */
export function outcomesChart(figures: ActivityFigures): ChartData {
  const rows = [...figures.closedByOutcome].sort(
    (a, b) => b.count - a.count || outcomeCode.label(a.outcome).localeCompare(outcomeCode.label(b.outcome), 'fr'),
  );
  return {
    labels: rows.map((row) => outcomeCode.label(row.outcome)),
    series: [{ label: 'Dossiers clos', values: rows.map((row) => row.count) }],
  };
}

/** The trend: young people listed, contacted, entering a solution, and cases closed, month by month. */
export function monthlyChart(monthly: readonly MonthlyActivity[]): ChartData {
  const counted = ['listed', 'contacted', 'inSolution', 'closed'] as const;
  return {
    labels: monthly.map((month) => monthLabel(month.month)),
    series: counted.map((count) => ({
      label: ACTIVITY_COUNTS[count].label,
      values: monthly.map((month) => month[count]),
    })),
  };
}

/** What a screen reader hears for a chart: its title and each value. */
export function chartSummary(title: string, data: ChartData): string {
  if (data.labels.length === 0) return `${title} : aucune donnée sur la période.`;
  const values = data.labels.map(
    (label, row) => `${label} : ${data.series.map((series) => `${series.values[row] ?? 0}`).join(' / ')}`,
  );
  const names = data.series.length > 1 ? ` (${data.series.map((series) => series.label).join(' / ')})` : '';
  return `${title}${names}. ${values.join(' ; ')}.`;
}
