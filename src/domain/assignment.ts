import { z } from 'zod';

/** A coordinator assigns a case to a referent (or leaves it unassigned). */
export const assignmentRequestSchema = z.object({
  referentId: z.union([z.uuid({ error: 'Référent invalide' }), z.null()]),
});
export type AssignmentRequest = z.infer<typeof assignmentRequestSchema>;

export const assignmentResponseSchema = z.object({ version: z.number().int() });
