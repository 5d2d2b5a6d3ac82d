import { z } from 'zod';
import { attendance, caseStatus, contactChannel, contactResult, contactTarget, meetingKind } from './enums';
import { empty, isoDate, isoDateTime, longText, requiredText, text, uuid } from './formats';

/**
 * Records authored by one person and never edited afterwards (append-only):
 * two devices never conflict on them, and a retry can only add them once.
 */

const caseRecordBase = { id: uuid, youngPersonId: uuid, authorId: uuid } as const;

export const contactAttemptSchema = z
  .object({
    ...caseRecordBase,
    occurredAt: isoDateTime,
    channel: z.enum(contactChannel.values, { error: 'Moyen de contact à choisir' }),
    target: z.enum(contactTarget.values, { error: 'Personne contactée à choisir' }),
    /** Which guardian, when the target is a legal guardian. */
    guardianName: text(120),
    result: z.enum(contactResult.values, { error: 'Résultat à choisir' }),
    note: text(2_000),
  })
  .strict();
export type ContactAttempt = z.infer<typeof contactAttemptSchema>;

/**
 * A meeting says something: its notes or its next steps. Exported on its own so
 * a form shows it along with each field's own problems (the schema skips it
 * once a field is invalid).
 */
export function meetingCrossFieldIssues(meeting: { notes: string; nextSteps: string }) {
  return meeting.notes.trim() === '' && meeting.nextSteps.trim() === ''
    ? [{ path: 'notes', message: 'Les notes ou les prochaines étapes doivent être renseignées' }]
    : [];
}

export const meetingSchema = z
  .object({
    ...caseRecordBase,
    kind: z.enum(meetingKind.values),
    date: isoDate,
    place: text(200),
    participants: text(500),
    notes: longText(),
    nextSteps: text(5_000),
    /** Follow-up points of a contract name it. */
    contractId: z.union([empty, uuid]),
    attendance: z.union([empty, z.enum(attendance.values)], { error: 'Assiduité invalide' }),
  })
  .strict()
  .superRefine((meeting, ctx) => {
    for (const issue of meetingCrossFieldIssues(meeting))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type Meeting = z.infer<typeof meetingSchema>;

/** A status set by hand, or a closing: the timeline shows who, when and why. */
export const statusChangeSchema = z
  .object({
    ...caseRecordBase,
    occurredAt: isoDateTime,
    from: z.enum(caseStatus.values),
    to: z.enum(caseStatus.values),
    reason: requiredText(1_000, 'Le motif'),
  })
  .strict();
export type StatusChange = z.infer<typeof statusChangeSchema>;
