import { z } from 'zod';
import { outcomeCode, solutionType } from './enums';
import { empty, isoDate, isRealIsoDate, uuid } from './formats';

/**
 * The activity bilan of the network (comité de réseau): what happened in a
 * period on a platform (or every platform, for the académie), in total, per
 * adviser (the referent of each case) and month by month. Every figure is
 * counted by the endpoint from the records (src/server/store/activity-repo.ts).
 */

/** The longest period one bilan covers (two school years). */
export const MAX_ACTIVITY_PERIOD_DAYS = 731;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * ?from=YYYY-MM-DD&to=YYYY-MM-DD (days of Europe/Paris, both included);
 * platformId: a coordinator's is their own (another is refused), an admin's
 * is any, or none for every platform; agentId: one referent's cases only.
 */
export const activityQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    platformId: z.union([empty, uuid]).default(''),
    agentId: z.union([empty, uuid]).default(''),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (!isRealIsoDate(query.from) || !isRealIsoDate(query.to)) return;
    const days = dayNumber(query.to) - dayNumber(query.from);
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin doit suivre le début de la période' });
    else if (days >= MAX_ACTIVITY_PERIOD_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `La période couvre ${MAX_ACTIVITY_PERIOD_DAYS} jours au plus`,
      });
    }
  });
export type ActivityQuery = z.input<typeof activityQuerySchema>;

/**
 * The counts of a period, in the order of the path. Each is the number of
 * distinct young people whose step falls in the period, except `proposals`
 * and `contractsSigned`, which count records.
 */
export const ACTIVITY_COUNTS = {
  listed: { label: 'Jeunes repérés', definition: 'dossier ouvert sur la plateforme (import SIEI ou saisie)' },
  contacted: { label: 'Jeunes contactés', definition: 'au moins une tentative de contact' },
  reached: { label: 'Jeunes joints', definition: 'au moins un contact abouti' },
  interviewed: { label: 'Jeunes reçus en entretien', definition: 'au moins un entretien de situation' },
  bilans: { label: 'Bilans de positionnement', definition: 'jeunes dont un bilan a été validé' },
  proposedTo: { label: 'Jeunes ayant reçu une proposition', definition: 'au moins une proposition de solution' },
  proposals: { label: 'Propositions de solution', definition: 'nombre de propositions faites' },
  contractsSigned: { label: 'Contrats signés', definition: 'contrats FOQUALE signés' },
  inSolution: { label: 'Entrées en solution', definition: 'jeunes dont le contrat a commencé' },
  closed: { label: 'Dossiers clos', definition: 'jeunes dont le dossier a été clos' },
} as const;
export type ActivityCount = keyof typeof ACTIVITY_COUNTS;
export const ACTIVITY_COUNT_KEYS = Object.keys(ACTIVITY_COUNTS) as ActivityCount[];

/** The steps of the path, as a funnel: each one counts young people. */
export const FUNNEL_STEPS: readonly ActivityCount[] = [
  'listed',
  'contacted',
  'reached',
  'interviewed',
  'bilans',
  'proposedTo',
  'contractsSigned',
  'inSolution',
];

/**
 * Median delays, in days, between the steps of a case's path. Each is
 * measured on the young people who reached its later step in the period
 * (and the earlier one at any time): the delays the period achieved.
 */
export const ACTIVITY_DELAYS = {
  listingToFirstContact: 'Du repérage au premier contact',
  firstContactToFirstInterview: 'Du premier contact au premier entretien',
  firstInterviewToSolution: 'Du premier entretien à l’entrée en solution',
  listingToSolution: 'Du repérage à l’entrée en solution',
} as const;
export type ActivityDelay = keyof typeof ACTIVITY_DELAYS;
export const ACTIVITY_DELAY_KEYS = Object.keys(ACTIVITY_DELAYS) as ActivityDelay[];

const count = z.number().int().nonnegative();

export const delaySchema = z.object({
  /** Median in days (a half day when the number of young people is even), null when nobody reached the step. */
  medianDays: z.number().nonnegative().nullable(),
  /** How many young people it is measured on. */
  cases: count,
});
export type Delay = z.infer<typeof delaySchema>;

const countsShape = Object.fromEntries(ACTIVITY_COUNT_KEYS.map((key) => [key, count])) as Record<
  ActivityCount,
  typeof count
>;

export const activityFiguresSchema = z.object({
  ...countsShape,
  proposalsByType: z.array(z.object({ type: z.enum(solutionType.values), proposed: count, accepted: count })),
  closedByOutcome: z.array(z.object({ outcome: z.enum(outcomeCode.values), count })),
  delays: z.object(
    Object.fromEntries(ACTIVITY_DELAY_KEYS.map((key) => [key, delaySchema])) as Record<
      ActivityDelay,
      typeof delaySchema
    >,
  ),
});
export type ActivityFigures = z.infer<typeof activityFiguresSchema>;

export const activityResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** null: every platform (the académie). */
  platformId: uuid.nullable(),
  /** null: every referent. */
  agentId: uuid.nullable(),
  totals: activityFiguresSchema,
  /** Per referent of the cases (null: cases not assigned), by name. */
  byAgent: z.array(z.object({ agentId: uuid.nullable(), agentName: z.string(), figures: activityFiguresSchema })),
  /** Every month of the period, in order, with the counts of its days. */
  monthly: z.array(z.object({ month: z.string(), ...countsShape })),
});
export type ActivityResponse = z.infer<typeof activityResponseSchema>;
export type MonthlyActivity = ActivityResponse['monthly'][number];

/** The months ("YYYY-MM") a period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) break;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

const MONTH_NAME = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "sept. 2026" for "2026-09". */
export function monthLabel(month: string): string {
  return MONTH_NAME.format(new Date(`${month}-15T12:00:00Z`));
}

/** "4,5 jours", "1 jour", "—" when nobody reached the step. */
export function delayLabel(delay: Delay): string {
  if (delay.medianDays === null) return '—';
  const days = delay.medianDays.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  return `${days} jour${delay.medianDays > 1 ? 's' : ''}`;
}
