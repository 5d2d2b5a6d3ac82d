import { z } from 'zod';
import { schoolLevel, solutionType } from './enums';
import { empty, postalCode, requiredText, text, uuid } from './formats';

const SIRET_PATTERN = /^\d{14}$/;
const UAI_OR_EMPTY = /^(\d{7}[A-Z])?$/;

/** An entry of the network's catalogue of solutions (recensement des solutions). */
export const solutionFieldsShape = {
  type: z.enum(solutionType.values, { error: 'Type de solution à choisir' }),
  name: requiredText(200, 'Le nom'),
  structure: text(200),
  uai: z.string().trim().toUpperCase().regex(UAI_OR_EMPTY, { error: 'UAI invalide : 7 chiffres et une lettre' }),
  siret: z.union([empty, z.string().trim().regex(SIRET_PATTERN, { error: 'SIRET invalide : 14 chiffres' })]),
  address: text(200),
  postalCode,
  commune: text(100),
  levels: z.array(z.enum(schoolLevel.values)).max(4),
  domains: z.array(text(80)).max(20),
  placesTotal: z.number().int().min(0, { error: 'Nombre de places invalide' }).max(10_000),
  placesFree: z.number().int().min(0, { error: 'Nombre de places invalide' }).max(10_000),
  period: text(200),
  contact: text(300),
  description: text(3_000),
  active: z.boolean(),
} as const;

export const solutionSchema = z
  .object({ id: uuid, platformId: uuid, ...solutionFieldsShape })
  .strict()
  .refine((solution) => solution.placesFree <= solution.placesTotal, {
    path: ['placesFree'],
    error: 'Les places libres ne peuvent dépasser le total',
  });
export type Solution = z.infer<typeof solutionSchema>;

export const solutionChangesSchema = z
  .object(solutionFieldsShape)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });
