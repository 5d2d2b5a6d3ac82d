import { z } from 'zod';
import { caseStatus, guardianRelation, origin, outcomeCode, schoolLevel, sex } from './enums';
import {
  ageOn,
  campaign,
  email,
  empty,
  ine,
  isoDate,
  phone,
  postalCode,
  requiredText,
  text,
  uai,
  uuid,
} from './formats';

/** Youngest and oldest ages accepted for a young person followed by a platform. */
export const AGE_RANGE = { min: 14, max: 30 } as const;

/** Today's calendar date where the user is (local time, not UTC: after midnight in France it is already tomorrow). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const birthDate = isoDate.refine(
  (value) => {
    const age = ageOn(value, todayIso());
    return age >= AGE_RANGE.min && age <= AGE_RANGE.max;
  },
  { error: `Date de naissance improbable : l'âge doit être compris entre ${AGE_RANGE.min} et ${AGE_RANGE.max} ans` },
);

export const guardianSchema = z.object({
  relation: z.enum(guardianRelation.values, { error: 'Lien avec le jeune à choisir' }),
  name: requiredText(120, 'Le nom du représentant légal'),
  phone,
  email,
});
export type Guardian = z.infer<typeof guardianSchema>;

/**
 * The fields of a young person that a person edits. Each key is a unit of
 * field-level merge during sync, which is why the record is kept flat.
 */
export const youngPersonFieldsShape = {
  ine,
  lastName: requiredText(100, 'Le nom'),
  firstNames: requiredText(150, 'Le prénom'),
  sex: z.union([empty, z.enum(sex.values)], { error: 'Sexe invalide' }),
  birthDate,
  address: text(200),
  postalCode,
  commune: text(100),
  phone,
  email,
  guardians: z.array(guardianSchema).max(4, { error: 'Quatre représentants légaux au maximum' }),
  lastSchoolUai: uai,
  lastSchoolName: text(150),
  lastSchoolCommune: text(100),
  formationMef: text(11),
  formationLabel: text(150),
  level: z.union([empty, z.enum(schoolLevel.values)], { error: 'Niveau invalide' }),
  leftSchoolOn: z.union([empty, isoDate]),
  leavingReason: text(200),
  origin: z.enum(origin.values, { error: 'Origine à choisir dans la liste' }),
  campaign,
  status: z.enum(caseStatus.values, { error: 'Statut à choisir dans la liste' }),
  outcome: z.union([empty, z.enum(outcomeCode.values)], { error: 'Code de sortie invalide' }),
  closedOn: z.union([empty, isoDate]),
  closingComment: text(2_000),
} as const;

export type YoungPersonField = keyof typeof youngPersonFieldsShape;
export const YOUNG_PERSON_FIELDS = Object.keys(youngPersonFieldsShape) as YoungPersonField[];

/**
 * Written by the endpoint only, never sent as a person's edit: the day a SIEI
 * import found this young person on the list again after the case was
 * closed, and reopened it (the case file shows it). Absent otherwise.
 */
export const youngPersonImportShape = {
  reappearedAt: isoDate.optional(),
} as const;

/** Fields that only a coordinator changes (assignment), never sent as a person's edit. */
export const youngPersonAssignmentShape = {
  platformId: uuid,
  referentId: z.union([uuid, z.null()]),
} as const;

interface RuleInput {
  origin: string;
  campaign: string;
  status: string;
  outcome: string;
  closedOn: string;
}

/**
 * Rules across fields, checked on whole records (so on the result of a merge
 * too). Exported on its own so a form shows them along with each field's own
 * problems — the schema skips them once a field is invalid.
 */
export function crossFieldIssues(record: RuleInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (record.origin === 'siei' && record.campaign === '') {
    issues.push({ path: 'campaign', message: 'La campagne SIEI est obligatoire (AAAA-MM)' });
  }
  if (record.status === 'clos' && record.outcome === '') {
    issues.push({ path: 'outcome', message: 'Un dossier clos doit avoir un code de sortie' });
  }
  if (record.status === 'clos' && record.closedOn === '') {
    issues.push({ path: 'closedOn', message: 'Un dossier clos doit avoir une date de clôture' });
  }
  if (record.status !== 'clos' && record.outcome !== '') {
    issues.push({ path: 'outcome', message: 'Seul un dossier clos a un code de sortie' });
  }
  return issues;
}

/** A whole young person record, as stored on both sides (server metadata aside). */
export const youngPersonSchema = z
  .object({ id: uuid, ...youngPersonAssignmentShape, ...youngPersonFieldsShape, ...youngPersonImportShape })
  .strict()
  .superRefine((record, ctx) => {
    for (const issue of crossFieldIssues(record))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type YoungPerson = z.infer<typeof youngPersonSchema>;

/** The fields a person may change in one edit: any subset of the editable fields. */
export const youngPersonChangesSchema = z
  .object(youngPersonFieldsShape)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });
export type YoungPersonChanges = z.infer<typeof youngPersonChangesSchema>;

/** A blank record for the "new young person" form. */
export function blankYoungPerson(id: string, platformId: string, referentId: string | null): YoungPerson {
  return {
    id,
    platformId,
    referentId,
    ine: '',
    lastName: '',
    firstNames: '',
    sex: '',
    birthDate: '',
    address: '',
    postalCode: '',
    commune: '',
    phone: '',
    email: '',
    guardians: [],
    lastSchoolUai: '',
    lastSchoolName: '',
    lastSchoolCommune: '',
    formationMef: '',
    formationLabel: '',
    level: '',
    leftSchoolOn: '',
    leavingReason: '',
    origin: 'spontane',
    campaign: '',
    status: 'a_traiter',
    outcome: '',
    closedOn: '',
    closingComment: '',
  };
}

export function isMinor(person: Pick<YoungPerson, 'birthDate'>, today: string = todayIso()): boolean {
  return person.birthDate !== '' && ageOn(person.birthDate, today) < 18;
}

export function fullName(person: Pick<YoungPerson, 'lastName' | 'firstNames'>): string {
  return `${person.lastName.toLocaleUpperCase('fr-FR')} ${person.firstNames}`.trim();
}
