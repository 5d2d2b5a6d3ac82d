import { z } from 'zod';
import { uuid } from './formats';

/**
 * The wire protocol between a device and the central endpoint.
 * The envelope is validated here; the record content of a mutation is
 * validated per entity (see entities.ts) so that one invalid record is
 * rejected on its own while the rest of the batch applies.
 */

/** Bumped when a change to these messages makes older apps unable to sync. */
export const PROTOCOL_VERSION = 2;

export const entityName = z.enum(
  ['youngPerson', 'contactAttempt', 'meeting', 'statusChange', 'bilan', 'proposal', 'contract', 'solution', 'conflict'],
  { error: 'Type de fiche inconnu' },
);
export type EntityName = z.infer<typeof entityName>;

const recordContent = z.record(z.string(), z.unknown());

const mutationBase = {
  mutationId: uuid,
  /** Per-device number, 1, 2, 3…: the endpoint applies each number once, in order. */
  seq: z.number().int().positive(),
  entity: entityName,
  recordId: uuid,
};

export const createMutationSchema = z.object({ ...mutationBase, op: z.literal('create'), data: recordContent });
export const updateMutationSchema = z.object({
  ...mutationBase,
  op: z.literal('update'),
  /** The server version of the record the edit was made on (0: never seen from the server). */
  baseVersion: z.number().int().nonnegative(),
  changes: recordContent,
});
/** Deleting a record created by mistake (see each entity's rule). */
export const deleteMutationSchema = z.object({
  ...mutationBase,
  op: z.literal('delete'),
  baseVersion: z.number().int().nonnegative(),
});
export const mutationSchema = z.discriminatedUnion('op', [
  createMutationSchema,
  updateMutationSchema,
  deleteMutationSchema,
]);
export type Mutation = z.infer<typeof mutationSchema>;

export const MAX_PUSH_BATCH = 500;

export const pushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  deviceId: uuid,
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/**
 * A field kept aside by the merge. Both values come with the answer to the
 * push; a result answered again (to a retry) names the field only: the trail
 * keeps no values, the conflict record holds both.
 */
export const fieldConflictSchema = z.object({
  field: z.string(),
  serverValue: z.unknown().optional(),
  deviceValue: z.unknown().optional(),
});
export type FieldConflict = z.infer<typeof fieldConflictSchema>;

/**
 * The outcome of one mutation:
 * - applied: written as sent (fields changed meanwhile by others on other fields are kept too);
 * - conflict: written, except fields a colleague changed meanwhile: those keep the
 *   server value and both values are recorded (see conflicts) for a person to choose;
 * - rejected: not written, for the reason given (never retried: fix or discard it);
 * - deferred: an earlier number of this device is missing; send again after it.
 */
export const mutationResultSchema = z.object({
  seq: z.number().int(),
  mutationId: uuid,
  status: z.enum(['applied', 'conflict', 'rejected', 'deferred']),
  version: z.number().int().optional(),
  reason: z.string().optional(),
  issues: z.array(fieldIssueSchema).optional(),
  conflicts: z.array(fieldConflictSchema).optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
  /** The highest number of this device the endpoint has processed. */
  lastSeq: z.number().int(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const MAX_PULL_LIMIT = 1000;

export const pullRequestSchema = z.object({
  protocolVersion: z.number().int(),
  /** Opaque: returned by the previous pull; null for the first. */
  cursor: z.string().max(200).nullable(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(500),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

export const recordChangeSchema = z.object({
  entity: entityName,
  id: uuid,
  /** Server-assigned, increasing: the order of changes comes from the endpoint, never from a device clock. */
  version: z.number().int().positive(),
  /** upsert: the record as it is now; delete: it was deleted; evict: it left this user's scope (reassigned, transferred). */
  op: z.enum(['upsert', 'delete', 'evict']),
  data: recordContent.nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type RecordChange = z.infer<typeof recordChangeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(recordChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Turns zod issues into field paths and French messages, for 400 bodies and mutation rejections. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Asks for the current server copy of some records (after discarding a refused change, for instance). */
export const refreshRequestSchema = z.object({
  protocolVersion: z.number().int(),
  ids: z.array(uuid).min(1).max(MAX_PULL_LIMIT),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** The records asked for, as a pull gives them (deleted: delete; no longer in scope: evict). */
export const refreshResponseSchema = z.object({ changes: z.array(recordChangeSchema) });
export type RefreshResponse = z.infer<typeof refreshResponseSchema>;
