import { z } from 'zod';
import { contactResult, contractState, meetingKind } from './enums';
import { uuid } from './formats';
import { entityName, fieldIssueSchema } from './sync-messages';

/**
 * The emergency export: everything a device has not synced yet (its outbox and
 * its drafts), saved by the user to a file, to be imported back on the same
 * device or on another device of the same agent. The mutations keep the
 * numbering of the device that made them, so replaying them through the
 * endpoint applies each one once.
 */

export const EMERGENCY_EXPORT_FORMAT = 'raccroche-export-de-secours';
export const EMERGENCY_EXPORT_VERSION = 1;

const caseEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contactAttempt'), result: z.enum(contactResult.values) }),
  z.object({ kind: z.literal('meeting'), meetingKind: z.enum(meetingKind.values) }),
  z.object({ kind: z.literal('bilanValidated') }),
  z.object({ kind: z.literal('proposal') }),
  z.object({ kind: z.literal('contractState'), state: z.enum(contractState.values) }),
]);

/** An outbox entry as exported: the device that numbered it goes with it. */
export const exportedMutationSchema = z.object({
  deviceId: uuid,
  seq: z.number().int().positive(),
  mutationId: uuid,
  entity: entityName,
  recordId: uuid,
  caseId: z.string(),
  op: z.enum(['create', 'update', 'delete']),
  baseVersion: z.number().int().nonnegative(),
  payload: z.record(z.string(), z.unknown()),
  event: caseEventSchema.optional(),
  createdAt: z.string(),
  state: z.enum(['pending', 'rejected']),
  reason: z.string().optional(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type ExportedMutation = z.infer<typeof exportedMutationSchema>;

export const exportedDraftSchema = z.object({
  key: z.string().min(1),
  value: z.record(z.string(), z.unknown()),
  savedAt: z.string(),
});
export type ExportedDraft = z.infer<typeof exportedDraftSchema>;

export const emergencyExportSchema = z.object({
  format: z.literal(EMERGENCY_EXPORT_FORMAT, { error: "Ce fichier n'est pas un fichier de secours de Raccroche" }),
  formatVersion: z.literal(EMERGENCY_EXPORT_VERSION, {
    error: 'Ce fichier de secours vient d’une version de Raccroche que cette application ne sait pas lire',
  }),
  appVersion: z.string(),
  exportedAt: z.string(),
  deviceId: uuid,
  agentId: uuid,
  agentName: z.string(),
  mutations: z.array(exportedMutationSchema),
  drafts: z.array(exportedDraftSchema),
});
export type EmergencyExport = z.infer<typeof emergencyExportSchema>;

export type ParsedExport = { ok: true; file: EmergencyExport } | { ok: false; error: string };

/**
 * Reads the text of a file chosen by the user.
 * 1. Not JSON, or not an object with our format mark: not one of our files.
 * 2. Our mark but another format version: said as such.
 * 3. Otherwise every field is checked, and every change must come from the
 *    device the file names; the first problem is worded in French.
 */
export function parseEmergencyExport(text: string): ParsedExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "Ce fichier n'est pas un fichier de secours de Raccroche (contenu illisible)" };
  }
  const marked = typeof json === 'object' && json !== null && (json as { format?: unknown }).format;
  if (marked !== EMERGENCY_EXPORT_FORMAT) {
    return { ok: false, error: "Ce fichier n'est pas un fichier de secours de Raccroche" };
  }
  const parsed = emergencyExportSchema.safeParse(json);
  if (parsed.success) {
    const foreign = parsed.data.mutations.some((mutation) => mutation.deviceId !== parsed.data.deviceId);
    return foreign
      ? { ok: false, error: 'Fichier de secours endommagé (appareils mélangés)' }
      : { ok: true, file: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.map(String).join('.')})` : '';
  const message = issue?.path[0] === 'formatVersion' ? issue.message : `Fichier de secours endommagé${where}`;
  return { ok: false, error: message };
}

/** The name proposed for the saved file: "raccroche-secours-2026-03-05-1402.json" (device time, for the user). */
export function emergencyExportFileName(exportedAt: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${exportedAt.getFullYear()}-${pad(exportedAt.getMonth() + 1)}-${pad(exportedAt.getDate())}`;
  return `raccroche-secours-${day}-${pad(exportedAt.getHours())}${pad(exportedAt.getMinutes())}.json`;
}
