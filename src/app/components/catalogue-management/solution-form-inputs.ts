import type { SolutionFormField } from './solution-form-model';

/** A typed field of the catalogue entry's form, as it is shown (its label is the field's name). */
export interface SolutionInput {
  field: Exclude<SolutionFormField, 'type' | 'levels'>;
  hint?: string;
  type?: 'number';
  inputmode?: 'numeric';
  required?: boolean;
  /** A text area of that many rows. */
  rows?: number;
}

/** In the grid under the type of solution, two columns on a wide screen. */
export const SOLUTION_GRID_INPUTS: readonly SolutionInput[] = [
  {
    field: 'name',
    hint: 'Tel que les conseillers le verront. Exemple : CAP Cuisine – CFA des métiers',
    required: true,
  },
  { field: 'structure', hint: 'Établissement ou organisme qui accueille' },
  { field: 'uai', hint: 'Établissement scolaire : 7 chiffres et une lettre (ex. 0691234A)' },
  { field: 'siret', hint: 'Organisme : 14 chiffres, espaces permis', inputmode: 'numeric' },
  {
    field: 'placesTotal',
    hint: '0 si non précisé ; les places prises sont comptées d’après les dossiers',
    type: 'number',
    inputmode: 'numeric',
    required: true,
  },
  { field: 'address' },
  { field: 'postalCode', inputmode: 'numeric' },
  { field: 'commune' },
  { field: 'period', hint: 'Exemple : rentrée de septembre, entrées permanentes' },
];

/** Under the levels, full width. */
export const SOLUTION_LAST_INPUTS: readonly SolutionInput[] = [
  { field: 'domains', hint: 'Séparés par des virgules. Exemple : Cuisine, Vente' },
  { field: 'contact', hint: 'Personne à joindre, téléphone, adresse électronique' },
  { field: 'description', rows: 4 },
];
