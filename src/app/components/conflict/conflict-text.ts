import type { Conflict } from '../../../domain/conflict';
import { formatMoment } from '../../composables/format';

type NameOf = (agentId: string) => string;

/** The heading of one side, said to the person reading: "Ma valeur", "Valeur de Karim Benali". */
function sideTitle(authorId: string, me: string, nameOf: NameOf): string {
  if (!authorId) return 'Valeur enregistrée';
  return authorId === me ? 'Ma valeur' : `Valeur de ${nameOf(authorId)}`;
}

/**
 * The headings of the two sides: the value the endpoint kept, and the other
 * one. When one person typed both (on two devices), which came first tells
 * them apart.
 */
export function sideTitles(
  conflict: Pick<Conflict, 'keptAuthorId' | 'otherAuthorId'>,
  me: string,
  nameOf: NameOf,
): { kept: string; other: string } {
  const kept = sideTitle(conflict.keptAuthorId, me, nameOf);
  const other = sideTitle(conflict.otherAuthorId, me, nameOf);
  if (kept !== other) return { kept, other };
  return { kept: `${kept} (enregistrée en premier)`, other: `${other} (arrivée ensuite)` };
}

const HOW: Record<Exclude<Conflict['resolution'], ''>, string> = {
  conservee: 'la valeur enregistrée a été gardée',
  remplacee: 'l’autre valeur a été retenue',
  saisie: 'une autre valeur a été saisie',
};

/** "Résolu par Camille Durand le 05/10/2026 09:00 : l’autre valeur a été retenue." */
export function resolutionText(
  conflict: Pick<Conflict, 'resolution' | 'resolvedBy' | 'resolvedAt'>,
  me: string,
  nameOf: NameOf,
): string {
  const who = conflict.resolvedBy === me ? 'vous' : nameOf(conflict.resolvedBy);
  const how = conflict.resolution ? ` : ${HOW[conflict.resolution]}` : '';
  return `Résolu par ${who} le ${formatMoment(conflict.resolvedAt || null)}${how}.`;
}
