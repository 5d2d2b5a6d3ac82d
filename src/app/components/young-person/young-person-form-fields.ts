import { caseStatus, origin, schoolLevel, sex } from '../../../domain/enums';
import type { YoungPersonField } from '../../../domain/young-person';

/** How each field of the young person form is shown. */
export interface FieldView {
  name: YoungPersonField;
  label: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'date' | 'tel' | 'email';
  autocomplete?: string;
  options?: { value: string; text: string }[];
}

const options = (values: readonly string[], label: (value: never) => string, empty?: string) => [
  ...(empty === undefined ? [] : [{ value: '', text: empty }]),
  ...values.map((value) => ({ value, text: label(value as never) })),
];

export const YOUNG_PERSON_FORM_SECTIONS: { legend: string; fields: FieldView[] }[] = [
  {
    legend: 'Identité',
    fields: [
      { name: 'lastName', label: 'Nom', required: true },
      { name: 'firstNames', label: 'Prénom(s)', required: true },
      { name: 'sex', label: 'Sexe', options: options(sex.values, sex.label, 'Non renseigné') },
      { name: 'birthDate', label: 'Date de naissance', required: true, type: 'date' },
      { name: 'ine', label: 'INE', hint: '10 chiffres et une lettre, ou 9 chiffres et deux lettres' },
    ],
  },
  {
    legend: 'Coordonnées',
    fields: [
      { name: 'phone', label: 'Téléphone', type: 'tel', hint: 'Exemple : 06 12 34 56 78' },
      { name: 'email', label: 'Adresse électronique', type: 'email', hint: 'Exemple : prenom.nom@exemple.fr' },
      { name: 'address', label: 'Adresse' },
      { name: 'postalCode', label: 'Code postal' },
      { name: 'commune', label: 'Commune' },
    ],
  },
  {
    legend: 'Dernière scolarité',
    fields: [
      { name: 'lastSchoolName', label: 'Établissement' },
      { name: 'lastSchoolUai', label: 'UAI de l’établissement', hint: '7 chiffres et une lettre' },
      { name: 'lastSchoolCommune', label: 'Commune de l’établissement' },
      { name: 'formationLabel', label: 'Formation suivie' },
      { name: 'formationMef', label: 'Code MEF' },
      {
        name: 'level',
        label: 'Niveau atteint',
        options: options(schoolLevel.values, schoolLevel.label, 'Non renseigné'),
      },
      { name: 'leftSchoolOn', label: 'Date de sortie', type: 'date' },
      { name: 'leavingReason', label: 'Motif de sortie' },
    ],
  },
  {
    legend: 'Suivi',
    fields: [
      { name: 'origin', label: 'Origine', required: true, options: options(origin.values, origin.label) },
      { name: 'campaign', label: 'Campagne SIEI', hint: 'Format AAAA-MM, obligatoire pour une liste SIEI' },
      {
        name: 'status',
        label: 'Statut',
        required: true,
        // Closing has its own action, with an outcome code and a date.
        options: options(
          caseStatus.values.filter((value) => value !== 'clos'),
          caseStatus.label,
        ),
      },
    ],
  },
];
