import { formatCount } from './french-count';
import type { CaseStatus, Origin } from './enums';
import { caseStatus } from './enums';
import { ageOn } from './formats';
import { foldForSearch, matchesTerms } from './search';
import { STATUS_RANK, daysBetween } from './workflow';
import type { YoungPerson } from './young-person';

/**
 * The caseload of an adviser: who is followed, where each case stands, who
 * has to be called back. Pure functions over records already in memory, so
 * they run at every keystroke on thousands of cases.
 */

export type CaseloadPerson = Pick<
  YoungPerson,
  | 'id'
  | 'lastName'
  | 'firstNames'
  | 'ine'
  | 'birthDate'
  | 'commune'
  | 'lastSchoolName'
  | 'status'
  | 'origin'
  | 'campaign'
>;

export interface CaseloadEntry<P extends CaseloadPerson = CaseloadPerson> {
  person: P;
  /** Folded search text (see search-index.ts). */
  text: string;
  /** Folded "last name, first names": sorting by name compares plain strings, fast on thousands. */
  nameKey: string;
  age: number | null;
  minor: boolean;
  /** Moment of the last contact attempt, or null when nobody ever tried. */
  lastContactAt: string | null;
  daysSinceContact: number | null;
}

export interface CaseloadCriteria {
  /** Folded words of the search (queryTerms). */
  terms: readonly string[];
  /** '' for every open case; 'clos' for the closed ones only. */
  status: CaseStatus | '';
  minorsOnly: boolean;
  origin: Origin | '';
  campaign: string;
  callBackOnly: boolean;
  callBackAfterDays: number;
}

export type CaseloadSort = 'name' | 'lastContact' | 'age';
export const caseloadSort = {
  values: ['name', 'lastContact', 'age'] as const,
  labels: {
    name: 'Nom (A → Z)',
    lastContact: 'Dernier contact (le plus ancien d’abord)',
    age: 'Âge (le plus jeune d’abord)',
  } satisfies Record<CaseloadSort, string>,
};

/** Statuses from which a case is followed through its contract, not by calls. */
const FOLLOWED_BY_CONTRACT_RANK = STATUS_RANK.contrat_signe;

/**
 * The last contact attempt of each young person, in one pass over the keys of
 * the index [youngPersonId+occurredAt] (no query per person).
 */
export function lastContactByPerson(keys: Iterable<readonly [string, string]>): Map<string, string> {
  const last = new Map<string, string>();
  for (const [youngPersonId, occurredAt] of keys) {
    const known = last.get(youngPersonId);
    if (known === undefined || occurredAt > known) last.set(youngPersonId, occurredAt);
  }
  return last;
}

/**
 * One entry per young person, with what the list shows and filters on.
 * `texts` holds the folded search text of each person, built when the people
 * change (not when a contact is logged).
 */
export function buildCaseloadEntries<P extends CaseloadPerson>(
  people: readonly P[],
  texts: ReadonlyMap<string, string>,
  lastContacts: ReadonlyMap<string, string>,
  today: string,
): CaseloadEntry<P>[] {
  return people.map((person) => {
    const age = person.birthDate ? ageOn(person.birthDate, today) : null;
    const lastContactAt = lastContacts.get(person.id) ?? null;
    return {
      person,
      text: texts.get(person.id) ?? '',
      nameKey: `${foldForSearch(person.lastName)}\u0001${foldForSearch(person.firstNames)}`,
      age,
      minor: age !== null && age < 18,
      lastContactAt,
      daysSinceContact: lastContactAt ? Math.max(0, daysBetween(lastContactAt, today)) : null,
    };
  });
}

/**
 * "À relancer": an open case already worked on that nobody has contacted for
 * `afterDays` days or more. Cases still "à traiter" wait for their first
 * contact (they have a status of their own); cases with a signed contract are
 * followed through its checkpoints; closed cases not at all.
 */
export function needsCallBack(entry: CaseloadEntry, afterDays: number): boolean {
  const rank = STATUS_RANK[entry.person.status];
  if (rank === STATUS_RANK.a_traiter || rank >= FOLLOWED_BY_CONTRACT_RANK) return false;
  return entry.daysSinceContact === null || entry.daysSinceContact >= afterDays;
}

/** Does the entry pass every criterion? Closed cases appear only when asked for. */
export function matchesCriteria(entry: CaseloadEntry, criteria: CaseloadCriteria): boolean {
  const { person } = entry;
  if (criteria.status === '' ? person.status === 'clos' : person.status !== criteria.status) return false;
  if (criteria.minorsOnly && !entry.minor) return false;
  if (criteria.origin && person.origin !== criteria.origin) return false;
  if (criteria.campaign && person.campaign !== criteria.campaign) return false;
  if (criteria.callBackOnly && !needsCallBack(entry, criteria.callBackAfterDays)) return false;
  return matchesTerms(entry.text, criteria.terms);
}

/** The entries passing the criteria, in the order given (sort once, filter at each keystroke). */
export function filterCaseload<E extends CaseloadEntry>(entries: readonly E[], criteria: CaseloadCriteria): E[] {
  return entries.filter((entry) => matchesCriteria(entry, criteria));
}

function byName(a: CaseloadEntry, b: CaseloadEntry): number {
  return a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0;
}

/**
 * A sorted copy.
 * - name: last name, then first names, accents and case aside (É with E);
 * - lastContact: never contacted first, then the oldest contact first (who waits longest);
 * - age: youngest first (minors on top), unknown birth dates last.
 * Ties are broken by name.
 */
export function sortCaseload<E extends CaseloadEntry>(entries: readonly E[], sort: CaseloadSort): E[] {
  const compare = (a: E, b: E): number => {
    if (sort === 'lastContact' && a.lastContactAt !== b.lastContactAt) {
      if (a.lastContactAt === null) return -1;
      if (b.lastContactAt === null) return 1;
      return a.lastContactAt < b.lastContactAt ? -1 : 1;
    }
    if (sort === 'age' && a.person.birthDate !== b.person.birthDate) {
      if (!a.person.birthDate) return 1;
      if (!b.person.birthDate) return -1;
      return a.person.birthDate > b.person.birthDate ? -1 : 1;
    }
    return byName(a, b);
  };
  return [...entries].sort(compare);
}

/** How many cases stand at each status (closed ones included, under 'clos'). */
export function countByStatus(entries: readonly CaseloadEntry[]): Record<CaseStatus, number> {
  const counts = Object.fromEntries(caseStatus.values.map((status) => [status, 0])) as Record<CaseStatus, number>;
  for (const entry of entries) counts[entry.person.status] += 1;
  return counts;
}

/** The SIEI campaigns present in the caseload, newest first. */
export function campaignsOf(people: readonly Pick<CaseloadPerson, 'campaign'>[]): string[] {
  return [...new Set(people.map((person) => person.campaign).filter(Boolean))].sort().reverse();
}

/** "aujourd’hui", "hier", "il y a 12 j", or "jamais". */
export function contactAgeLabel(daysSinceContact: number | null): string {
  if (daysSinceContact === null) return 'jamais';
  if (daysSinceContact === 0) return 'aujourd’hui';
  if (daysSinceContact === 1) return 'hier';
  return `il y a ${formatCount(daysSinceContact)} j`;
}
