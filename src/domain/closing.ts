import { z } from 'zod';
import type { StatusChange } from './case-records';
import { outcomeCode, type OutcomeCode } from './enums';
import { isoDate, text } from './formats';
import type { YoungPerson } from './young-person';

/**
 * Closing a case: an outcome (sortie) code, a date and a comment. A closed
 * case is never reopened; the comment becomes the reason of the status change
 * the timeline shows, whose length is bounded the same way.
 */
export const closingSchema = z
  .object({
    outcome: z.enum(outcomeCode.values, { error: 'Code de sortie à choisir dans la liste' }),
    closedOn: isoDate,
    comment: text(1_000),
  })
  .strict();
export type Closing = z.infer<typeof closingSchema>;

export const CASE_CLOSED = 'Ce dossier est clos : il ne peut plus être modifié.';

/** Why this case cannot be closed, or null. */
export function closingRefusal(person: Pick<YoungPerson, 'status'>): string | null {
  return person.status === 'clos' ? CASE_CLOSED : null;
}

/** The fields of the young person a closing sets. */
export function closingChanges(closing: Closing): {
  status: 'clos';
  outcome: OutcomeCode;
  closedOn: string;
  closingComment: string;
} {
  return { status: 'clos', outcome: closing.outcome, closedOn: closing.closedOn, closingComment: closing.comment };
}

/** The reason the timeline shows: the comment, or the outcome when there is none. */
export function closingReason(closing: Closing): string {
  return closing.comment.trim() || `Clôture : ${outcomeCode.label(closing.outcome)}`;
}

/** The status change recorded with a closing. */
export function closingStatusChange(
  closing: Closing,
  context: { id: string; person: Pick<YoungPerson, 'id' | 'status'>; authorId: string; occurredAt: string },
): StatusChange {
  return {
    id: context.id,
    youngPersonId: context.person.id,
    authorId: context.authorId,
    occurredAt: context.occurredAt,
    from: context.person.status,
    to: 'clos',
    reason: closingReason(closing),
  };
}
