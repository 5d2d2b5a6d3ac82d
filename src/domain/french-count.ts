const frenchCount = new Intl.NumberFormat('fr-FR');

/**
 * A count as French readers write it ("12 345"). One formatter made once:
 * `toLocaleString('fr-FR')` builds one at every call, which a page of the
 * caseload redrawn at each keystroke of the search pays fifty times.
 */
export function formatCount(count: number): string {
  return frenchCount.format(count);
}
