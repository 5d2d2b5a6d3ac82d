import type { CaseStatus } from '../../../domain/enums';

/**
 * DSFR badge classes of a case status: new cases stand out, cases in solution
 * look settled. Plain classes, so that long lists render no component per badge.
 */
const BADGE_TYPE: Record<CaseStatus, 'new' | 'info' | 'warning' | 'success' | null> = {
  a_traiter: 'new',
  contact_en_cours: 'info',
  injoignable: 'warning',
  joint: 'info',
  entretien: 'info',
  bilan: 'info',
  solution_proposee: 'info',
  contrat_signe: 'success',
  en_solution: 'success',
  clos: null,
};

export const SMALL_BADGE = 'fr-badge fr-badge--sm fr-badge--no-icon';

export function statusBadgeClass(status: CaseStatus): string {
  const type = BADGE_TYPE[status];
  return type ? `${SMALL_BADGE} fr-badge--${type}` : SMALL_BADGE;
}
