import type { CaseStatus } from '../enums';
import { sameValue, type FieldStamps } from '../merge';
import { foldForSearch } from '../search';
import { blankYoungPerson, type Guardian, type YoungPerson } from '../young-person';
import { importRowIssues, type ImportRow } from './row';

/**
 * What an import does with each row, decided from the rows and the young
 * people the platform already follows. Pure: the endpoint runs it for the
 * preview and again, inside the writing transaction, to apply.
 */

export const ROW_CATEGORIES = ['new', 'update', 'unchanged', 'inSolution', 'reopen', 'duplicate', 'rejected'] as const;
export type RowCategory = (typeof ROW_CATEGORIES)[number];

/** A young person of the platform as the import sees it: its record and who last wrote each field. */
export interface KnownPerson {
  id: string;
  data: Record<string, unknown>;
  stamps: FieldStamps;
}

export interface RowPlan {
  line: number;
  category: RowCategory;
  /** The young person the row is about (null: a new one, a duplicate or a rejected row). */
  caseId: string | null;
  /** The fields the import writes to that young person (a new one: every field the row gives). */
  changes: Partial<YoungPerson>;
  /** A duplicate: the line of the row it repeats. */
  duplicateOf: number | null;
  /** A rejected row: why. */
  reasons: string[];
}

/** Statuses of a case the list should not be listing any more (the young person has found a solution). */
const IN_SOLUTION: readonly CaseStatus[] = ['contrat_signe', 'en_solution'];

/** Last name, first names and birth date, ignoring accents, case, hyphens and apostrophes. */
export function identityKey(person: { lastName: string; firstNames: string; birthDate: string }): string {
  return `${foldName(person.lastName)}|${foldName(person.firstNames)}|${person.birthDate}`;
}

