import { formatCount } from './french-count';
import type { SchoolLevel, SolutionType } from './enums';
import type { Proposal } from './proposal';
import { matchesTerms } from './search';
import type { Indexed } from './search-index';
import type { Solution } from './solution';

/**
 * Browsing the platform's catalogue of solutions offline: search, filters,
 * and the proposal a chosen entry starts.
 */
export interface CatalogueCriteria {
  /** Folded words of the search (queryTerms). */
  terms: readonly string[];
  type: SolutionType | '';
  level: SchoolLevel | '';
  commune: string;
}

/**
 * Active entries passing every criterion, in index order. An entry naming no
 * level is open to every level.
 */
export function filterCatalogue(indexed: readonly Indexed<Solution>[], criteria: CatalogueCriteria): Solution[] {
  return indexed
    .filter(({ item, text }) => {
      if (!item.active) return false;
      if (criteria.type && item.type !== criteria.type) return false;
      if (criteria.level && item.levels.length > 0 && !item.levels.includes(criteria.level)) return false;
      if (criteria.commune && item.commune !== criteria.commune) return false;
      return matchesTerms(text, criteria.terms);
    })
    .map(({ item }) => item);
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Entries by name, as a French reader sorts them. */
export function sortSolutions<S extends Pick<Solution, 'name'>>(solutions: readonly S[]): S[] {
  return [...solutions].sort((a, b) => collator.compare(a.name, b.name));
}

/** The communes of the active entries, in alphabetical order. */
export function catalogueCommunes(solutions: readonly Pick<Solution, 'commune' | 'active'>[]): string[] {
  const communes = new Set(solutions.filter((s) => s.active && s.commune).map((s) => s.commune));
  return [...communes].sort(collator.compare);
}

/** Places still free: the capacity less the places taken, never below zero (an entry can be over-booked). */
export function placesFree(placesTotal: number, placesTaken: number): number {
  return Math.max(0, placesTotal - placesTaken);
}

/**
 * What a reader of the catalogue sees: "3 places libres sur 12", "Complet
 * (12 places)", "12 places" while the places taken are not known on this
 * device yet, or "Places non précisées" when the entry gives no capacity.
 */
export function placesLabel(placesTotal: number, placesTaken: number | null): string {
  if (placesTotal === 0) return 'Places non précisées';
  if (placesTaken === null) return `${formatCount(placesTotal)} place${placesTotal > 1 ? 's' : ''}`;
  const free = placesFree(placesTotal, placesTaken);
  if (free === 0) return `Complet (${formatCount(placesTotal)} place${placesTotal > 1 ? 's' : ''})`;
  return `${formatCount(free)} place${free > 1 ? 's libres' : ' libre'} sur ${formatCount(placesTotal)}`;
}

/** What the coordinator sees: "8 places prises sur 12", "Aucune place prise sur 12", "3 places prises (capacité non précisée)". */
export function placesTakenLabel(placesTotal: number, placesTaken: number): string {
  const taken =
    placesTaken === 0
      ? 'Aucune place prise'
      : `${formatCount(placesTaken)} place${placesTaken > 1 ? 's prises' : ' prise'}`;
  return placesTotal === 0 ? `${taken} (capacité non précisée)` : `${taken} sur ${formatCount(placesTotal)}`;
}

/**
 * A new proposal of a catalogue entry, waiting for the young person's
 * decision. The entry's name and type are copied: the proposal reads the same
 * if the catalogue changes later.
 */
export function proposalOf(
  solution: Pick<Solution, 'id' | 'name' | 'type'> | null,
  input: { id: string; youngPersonId: string; authorId: string; date: string },
): Proposal {
  return {
    id: input.id,
    youngPersonId: input.youngPersonId,
    authorId: input.authorId,
    solutionId: solution?.id ?? '',
    solutionName: solution?.name ?? '',
    solutionType: solution?.type ?? 'autre',
    date: input.date,
    decision: 'en_attente',
    decidedOn: '',
    reason: '',
  };
}
