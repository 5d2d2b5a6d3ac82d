import { z } from 'zod';
import { bilanStatus, freinTheme, schoolLevel, skillLevel } from './enums';
import { empty, isoDate, longText, text, uuid } from './formats';

/**
 * The bilan de positionnement: written as a draft, then validated. A
 * validated bilan is locked; it is amended only by a new version that points
 * to it, and the old one stays as it was.
 */
const skillScale = z.enum(skillLevel.values, { error: 'Niveau à choisir sur l’échelle' });

export const bilanFieldsShape = {
  authorIds: z.array(uuid).min(1).max(4),
  date: isoDate,
  level: z.union([empty, z.enum(schoolLevel.values)], { error: 'Niveau invalide' }),
  skills: z.object({ francais: skillScale, maths: skillScale, numerique: skillScale, savoirEtre: skillScale }).strict(),
  motivation: z.union([empty, z.enum(['faible', 'moyenne', 'forte'])], { error: 'Motivation invalide' }),
  motivationNote: text(3_000),
  constraints: z
    .array(z.object({ theme: z.enum(freinTheme.values, { error: 'Thème à choisir' }), detail: text(1_000) }).strict())
    .max(14),
  project: longText(5_000),
  recommendation: longText(5_000),
  status: z.enum(bilanStatus.values),
  validatedOn: z.union([empty, isoDate]),
  validatedBy: z.union([empty, uuid]),
} as const;

interface RuleInput {
  status: string;
  recommendation: string;
  validatedOn: string;
  validatedBy: string;
}

/**
 * Rules across fields, checked on whole bilans. Exported on its own so a form
 * shows them along with each field's own problems — the schema skips them
 * once a field is invalid.
 */
export function bilanCrossFieldIssues(bilan: RuleInput): { path: string; message: string }[] {
  if (bilan.status !== 'valide') return [];
  const issues: { path: string; message: string }[] = [];
  if (bilan.recommendation.trim() === '') {
    issues.push({ path: 'recommendation', message: 'La préconisation est obligatoire pour valider le bilan' });
  }
  if (bilan.validatedOn === '' || bilan.validatedBy === '') {
    issues.push({ path: 'validatedOn', message: 'Un bilan validé porte sa date et son auteur de validation' });
  }
  return issues;
}

export const bilanSchema = z
  .object({
    id: uuid,
    youngPersonId: uuid,
    /** 1 for the first bilan of a young person, then 2, 3… for the versions amending it. */
    number: z.number().int().positive(),
    previousId: z.union([empty, uuid]),
    ...bilanFieldsShape,
  })
  .strict()
  .superRefine((bilan, ctx) => {
    for (const issue of bilanCrossFieldIssues(bilan))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type Bilan = z.infer<typeof bilanSchema>;

export const bilanChangesSchema = z
  .object(bilanFieldsShape)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });

export const BILAN_LOCKED = 'Ce bilan est validé : il ne peut plus être modifié. Créez-en une nouvelle version.';

/** Why an edit of this bilan is refused, or null when it may be edited. */
export function bilanEditRefusal(current: Pick<Bilan, 'status'>): string | null {
  return current.status === 'valide' ? BILAN_LOCKED : null;
}

export function blankBilan(input: {
  id: string;
  youngPersonId: string;
  authorId: string;
  date: string;
  previous?: Bilan;
}): Bilan {
  const { previous } = input;
  return {
    id: input.id,
    youngPersonId: input.youngPersonId,
    number: previous ? previous.number + 1 : 1,
    previousId: previous?.id ?? '',
    authorIds: previous ? [...previous.authorIds] : [input.authorId],
    date: input.date,
    level: previous?.level ?? '',
    skills: previous ? { ...previous.skills } : { francais: '0', maths: '0', numerique: '0', savoirEtre: '0' },
    motivation: previous?.motivation ?? '',
    motivationNote: previous?.motivationNote ?? '',
    constraints: previous ? previous.constraints.map((c) => ({ ...c })) : [],
    project: previous?.project ?? '',
    recommendation: previous?.recommendation ?? '',
    status: 'brouillon',
    validatedOn: '',
    validatedBy: '',
  };
}
