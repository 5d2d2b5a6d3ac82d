import type { SchoolLevel } from '../../../domain/enums';
import { sameValue } from '../../../domain/merge';
import { solutionFieldsShape, type Solution, type SolutionFields } from '../../../domain/solution';

/** The catalogue entry's form as typed: lists and numbers are text until they are read. */
export interface SolutionFormModel {
  type: string;
  name: string;
  structure: string;
  uai: string;
  siret: string;
  address: string;
  postalCode: string;
  commune: string;
  levels: SchoolLevel[];
  /** Domains separated by commas. */
  domains: string;
  placesTotal: string;
  period: string;
  contact: string;
  description: string;
}

export type SolutionFormField = keyof SolutionFormModel;

/** The French name of each field, for the messages that name them. */
export const SOLUTION_FIELD_LABELS: Record<SolutionFormField, string> = {
  type: 'Type',
  name: 'Nom',
  structure: 'Structure',
  uai: 'UAI',
  siret: 'SIRET',
  address: 'Adresse',
  postalCode: 'Code postal',
  commune: 'Commune',
  levels: 'Niveaux',
  domains: 'Domaines',
  placesTotal: 'Places offertes',
  period: 'Période',
  contact: 'Contact',
  description: 'Description',
};

export function blankSolutionForm(): SolutionFormModel {
  return {
    type: '',
    name: '',
    structure: '',
    uai: '',
    siret: '',
    address: '',
    postalCode: '',
    commune: '',
    levels: [],
    domains: '',
    placesTotal: '0',
    period: '',
    contact: '',
    description: '',
  };
}

export function formOf(solution: Solution): SolutionFormModel {
  const { id: _id, platformId: _platformId, active: _active, ...typed } = solution;
  return {
    ...typed,
    levels: [...solution.levels],
    domains: solution.domains.join(', '),
    placesTotal: String(solution.placesTotal),
  };
}

/** "Cuisine, Vente ; Logistique" → the list of domains. */
function domainList(typed: string): string[] {
  return typed
    .split(/[,;\n]/)
    .map((domain) => domain.trim())
    .filter(Boolean);
}

/** The form as the schema reads it (an empty number of places is no number, which the schema says). */
export function fieldsOf(form: SolutionFormModel, active: boolean): Record<keyof SolutionFields, unknown> {
  const places = form.placesTotal.trim();
  return {
    ...form,
    domains: domainList(form.domains),
    placesTotal: places === '' ? Number.NaN : Number(places),
    active,
  };
}

/** The fields of a valid form whose value differs from the entry as read (its activation aside). */
export function changedFields(original: Solution, fields: SolutionFields): Partial<SolutionFields> {
  return Object.fromEntries(
    (Object.keys(solutionFieldsShape) as (keyof SolutionFields)[])
      .filter((field) => field !== 'active' && !sameValue(original[field], fields[field]))
      .map((field) => [field, fields[field]]),
  );
}
