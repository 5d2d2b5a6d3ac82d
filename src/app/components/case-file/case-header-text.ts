import type { CaseStatus } from '../../../domain/enums';
import { daysBetween } from '../../../domain/workflow';

const campaignFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" → "mars 2026". */
export function campaignLabel(campaign: string): string {
  return campaign ? campaignFormat.format(new Date(`${campaign}-01T00:00:00Z`)) : '';
}

/** "Dernier contact il y a 3 jours", or "Aucun contact" when nobody tried yet. */
export function lastContactText(lastContactAt: string | null, today: string): string {
  if (!lastContactAt) return 'Aucun contact';
  const days = Math.max(0, daysBetween(lastContactAt, today));
  if (days === 0) return 'Dernier contact aujourd’hui';
  return `Dernier contact il y a ${days} jour${days > 1 ? 's' : ''}`;
}

/** A number a phone can dial: "06 12 34 56 78" → "tel:0612345678". */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[\s.\-()]/g, '')}`;
}

/** The colour of a status badge: to do, a warning, done, or neutral. */
export function statusBadgeType(status: CaseStatus): 'new' | 'warning' | 'success' | 'info' {
  if (status === 'a_traiter') return 'new';
  if (status === 'injoignable') return 'warning';
  if (status === 'contrat_signe' || status === 'en_solution') return 'success';
  return 'info';
}
