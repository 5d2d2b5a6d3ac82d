import type { RouteLocationRaw } from 'vue-router';
import type { EntityName, FieldIssue } from '../../../domain/sync-messages';
import type { OutboxEntry } from '../../db/database';
import { fieldLabel } from '../conflict/field-labels';

const KIND: Record<EntityName, string> = {
  youngPerson: 'Fiche du jeune',
  contactAttempt: 'Tentative de contact',
  meeting: 'Entretien',
  statusChange: 'Changement de statut',
  bilan: 'Bilan de positionnement',
  proposal: 'Proposition de solution',
  contract: 'Contrat',
  conflict: 'Conflit',
  solution: 'Solution du catalogue',
};

/** "Fiche du jeune", "Entretien"… the kind of record a change is about. */
export function recordKind(entity: EntityName): string {
  return KIND[entity];
}

type Change = Pick<OutboxEntry, 'entity' | 'op' | 'payload'>;

/**
 * What the changes of one record do, in a few words: "Création",
 * "Modification : Commune, Téléphone", "Suppression", "Résolution" (of a
 * conflict). Edits of a record created on this device are part of its creation.
 */
export function changesText(entries: readonly Change[]): string {
  const created = entries.some((entry) => entry.op === 'create');
  const updates = entries.filter((entry) => entry.op === 'update');
  const parts: string[] = created ? ['Création'] : [];
  if (updates.length > 0 && !created) {
    const entity = updates[0]!.entity;
    const fields = [...new Set(updates.flatMap((entry) => Object.keys(entry.payload)))];
    parts.push(
      entity === 'conflict'
        ? 'Résolution'
        : `Modification : ${fields.map((field) => fieldLabel(entity, field)).join(', ')}`,
    );
  }
  if (entries.some((entry) => entry.op === 'delete')) parts.push('Suppression');
  return parts.join(' puis ');
}

/** "Commune : 100 caractères au maximum" (the field's label instead of its code). */
export function issueText(entity: EntityName, issue: FieldIssue): string {
  return issue.path ? `${fieldLabel(entity, issue.path.split('.')[0]!)} : ${issue.message}` : issue.message;
}

/** Where the user fixes a refused change: the record's own screen, or its case file. */
export function fixRoute(entry: Pick<OutboxEntry, 'entity' | 'op' | 'recordId' | 'caseId'>): RouteLocationRaw {
  const id = entry.caseId;
  switch (entry.entity) {
    case 'youngPerson':
      return entry.op === 'delete'
        ? { name: 'case-file', params: { id } }
        : { name: 'young-person-edit', params: { id } };
    case 'bilan':
      return { name: 'bilan', params: { id, bilanId: entry.recordId } };
    case 'contract':
      return { name: 'contract', params: { id, contractId: entry.recordId } };
    case 'conflict':
      return { name: 'conflict', params: { conflictId: entry.recordId } };
    case 'solution':
      return { name: 'solution', params: { id: entry.recordId } };
    default:
      return { name: 'case-file', params: { id } };
  }
}
