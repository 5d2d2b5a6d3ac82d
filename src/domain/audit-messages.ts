import { z } from 'zod';
import { isoDate, isoDateTime, isRealIsoDate, uuid } from './formats';
import type { EntityName } from './sync-messages';

/**
 * The audit trail: device writes are the endpoint's `mutations`; every other
 * write and every export of personal data is an audit event (append-only).
 */

/** What an audit event records. Codes are stored; labels are shown and exported. */
export const auditActionLabel = {
  case_reassigned: 'Dossier attribué à un autre référent',
  case_transferred: 'Dossier transféré à une autre plateforme',
  tutor_added: 'Tuteur ajouté au dossier (contrat)',
  tutor_removed: 'Tuteur retiré du dossier (contrat)',
  platform_created: 'Plateforme créée',
  agent_created: 'Compte créé',
  agent_updated: 'Compte modifié',
  audit_exported: 'Export du journal d’audit',
  emergency_export: 'Export de secours sur l’appareil',
  device_revoked: 'Appareil révoqué',
  password_changed: 'Mot de passe changé',
  access_export: 'Export du dossier d’un jeune (droit d’accès)',
  retention_purge: 'Données personnelles effacées (durée de conservation échue)',
  siei_import: 'Import d’une liste SIEI',
  siei_import_case: 'Fiche écrite par un import SIEI',
  solution_created: 'Solution ajoutée au catalogue',
  solution_updated: 'Solution du catalogue modifiée',
  activity_exported: 'Export du bilan d’activité du réseau',
} as const;
export type AuditAction = keyof typeof auditActionLabel;

/** French names of the kinds of records, for the trail and its export. */
export const recordKindLabel: Record<EntityName, string> = {
  youngPerson: 'Fiche du jeune',
  contactAttempt: 'Tentative de contact',
  meeting: 'Entretien ou point d’étape',
  statusChange: 'Changement de statut',
  bilan: 'Bilan de positionnement',
  proposal: 'Proposition de solution',
  contract: 'Contrat',
  conflict: 'Conflit',
  solution: 'Solution du catalogue',
};

export const mutationOpLabel = { create: 'Création', update: 'Modification', delete: 'Suppression' } as const;
export const mutationStatusLabel = {
  applied: 'appliquée',
  conflict: 'appliquée avec conflit',
  rejected: 'refusée',
  deferred: 'différée',
} as const;

/**
 * A device reports an export of personal data it made on its own (the
 * emergency export of its unsent work): when it happened on the device and
 * what the file held. Sent when the device next reaches the endpoint.
 */
export const emergencyExportEventSchema = z
  .object({
    /** Made by the device: a report sent again after a lost answer is recorded once. */
    id: uuid,
    kind: z.literal('emergency_export'),
    /** Device time of the export (the endpoint records its own time too). */
    at: isoDateTime,
    details: z
      .object({
        mutations: z.number().int().nonnegative().max(1_000_000),
        drafts: z.number().int().nonnegative().max(1_000_000),
      })
      .strict(),
  })
  .strict();

export const auditEventsRequestSchema = z
  .object({
    events: z
      .array(z.discriminatedUnion('kind', [emergencyExportEventSchema]))
      .min(1)
      .max(100),
  })
  .strict();
export type AuditEventsRequest = z.infer<typeof auditEventsRequestSchema>;

/** One write of a case's history, newest first: a device mutation or an audit event. */
export const caseHistoryEntrySchema = z.object({
  at: z.string(),
  source: z.enum(['mutation', 'event']),
  /** create | update | delete for a mutation; the audit action for an event. */
  action: z.string(),
  entity: z.string().nullable(),
  recordId: z.uuid().nullable(),
  /** A mutation: the fields it sent, each as `true` (never their values); an event: its details. */
  changes: z.record(z.string(), z.unknown()),
  /** applied | conflict | rejected for a mutation; null for an event. */
  status: z.string().nullable(),
  reason: z.string().nullable(),
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  deviceId: z.uuid().nullable(),
  deviceName: z.string().nullable(),
});
export type CaseHistoryEntry = z.infer<typeof caseHistoryEntrySchema>;

export const caseHistoryResponseSchema = z.object({ caseId: uuid, entries: z.array(caseHistoryEntrySchema) });
export type CaseHistoryResponse = z.infer<typeof caseHistoryResponseSchema>;

/**
 * The days of an audit period and the times of its export are those of
 * metropolitan France (the platforms' académies; an overseas académie would
 * make this a setting).
 */
export const AUDIT_TIME_ZONE = 'Europe/Paris';

/** The longest period one audit export covers. */
export const MAX_AUDIT_PERIOD_DAYS = 366;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD, both days included (days in AUDIT_TIME_ZONE). */
export const auditPeriodQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
  })
  .superRefine((period, ctx) => {
    if (!isRealIsoDate(period.from) || !isRealIsoDate(period.to)) return;
    const days = dayNumber(period.to) - dayNumber(period.from);
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin doit suivre le début de la période' });
    else if (days >= MAX_AUDIT_PERIOD_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `La période couvre ${MAX_AUDIT_PERIOD_DAYS} jours au plus`,
      });
    }
  });
export type AuditPeriodQuery = z.infer<typeof auditPeriodQuerySchema>;
