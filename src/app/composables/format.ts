import { formatCount } from '../../domain/french-count';
/** Dates and times in French, as users read them. */
const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** "2009-07-30" → "30/07/2009" (a calendar date, no time zone shift). */
export function formatIsoDate(iso: string): string {
  return iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : '';
}

/** A moment (ISO timestamp) in the device's time zone: "29/11/2026 14:05". */
export function formatMoment(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '';
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/** What went wrong, as said to the user: an error's message, or whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
