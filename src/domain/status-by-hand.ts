import { z } from 'zod';
import type { StatusChange } from './case-records';
import { caseStatus, type CaseStatus } from './enums';
import { requiredText } from './formats';

/**
 * A status set by hand by the referent, with a reason. Closing is not one of
 * them (it needs an outcome: see closing.ts), and a closed case stays closed.
 */
export const HAND_SET_STATUSES = caseStatus.values.filter((status) => status !== 'clos') as [
  Exclude<CaseStatus, 'clos'>,
  ...Exclude<CaseStatus, 'clos'>[],
];

export const statusByHandFieldsShape = {
  to: z.enum(HAND_SET_STATUSES, { error: 'Nouveau statut à choisir dans la liste' }),
  reason: requiredText(1_000, 'Le motif'),
} as const;

export const statusByHandSchema = z
  .object({ from: z.enum(caseStatus.values), ...statusByHandFieldsShape })
  .strict()
  .superRefine((change, ctx) => {
    if (change.from === 'clos') {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Un dossier clos ne change plus de statut' });
    } else if (change.to === change.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Le dossier a déjà ce statut' });
    }
  });
export type StatusByHand = z.infer<typeof statusByHandSchema>;

/** The status change record that goes with a status set by hand. */
export function statusChangeByHand(
  change: StatusByHand,
  context: { id: string; youngPersonId: string; authorId: string; occurredAt: string },
): StatusChange {
  return { ...context, from: change.from, to: change.to, reason: change.reason };
}
