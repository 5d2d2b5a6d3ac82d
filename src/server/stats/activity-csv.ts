import {
  ACTIVITY_COUNT_KEYS,
  ACTIVITY_COUNTS,
  ACTIVITY_DELAY_KEYS,
  ACTIVITY_DELAYS,
  type ActivityFigures,
  type ActivityResponse,
} from '../../domain/activity-stats';
import { outcomeCode, solutionType } from '../../domain/enums';
import { frenchCsv } from '../csv/french-csv';

/**
 * The activity bilan as a spreadsheet: a line for the whole scope, then one
 * per referent; a column per count, per median delay (days, a decimal comma),
 * per solution type (proposals) and per outcome code (closings). Every
 * column is there even when it is zero, so two periods' files line up.
 */
const HEADER = [
  'Référent',
  ...ACTIVITY_COUNT_KEYS.map((key) => ACTIVITY_COUNTS[key].label),
  ...ACTIVITY_DELAY_KEYS.map((key) => `Délai médian en jours : ${ACTIVITY_DELAYS[key].toLowerCase()}`),
  ...solutionType.values.map((type) => `Propositions : ${solutionType.label(type)}`),
  ...solutionType.values.map((type) => `Propositions acceptées : ${solutionType.label(type)}`),
  ...outcomeCode.values.map((code) => `Sorties : ${outcomeCode.label(code)}`),
];

function line(name: string, figures: ActivityFigures): (string | number | null)[] {
  const byType = new Map(figures.proposalsByType.map((entry) => [entry.type, entry]));
  const byOutcome = new Map(figures.closedByOutcome.map((entry) => [entry.outcome, entry.count]));
  return [
    name,
    ...ACTIVITY_COUNT_KEYS.map((key) => figures[key]),
    ...ACTIVITY_DELAY_KEYS.map((key) => figures.delays[key].medianDays),
    ...solutionType.values.map((type) => byType.get(type)?.proposed ?? 0),
    ...solutionType.values.map((type) => byType.get(type)?.accepted ?? 0),
    ...outcomeCode.values.map((code) => byOutcome.get(code) ?? 0),
  ];
}

export function activityCsv(activity: ActivityResponse, scopeName: string): string {
  return frenchCsv(HEADER, [
    line(scopeName, activity.totals),
    ...activity.byAgent.map((entry) => line(entry.agentName, entry.figures)),
  ]);
}
