import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from './formats';

/**
 * The right of access (RGPD, art. 15): the coordinator of a platform exports
 * one young person's whole file — identity, every record of the follow-up,
 * bilans, proposals, contracts — as a readable document (HTML, French,
 * printable) or as JSON. Every export is recorded in the audit trail.
 */
export const accessExportQuerySchema = z
  .object({
    format: z.enum(['json', 'html'], { error: 'Format attendu : json ou html' }).default('json'),
  })
  .strict();
export type AccessExportQuery = z.infer<typeof accessExportQuerySchema>;

const recordContent = z.record(z.string(), z.unknown());

/** The JSON export. Records are as stored (codes, ids, ISO dates); `agents` names the agents they mention. */
export const accessExportSchema = z.object({
  kind: z.literal('raccroche.droit-acces'),
  version: z.literal(1),
  exportedAt: isoDateTime,
  exportedBy: z.string(),
  platform: z.object({ name: z.string(), departement: z.string(), academie: z.string() }),
  /** When the case was entered on the endpoint. */
  listedOn: isoDate,
  retention: z.object({
    years: z.number().int().positive(),
    /** The day from which the personal data is erased; '' while the case is open. */
    erasedFrom: z.union([z.literal(''), isoDate]),
  }),
  youngPerson: recordContent,
  contactAttempts: z.array(recordContent),
  meetings: z.array(recordContent),
  statusChanges: z.array(recordContent),
  bilans: z.array(recordContent),
  proposals: z.array(recordContent),
  contracts: z.array(recordContent),
  /** Two people's values of one field, waiting for a choice. */
  conflicts: z.array(recordContent),
  agents: z.record(uuid, z.string()),
});
export type AccessExport = z.infer<typeof accessExportSchema>;
