import { ageOn, isRealIsoDate } from '../../domain/formats';
import type { EntityName } from '../../domain/sync-messages';

type Data = Record<string, unknown>;

/**
 * What the retention purge keeps of a case for statistics. Every rule is a
 * list of the fields KEPT: a field added to a record later is dropped by
 * default, never kept by oversight. Kept: kinds, dates, results, decisions,
 * states, outcome, and agents' ids; dropped: names, identifiers, contacts,
 * addresses, guardians, schools, and every text a person typed.
 */

/** The age bands of a young person at listing (AGE_RANGE is 14–30). */
export const AGE_BANDS = ['moins_de_16', '16_17', '18_20', '21_25', '26_et_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(age: number): AgeBand {
  if (age < 16) return 'moins_de_16';
  if (age < 18) return '16_17';
  if (age < 21) return '18_20';
  if (age < 26) return '21_25';
  return '26_et_plus';
}

/** The young person once purged: still a young person of the statistics, no longer anyone. */
export interface AnonymisedYoungPerson {
  id: string;
  anonymised: true;
  platformId: unknown;
  referentId: unknown;
  origin: unknown;
  campaign: unknown;
  sex: unknown;
  /** Age at the day the case was entered on the endpoint ('' when the birth date was not known). */
  ageBandAtListing: AgeBand | '';
  level: unknown;
  status: unknown;
  outcome: unknown;
  closedOn: unknown;
}

export function anonymisedYoungPerson(person: Data, id: string, listedOn: string): AnonymisedYoungPerson {
  const birthDate = typeof person.birthDate === 'string' ? person.birthDate : '';
  return {
    id,
    anonymised: true,
    platformId: person.platformId,
    referentId: person.referentId ?? null,
    origin: person.origin,
    campaign: person.campaign,
    sex: person.sex,
    ageBandAtListing: isRealIsoDate(birthDate) ? ageBand(ageOn(birthDate, listedOn)) : '',
    level: person.level,
    status: person.status,
    outcome: person.outcome,
    closedOn: person.closedOn,
  };
}

function keep(data: Data, fields: readonly string[]): Data {
  return Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, data[field]]));
}

const CASE_RECORD = ['id', 'youngPersonId'] as const;

/** Per kind of case record, what stays of it. Conflicts hold two people's values of a field: they go whole. */
const KEPT: Partial<Record<EntityName, (data: Data) => Data>> = {
  contactAttempt: (data) => keep(data, [...CASE_RECORD, 'authorId', 'occurredAt', 'channel', 'target', 'result']),
  meeting: (data) => keep(data, [...CASE_RECORD, 'authorId', 'kind', 'date', 'contractId', 'attendance']),
  statusChange: (data) => keep(data, [...CASE_RECORD, 'authorId', 'occurredAt', 'from', 'to']),
  bilan: (data) => ({
    ...keep(data, [
      ...CASE_RECORD,
      'number',
      'previousId',
      'authorIds',
      'date',
      'level',
      'skills',
      'motivation',
      'status',
      'validatedOn',
      'validatedBy',
    ]),
    // The themes of the obstacles, not what was said of them.
    constraintThemes: Array.isArray(data.constraints)
      ? (data.constraints as { theme?: unknown }[]).map((constraint) => constraint.theme)
      : [],
  }),
  proposal: (data) =>
    keep(data, [
      ...CASE_RECORD,
      'authorId',
      'solutionId',
      'solutionName', // copied from the catalogue, not about the young person
      'solutionType',
      'date',
      'decision',
      'decidedOn',
    ]),
  contract: (data) => ({
    ...keep(data, [
      ...CASE_RECORD,
      'solutionId',
      'establishmentUai',
      'tutorId',
      'startDate',
      'endDate',
      'signedOn',
      'state',
      'endedOn',
    ]),
    checkpointDates: Array.isArray(data.checkpoints)
      ? (data.checkpoints as { date?: unknown }[]).map((checkpoint) => checkpoint.date)
      : [],
  }),
};

/** What stays of a case record after the purge, or null when nothing does (the record becomes a bare tombstone). */
export function anonymisedCaseRecord(entity: EntityName, data: Data): Data | null {
  const rule = KEPT[entity];
  return rule ? { ...rule(data), anonymised: true } : null;
}