/** As foldForSearch, with hyphens and apostrophes as spaces; ASCII names (most) skip the Unicode work. */
function foldName(value: string): string {
  const spaced = value.replace(/[-'’]/g, ' ');
  if (/^[\x00-\x7f]*$/.test(spaced)) return spaced.toLowerCase().replace(/\s+/g, ' ').trim();
  return foldForSearch(spaced);
}

const ROW_TO_PERSON = [
  'ine',
  'lastName',
  'firstNames',
  'sex',
  'birthDate',
  'address',
  'postalCode',
  'commune',
  'phone',
  'email',
  'lastSchoolUai',
  'lastSchoolName',
  'lastSchoolCommune',
  'formationMef',
  'formationLabel',
  'level',
  'leftSchoolOn',
  'leavingReason',
] as const;

/** The young person's fields a row gives (those it leaves empty are not given: the list never erases). */
export function personFieldsOf(row: ImportRow): Partial<YoungPerson> {
  const fields: Record<string, unknown> = {};
  for (const field of ROW_TO_PERSON) if (row[field] !== '') fields[field] = row[field];
  if (row.guardianName !== '') {
    const guardian: Guardian = {
      relation: (row.guardianRelation || 'autre') as Guardian['relation'],
      name: row.guardianName,
      phone: row.guardianPhone,
      email: row.guardianEmail,
    };
    fields.guardians = [guardian];
  }
  return fields as Partial<YoungPerson>;
}

/** A young person first listed by this import: unassigned, to handle, of this SIEI campaign. */
export function newPersonFrom(
  row: ImportRow,
  place: { id: string; platformId: string; campaign: string },
): YoungPerson {
  return {
    ...blankYoungPerson(place.id, place.platformId, null),
    ...personFieldsOf(row),
    origin: 'siei',
    campaign: place.campaign,
    status: 'a_traiter',
  };
}

const isEmpty = (value: unknown) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * What the list changes in a young person already followed. The list never
 * overwrites what a person wrote:
 * 1. a field the list gives is written when the record's is empty, or was
 *    last written by the endpoint (an earlier import): a newer list then
 *    brings a newer address or school;
 * 2. a field an adviser or the coordinator wrote (stamped by their device)
 *    keeps their value — they know the young person better than the list;
 * 3. legal guardians, a list a person may have completed, are only filled
 *    in when the record has none.
 * Writes carry the endpoint's stamp, so a device's concurrent edit of such a
 * field meets the usual field merge and becomes a conflict, never a silent loss.
 */
export function listUpdates(person: KnownPerson, row: ImportRow, endpointWriter: string): Partial<YoungPerson> {
  const updates: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(personFieldsOf(row))) {
    const current = person.data[field];
    if (typeof value === 'string' ? current === value : sameValue(current, value)) continue;
    const stamp = person.stamps[field];
    const writable =
      field === 'guardians' ? isEmpty(current) : isEmpty(current) || !stamp || stamp.d === endpointWriter;
    if (writable) updates[field] = value;
  }
  return updates as Partial<YoungPerson>;
}

/** A closed case whose young person is on the list again: back to the start of the path, flagged. */
export function reopeningChanges(campaign: string, day: string): Partial<YoungPerson> {
  return { status: 'a_traiter', outcome: '', closedOn: '', closingComment: '', campaign, reappearedAt: day };
}

/** The reason shown in the timeline for a case reopened by an import. */
export function reopeningReason(campaign: string): string {
  return `Réapparu dans la liste SIEI ${campaign} : dossier rouvert par l’import`;
}

class PlatformIndex {
  private readonly byIne = new Map<string, KnownPerson>();
  private readonly byIdentity = new Map<string, KnownPerson[]>();

  constructor(known: readonly KnownPerson[]) {
    for (const person of known) {
      const ine = String(person.data.ine ?? '');
      if (ine !== '') this.byIne.set(ine, person);
      const key = identityKey(person.data as YoungPerson);
      this.byIdentity.set(key, [...(this.byIdentity.get(key) ?? []), person]);
    }
  }

  /**
   * The young person a row is about: the one with its INE; else the one with
   * its name, first names and birth date whose INE is not another one.
   * Several such people: no guess (a string says why).
   */
  match(row: ImportRow, key: string): KnownPerson | null | string {
    if (row.ine !== '') {
      const byIne = this.byIne.get(row.ine);
      if (byIne) return byIne;
    }
    const candidates = (this.byIdentity.get(key) ?? []).filter((person) => {
      const ine = String(person.data.ine ?? '');
      return ine === '' || row.ine === '' || ine === row.ine;
    });
    if (candidates.length > 1) {
      return `${candidates.length} jeunes de la plateforme ont ces nom, prénoms et date de naissance sans INE pour les distinguer : rapprochement à faire à la main`;
    }
    return candidates[0] ?? null;
  }
}

/** Rows of the file seen so far, to find one repeated (same INE, or same person where an INE is missing). */
class FileIndex {
  private readonly byIne = new Map<string, number>();
  private readonly byIdentity = new Map<string, { line: number; ine: string }[]>();
  private readonly byCase = new Map<string, number>();

  /** The line of an earlier row about the same young person, or null. */
  earlier(row: ImportRow, key: string, caseId: string | null): number | null {
    if (row.ine !== '' && this.byIne.has(row.ine)) return this.byIne.get(row.ine)!;
    const same = (this.byIdentity.get(key) ?? []).find(
      (seen) => seen.ine === '' || row.ine === '' || seen.ine === row.ine,
    );
    if (same) return same.line;
    return caseId ? (this.byCase.get(caseId) ?? null) : null;
  }

  add(row: ImportRow, key: string, caseId: string | null): void {
    if (row.ine !== '') this.byIne.set(row.ine, row.line);
    this.byIdentity.set(key, [...(this.byIdentity.get(key) ?? []), { line: row.line, ine: row.ine }]);
    if (caseId) this.byCase.set(caseId, row.line);
  }
}

const plan = (line: number, category: RowCategory, rest: Partial<RowPlan> = {}): RowPlan => ({
  line,
  category,
  caseId: null,
  changes: {},
  duplicateOf: null,
  reasons: [],
  ...rest,
});

/**
 * Classifies every row, in file order:
 * 1. a row with a wrong value is rejected (the endpoint trusts no client);
 * 2. it is matched to a young person of the platform (INE, else identity);
 * 3. a row about the same young person as an earlier row is a duplicate:
 *    the first row counts, the later ones are shown and left out;
 * 4. a matched row is, by the case's status: reopened (closed), in
 *    solution (contract signed or started: the list lags behind), an update
 *    (the list changes fields, see listUpdates) or unchanged;
 * 5. an unmatched row is a new young person.
 */
export function planSieiImport(
  rows: readonly ImportRow[],
  known: readonly KnownPerson[],
  options: { campaign: string; day: string; endpointWriter: string },
): RowPlan[] {
  const platform = new PlatformIndex(known);
  const file = new FileIndex();
  return rows.map((row) => {
    const issues = importRowIssues(row); // step 1
    if (issues.length > 0) return plan(row.line, 'rejected', { reasons: issues });
    const key = identityKey(row);
    const match = platform.match(row, key); // step 2
    if (typeof match === 'string') return plan(row.line, 'rejected', { reasons: [match] });
    const earlier = file.earlier(row, key, match?.id ?? null); // step 3
    if (earlier !== null) return plan(row.line, 'duplicate', { caseId: match?.id ?? null, duplicateOf: earlier });
    file.add(row, key, match?.id ?? null);
    if (!match) return plan(row.line, 'new', { changes: personFieldsOf(row) }); // step 5
    const updates = listUpdates(match, row, options.endpointWriter); // step 4
    const status = match.data.status as CaseStatus;
    if (status === 'clos') {
      return plan(row.line, 'reopen', {
        caseId: match.id,
        changes: { ...updates, ...reopeningChanges(options.campaign, options.day) },
      });
    }
    const category = IN_SOLUTION.includes(status) ? 'inSolution' : Object.keys(updates).length ? 'update' : 'unchanged';
    return plan(row.line, category, { caseId: match.id, changes: updates });
  });
}

/** How many rows fall in each category. */
export function countCategories(plans: readonly { category: RowCategory }[]): Record<RowCategory, number> {
  const counts = Object.fromEntries(ROW_CATEGORIES.map((category) => [category, 0])) as Record<RowCategory, number>;
  for (const { category } of plans) counts[category] += 1;
  return counts;
}
