import {
  caseStatus,
  contractState,
  guardianRelation,
  origin,
  outcomeCode,
  proposalDecision,
  schoolLevel,
  sex,
} from '../../../domain/enums';
import type { Guardian, YoungPersonField } from '../../../domain/young-person';
import { formatIsoDate } from '../../composables/format';
import { YOUNG_PERSON_FORM_SECTIONS, type FieldView } from '../young-person/young-person-form-fields';

const FORM_FIELDS = new Map(YOUNG_PERSON_FORM_SECTIONS.flatMap((section) => section.fields).map((f) => [f.name, f]));

/** The young person's fields that are not in its form (set by their own screens). */
const OTHER_YOUNG_PERSON_LABELS: Partial<Record<YoungPersonField, string>> = {
  guardians: 'Représentants légaux',
  outcome: 'Code de sortie',
  closedOn: 'Date de clôture',
  closingComment: 'Commentaire de clôture',
};

/** Fields of the other records that two people may edit at once. */
const OTHER_LABELS: Record<string, Record<string, string>> = {
  proposal: { decision: 'Décision du jeune', decidedOn: 'Date de la décision', reason: 'Motif' },
  contract: { state: 'État du contrat', endedOn: 'Date de fin', endReason: 'Motif de fin' },
};

/** "Commune", "Téléphone"… the label a person knows a field by. */
export function fieldLabel(entity: string, field: string): string {
  if (entity === 'youngPerson') {
    const label =
      FORM_FIELDS.get(field as YoungPersonField)?.label ?? OTHER_YOUNG_PERSON_LABELS[field as YoungPersonField];
    if (label) return label;
  }
  return OTHER_LABELS[entity]?.[field] ?? `Champ « ${field} »`;
}

/** How the young person form shows a field (label, kind of input, choices); undefined for fields outside it. */
export function youngPersonFieldView(field: string): FieldView | undefined {
  return FORM_FIELDS.get(field as YoungPersonField);
}

const ENUM_LABELS: Record<string, (value: never) => string> = {
  'youngPerson.sex': sex.label,
  'youngPerson.level': schoolLevel.label,
  'youngPerson.origin': origin.label,
  'youngPerson.status': caseStatus.label,
  'youngPerson.outcome': outcomeCode.label,
  'proposal.decision': proposalDecision.label,
  'contract.state': contractState.label,
};
const DATE_FIELDS = new Set(['birthDate', 'leftSchoolOn', 'closedOn', 'decidedOn', 'endedOn']);

function guardiansText(guardians: readonly Guardian[]): string {
  return guardians
    .map((guardian) =>
      [`${guardian.name} (${guardianRelation.label(guardian.relation)})`, guardian.phone, guardian.email]
        .filter(Boolean)
        .join(' – '),
    )
    .join(' ; ');
}

/** A field's value as a person reads it: labels of choices, dates in French, "(vide)" for nothing. */
export function fieldValueText(entity: string, field: string, value: unknown): string {
  if (value === '' || value === null || value === undefined) return '(vide)';
  if (entity === 'youngPerson' && field === 'guardians' && Array.isArray(value)) {
    return value.length === 0 ? '(aucun)' : guardiansText(value as Guardian[]);
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  if (DATE_FIELDS.has(field)) return formatIsoDate(value);
  const label = ENUM_LABELS[`${entity}.${field}`]?.(value as never);
  return label ?? value;
}
