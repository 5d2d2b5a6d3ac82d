import {
  auditActionLabel,
  mutationOpLabel,
  mutationStatusLabel,
  recordKindLabel,
  type CaseHistoryEntry,
} from '../../../domain/audit-messages';
import { fieldLabel } from '../conflict/field-labels';

const isKey = <T extends object>(labels: T, key: string | null): key is Extract<keyof T, string> =>
  key !== null && Object.hasOwn(labels, key);

/** Labels of the fields of bilans, contracts and conflicts that field-labels.ts leaves out. */
const MORE_LABELS: Record<string, Record<string, string>> = {
  bilan: {
    authorIds: 'Auteurs',
    date: 'Date',
    level: 'Niveau',
    skills: 'Compétences',
    motivation: 'Motivation',
    motivationNote: 'Commentaire sur la motivation',
    constraints: 'Freins',
    project: 'Projet',
    recommendation: 'Préconisation',
    status: 'État du bilan',
    validatedOn: 'Date de validation',
    validatedBy: 'Validé par',
  },
  contract: {
    solutionLabel: 'Solution retenue',
    establishmentName: 'Établissement d’accueil',
    establishmentUai: 'UAI de l’établissement',
    guardianName: 'Représentant légal',
    tutorName: 'Tuteur·rice',
    tutorId: 'Tuteur·rice (compte)',
    objectives: 'Objectifs',
    commitments: 'Engagements',
    startDate: 'Date de début',
    endDate: 'Date de fin prévue',
    checkpoints: 'Points d’étape',
    signedOn: 'Date de signature',
  },
  conflict: {
    status: 'État du conflit',
    resolution: 'Résolution',
    resolvedValue: 'Valeur retenue',
    resolvedBy: 'Résolu par',
    resolvedAt: 'Date de résolution',
  },
};

/** "Fiche du jeune", "Contrat"… */
export function entryKind(entry: CaseHistoryEntry): string {
  if (!entry.entity) return '';
  return isKey(recordKindLabel, entry.entity) ? recordKindLabel[entry.entity] : entry.entity;
}

/** "Création", "Modification", "Suppression", or what an audit event records ("Dossier attribué…"). */
export function entryAction(entry: CaseHistoryEntry): string {
  if (entry.source === 'event')
    return isKey(auditActionLabel, entry.action) ? auditActionLabel[entry.action] : entry.action;
  return isKey(mutationOpLabel, entry.action) ? mutationOpLabel[entry.action] : entry.action;
}

/** The labels of the fields an edit changed; none for a creation (the whole record) or a deletion. */
export function changedFields(entry: CaseHistoryEntry): string[] {
  if (entry.source !== 'mutation' || entry.action !== 'update' || !entry.entity) return [];
  const entity = entry.entity;
  return Object.keys(entry.changes).map((field) => MORE_LABELS[entity]?.[field] ?? fieldLabel(entity, field));
}

/** The name kept in an event's details for a platform ({id, name}), or ''. */
function platformName(value: unknown): string {
  return typeof value === 'object' && value !== null && 'name' in value ? String(value.name) : '';
}

/** What an audit event of the case says beyond its action: who or where the case went from and to, which tutor. */
export function eventDetail(entry: CaseHistoryEntry, nameOf: (agentId: string | null) => string): string {
  if (entry.source !== 'event') return '';
  const id = (key: string) => {
    const value = entry.changes[key];
    return typeof value === 'string' ? value : null;
  };
  if (entry.action === 'case_reassigned') return `De ${nameOf(id('from'))} à ${nameOf(id('to'))}`;
  if (entry.action === 'case_transferred') {
    const from = platformName(entry.changes.fromPlatform);
    const to = platformName(entry.changes.toPlatform);
    return `De ${from} à ${to}, motif : ${id('reason') ?? ''}`;
  }
  if (entry.action === 'tutor_added' || entry.action === 'tutor_removed')
    return `Tuteur·rice : ${nameOf(id('tutorId'))}`;
  if (entry.action === 'siei_import_case') return sieiImportDetail(id('change'), id('fileName'), id('campaign'));
  return '';
}

const SIEI_CHANGES: Record<string, string> = {
  created: 'Dossier créé',
  updated: 'Fiche complétée',
  reopened: 'Dossier clos rouvert (réapparu dans la liste)',
};

/** "Dossier créé par l’import de « liste.csv » (campagne 2026-11)". */
function sieiImportDetail(change: string | null, fileName: string | null, campaign: string | null): string {
  return `${SIEI_CHANGES[change ?? ''] ?? 'Fiche écrite'} par l’import de « ${fileName ?? ''} » (campagne ${campaign ?? ''})`;
}

type ResultTone = 'success' | 'warning' | 'error' | 'info';
const RESULT_TONES: Record<string, ResultTone> = { applied: 'success', conflict: 'warning', rejected: 'error' };

/** A mutation's result as the trail words it ("appliquée", "refusée"…), with the endpoint's reason. */
export function entryResult(entry: CaseHistoryEntry): { text: string; tone: ResultTone } | null {
  if (entry.source !== 'mutation' || !entry.status) return null;
  const label = isKey(mutationStatusLabel, entry.status) ? mutationStatusLabel[entry.status] : entry.status;
  return { text: entry.reason ? `${label} : ${entry.reason}` : label, tone: RESULT_TONES[entry.status] ?? 'info' };
}
