import { formatCount } from './french-count';
import type { Contract } from './contract';
import { daysBetween } from './workflow';

/**
 * What the day holds beyond calls: checkpoints of contracts coming up and
 * contracts about to end. Only contracts that run (signed or under way) count.
 */
export const CHECKPOINTS_WITHIN_DAYS = 14;
export const CONTRACT_ENDING_WITHIN_DAYS = 30;

type AgendaContract = Pick<
  Contract,
  'id' | 'youngPersonId' | 'state' | 'solutionLabel' | 'checkpoints' | 'startDate' | 'endDate'
>;

export interface CheckpointDue {
  contractId: string;
  youngPersonId: string;
  date: string;
  label: string;
  solutionLabel: string;
  daysUntil: number;
}

export interface ContractEnding {
  contractId: string;
  youngPersonId: string;
  endDate: string;
  solutionLabel: string;
  daysLeft: number;
}

const isRunning = (contract: AgendaContract) => contract.state === 'signe' || contract.state === 'en_cours';

/** Checkpoints from today to `withinDays` days ahead, soonest first. */
export function upcomingCheckpoints(
  contracts: readonly AgendaContract[],
  today: string,
  withinDays = CHECKPOINTS_WITHIN_DAYS,
): CheckpointDue[] {
  const due: CheckpointDue[] = [];
  for (const contract of contracts.filter(isRunning)) {
    for (const checkpoint of contract.checkpoints) {
      const daysUntil = daysBetween(today, checkpoint.date);
      if (daysUntil < 0 || daysUntil > withinDays) continue;
      due.push({
        contractId: contract.id,
        youngPersonId: contract.youngPersonId,
        date: checkpoint.date,
        label: checkpoint.label,
        solutionLabel: contract.solutionLabel,
        daysUntil,
      });
    }
  }
  return due.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Running contracts whose end date falls from today to `withinDays` days ahead, soonest first. */
export function contractsEndingSoon(
  contracts: readonly AgendaContract[],
  today: string,
  withinDays = CONTRACT_ENDING_WITHIN_DAYS,
): ContractEnding[] {
  return contracts
    .filter((contract) => isRunning(contract) && contract.endDate !== '')
    .map((contract) => ({
      contractId: contract.id,
      youngPersonId: contract.youngPersonId,
      endDate: contract.endDate,
      solutionLabel: contract.solutionLabel,
      daysLeft: daysBetween(today, contract.endDate),
    }))
    .filter((ending) => ending.daysLeft >= 0 && ending.daysLeft <= withinDays)
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

/** "aujourd’hui", "demain", "dans 5 j". */
export function daysAheadLabel(days: number): string {
  if (days === 0) return 'aujourd’hui';
  if (days === 1) return 'demain';
  return `dans ${formatCount(days)} j`;
}
