import { z } from 'zod';
import { proposalDecision, solutionType } from './enums';
import { empty, isoDate, requiredText, text, uuid } from './formats';

/** A solution of the catalogue proposed to a young person, and their decision. */
export const proposalDecisionShape = {
  decision: z.enum(proposalDecision.values, { error: 'Décision à choisir' }),
  decidedOn: z.union([empty, isoDate]),
  reason: text(2_000),
} as const;

export const proposalSchema = z
  .object({
    id: uuid,
    youngPersonId: uuid,
    authorId: uuid,
    solutionId: uuid,
    /** Copied from the catalogue when proposed: the proposal reads the same if the entry changes later. */
    solutionName: requiredText(200, 'Le nom de la solution'),
    solutionType: z.enum(solutionType.values),
    date: isoDate,
    ...proposalDecisionShape,
  })
  .strict()
  .superRefine((proposal, ctx) => {
    if (proposal.decision !== 'en_attente' && proposal.decidedOn === '') {
      ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'La date de la décision est obligatoire' });
    }
    if (proposal.decision === 'refusee' && proposal.reason.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Le motif du refus est obligatoire' });
    }
  });
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalChangesSchema = z
  .object(proposalDecisionShape)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });
