import { isRealIsoDate } from './formats';

/** A case as the device's retention sees it. */
export interface ClosedCaseCandidate {
  id: string;
  status: string;
  /** ISO date of the closing, '' while open. */
  closedOn: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/**
 * The closed cases a device removes: status 'clos', closed more than `days`
 * days before `today` (closed on the 1st with 30 days: kept until the 31st,
 * removed from the 1st of the next month), and with no change of the case
 * left to send (`unsentCaseIds`: refused changes count, they are not sent
 * yet). A case whose closing date is missing or invalid is kept.
 */
export function closedCasesToRemove(
  cases: readonly ClosedCaseCandidate[],
  unsentCaseIds: ReadonlySet<string>,
  days: number,
  today: string,
): string[] {
  return cases
    .filter(
      (person) =>
        person.status === 'clos' &&
        isRealIsoDate(person.closedOn) &&
        dayNumber(today) - dayNumber(person.closedOn) > days &&
        !unsentCaseIds.has(person.id),
    )
    .map((person) => person.id);
}
