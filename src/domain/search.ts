/** Accent- and case-insensitive search text: "Hélène" and "helene" compare equal. */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('fr-FR')
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
