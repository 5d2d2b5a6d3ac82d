import { AUDIT_TIME_ZONE } from '../../domain/audit-messages';

/**
 * Calendar days of the retention rule. The platforms' days are those of
 * metropolitan France (as the audit's), whatever the server's time zone.
 */

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: AUDIT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day (YYYY-MM-DD) a moment falls on in France. */
export function platformDay(moment: Date): string {
  return dayFormat.format(moment);
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The same day `years` later (or earlier). A 29 February landing in a common
 * year becomes the 28th going forward and the 1st of March going back, so
 * that retentionCutoff and erasureDay describe the same rule exactly.
 */
export function shiftYears(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = year + years;
  if (month === 2 && date === 29 && !isLeap(target)) return years >= 0 ? `${target}-02-28` : `${target}-03-01`;
  return `${String(target).padStart(4, '0')}-${day.slice(5)}`;
}

export function addDays(day: string, days: number): string {
  return iso(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** A case closed before this day (strictly) has been closed for longer than the retention period. */
export function retentionCutoff(today: string, years: number): string {
  return shiftYears(today, -years);
}

/** The first day on which a case closed on `closedOn` is due for the purge. */
export function erasureDay(closedOn: string, years: number): string {
  return addDays(shiftYears(closedOn, years), 1);
}
