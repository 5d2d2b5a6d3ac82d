/**
 * Accent- and case-insensitive search text: "Hélène" and "helene" compare
 * equal. Lower case without a locale: French has no case mapping of its own
 * (only Turkish, Azeri and Lithuanian do), and the locale-aware variant costs
 * twice as much on the thousands of cases folded when the caseload loads.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The query's words, folded; a record matches when its text contains every one. */
export function queryTerms(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}

export function matchesTerms(folded: string, terms: readonly string[]): boolean {
  return terms.every((term) => folded.includes(term));
}
