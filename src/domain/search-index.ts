import { foldForSearch, matchesTerms, queryTerms } from './search';
import type { Solution } from './solution';
import type { YoungPerson } from './young-person';

/**
 * Search as you type over thousands of records: the folded text of each
 * record is built once (when the records change), so a keystroke only folds
 * the query and scans strings in memory.
 */
export interface Indexed<T> {
  item: T;
  text: string;
}

export function searchText(fields: readonly string[]): string {
  return foldForSearch(fields.join(' '));
}

export function indexForSearch<T>(items: readonly T[], fieldsOf: (item: T) => readonly string[]): Indexed<T>[] {
  return items.map((item) => ({ item, text: searchText(fieldsOf(item)) }));
}

/** The items whose text contains every word of the query (all of them for an empty query), in index order. */
export function searchIndexed<T>(indexed: readonly Indexed<T>[], query: string): T[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return indexed.map((entry) => entry.item);
  return indexed.filter((entry) => matchesTerms(entry.text, terms)).map((entry) => entry.item);
}

/** What a young person is found by: name, first names, INE, commune and last school. */
export function youngPersonSearchFields(
  person: Pick<YoungPerson, 'lastName' | 'firstNames' | 'ine' | 'commune' | 'lastSchoolName'>,
): string[] {
  return [person.lastName, person.firstNames, person.ine, person.commune, person.lastSchoolName];
}

/** What a catalogue entry is found by: name, structure, commune and domains. */
export function solutionSearchFields(solution: Pick<Solution, 'name' | 'structure' | 'commune' | 'domains'>): string[] {
  return [solution.name, solution.structure, solution.commune, ...solution.domains];
}
