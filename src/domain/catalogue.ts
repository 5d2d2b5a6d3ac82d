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

/** "3 places libres sur 12", "Complet", or "Places non précisées" when the entry counts none. */
export function placesLabel(solution: Pick<Solution, 'placesFree' | 'placesTotal'>): string {
  if (solution.placesTotal === 0) return 'Places non précisées';
  if (solution.placesFree === 0) return `Complet (${solution.placesTotal.toLocaleString('fr-FR')} places)`;
  const free = solution.placesFree.toLocaleString('fr-FR');
  return `${free} place${solution.placesFree > 1 ? 's libres' : ' libre'} sur ${solution.placesTotal.toLocaleString('fr-FR')}`;
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
