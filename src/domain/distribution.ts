import { formatCount } from './french-count';
import { z } from 'zod';
import { caseStatus, origin, role, schoolLevel } from './enums';
import { ageOn, campaign, requiredText, text, uuid } from './formats';
import { foldForSearch, matchesTerms, queryTerms } from './search';

/**
 * The distribution of a platform's cases by its coordinator (online, at a
 * desk): the open cases listed with filters, assigned in batches to the
 * platform's advisers, or transferred to another platform.
 */

/** Most cases a list answers, and most cases one assignment moves (one transaction). */
export const DISTRIBUTION_LIST_LIMIT = 2000;
export const ASSIGNMENT_BATCH_LIMIT = 2000;

/** Which open cases are listed: not assigned yet, assigned (to anyone or to one adviser), or all. */
export const assignmentState = ['unassigned', 'assigned', 'all'] as const;
export type AssignmentState = (typeof assignmentState)[number];

/** Minors or adults, on the day of the listing. */
export const ageGroup = ['minor', 'adult'] as const;

/** A query parameter that may be absent or empty (no filter): the schema's own message when it is neither. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * The filters of GET /api/distribution/cases, as query parameters (absent or
 * empty: no filter). Commune and school are searched as typed, ignoring
 * accents and case; the school matches its name, commune or UAI.
 */
export const distributionFiltersSchema = z
  .object({
    state: z
      .enum(assignmentState, { error: 'Choix à faire parmi : non attribués, attribués, tous' })
      .default('unassigned'),
    referentId: optional(z.uuid({ error: 'Conseiller invalide' })),
    campaign: optional(campaign),
    origin: optional(z.enum(origin.values, { error: 'Origine à choisir dans la liste' })),
    commune: optional(text(100)),
    school: optional(text(150)),
    level: optional(z.enum(schoolLevel.values, { error: 'Niveau à choisir dans la liste' })),
    age: optional(z.enum(ageGroup, { error: 'Âge à choisir dans la liste' })),
  })
  .strict();
export type DistributionFilters = z.output<typeof distributionFiltersSchema>;

/** An open case as the distribution lists it: what its filters need, and who follows it. */
export const distributionCaseSchema = z.object({
  id: uuid,
  lastName: z.string(),
  firstNames: z.string(),
  birthDate: z.string(),
  commune: z.string(),
  lastSchoolName: z.string(),
  lastSchoolCommune: z.string(),
  lastSchoolUai: z.string(),
  level: z.string(),
  origin: z.enum(origin.values),
  campaign: z.string(),
  status: z.enum(caseStatus.values),
  referentId: uuid.nullable(),
});
export type DistributionCase = z.infer<typeof distributionCaseSchema>;

export const distributionCasesResponseSchema = z.object({
  cases: z.array(distributionCaseSchema),
  /** How many cases match: more than listed when the list was cut at DISTRIBUTION_LIST_LIMIT. */
  total: z.number().int().nonnegative(),
  /** The SIEI campaigns of the platform's open cases, newest first (choices of the campaign filter). */
  campaigns: z.array(z.string()),
});
export type DistributionCasesResponse = z.infer<typeof distributionCasesResponseSchema>;

/** An agent of the platform who can follow cases, and how many open cases they follow now. */
export const adviserSchema = z.object({
  id: uuid,
  displayName: z.string(),
  role: z.enum(role.values),
  structure: z.string(),
  active: z.boolean(),
  openCases: z.number().int().nonnegative(),
});
export type Adviser = z.infer<typeof adviserSchema>;

export const advisersResponseSchema = z.object({ advisers: z.array(adviserSchema) });

/** The roles that follow cases (the referent of a case is one of them). */
export const ADVISER_ROLES = [
  'conseiller',
  'mlds',
  'tuteur',
] as const satisfies readonly (typeof role.values)[number][];

/** POST /api/distribution/assign: these cases to this adviser, all or none. */
export const bulkAssignmentSchema = z
  .object({
    caseIds: z
      .array(z.uuid({ error: 'Identifiant de dossier invalide' }), { error: 'La liste des dossiers est obligatoire' })
      .min(1, { error: 'Sélectionnez au moins un jeune' })
      .max(ASSIGNMENT_BATCH_LIMIT, { error: `${ASSIGNMENT_BATCH_LIMIT} jeunes au plus par attribution` })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'Un même dossier figure deux fois' }),
    referentId: z.uuid({ error: 'Conseiller à choisir dans la liste' }),
  })
  .strict();
export type BulkAssignment = z.infer<typeof bulkAssignmentSchema>;

export const bulkAssignmentResponseSchema = z.object({
  /** Cases whose referent changed (a case already with this adviser is left as it is). */
  assigned: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export type BulkAssignmentResponse = z.infer<typeof bulkAssignmentResponseSchema>;

/** POST /api/cases/:id/transfer: the case leaves this platform for another, for a reason kept in the audit trail. */
export const transferRequestSchema = z
  .object({
    platformId: z.uuid({ error: 'Plateforme à choisir dans la liste' }),
    reason: requiredText(500, 'Le motif du transfert'),
  })
  .strict();
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const transferResponseSchema = z.object({ platformId: uuid, version: z.number().int() });

/** The platforms a case can be transferred to (every platform but the coordinator's own). */
export const destinationPlatformSchema = z.object({
  id: uuid,
  name: z.string(),
  departement: z.string(),
  academie: z.string(),
});
export type DestinationPlatform = z.infer<typeof destinationPlatformSchema>;
export const destinationPlatformsResponseSchema = z.object({ platforms: z.array(destinationPlatformSchema) });

/**
 * Whether a case matches the filters the database does not apply: commune and
 * school as typed (accents and case ignored, every word), and the age group
 * on `today` (a case without a birth date is neither minor nor adult).
 */
export function matchesDistributionFilters(
  row: Pick<DistributionCase, 'commune' | 'lastSchoolName' | 'lastSchoolCommune' | 'lastSchoolUai' | 'birthDate'>,
  filters: Pick<DistributionFilters, 'commune' | 'school' | 'age'>,
  today: string,
): boolean {
  if (filters.commune && !matchesTerms(foldForSearch(row.commune), queryTerms(filters.commune))) return false;
  if (filters.school) {
    const school = foldForSearch(`${row.lastSchoolName} ${row.lastSchoolCommune} ${row.lastSchoolUai}`);
    if (!matchesTerms(school, queryTerms(filters.school))) return false;
  }
  if (filters.age) {
    if (!row.birthDate) return false;
    const minor = ageOn(row.birthDate, today) < 18;
    if (minor !== (filters.age === 'minor')) return false;
  }
  return true;
}

/** "12 jeunes en cours", "1 jeune en cours", "0 jeune en cours". */
export function openCasesLabel(count: number): string {
  return `${formatCount(count)} jeune${count > 1 ? 's' : ''} en cours`;
}
