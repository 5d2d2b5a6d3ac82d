import { z } from 'zod';
import { schoolLevel, solutionType } from './enums';
import { postalCode, requiredText, text, uuid } from './formats';

const SIRET_PATTERN = /^\d{14}$/;
const UAI_OR_EMPTY = /^(\d{7}[A-Z])?$/;

/** An entry of the network's catalogue of solutions (recensement des solutions). */
export const solutionFieldsShape = {
  type: z.enum(solutionType.values, { error: 'Type de solution à choisir' }),
  name: requiredText(200, 'Le nom'),
  structure: text(200),
  uai: z.string().trim().toUpperCase().regex(UAI_OR_EMPTY, { error: 'UAI invalide : 7 chiffres et une lettre' }),
  /** Typed as it is printed ("123 456 789 00012"): spaces are dropped. */
  siret: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .refine((value) => value === '' || SIRET_PATTERN.test(value), { error: 'SIRET invalide : 14 chiffres' }),
  address: text(200),
  postalCode,
  commune: text(100),
  levels: z.array(z.enum(schoolLevel.values)).max(4),
  domains: z.array(text(80)).max(20),
  /**
   * Capacity the structure offers the platform's young people (0: not said).
   * The places taken are not typed: the endpoint counts them from signed
   * contracts and accepted proposals (see src/server/store/catalogue-repo.ts).
   */
  placesTotal: z
    .number({ error: 'Nombre de places à indiquer (0 si non précisé)' })
    .int({ error: 'Nombre de places entier attendu' })
    .min(0, { error: 'Nombre de places invalide' })
    .max(10_000, { error: '10 000 places au maximum' }),
  period: text(200),
  contact: text(300),
  description: text(3_000),
  active: z.boolean(),
} as const;

export const solutionSchema = z.object({ id: uuid, platformId: uuid, ...solutionFieldsShape }).strict();
export type Solution = z.infer<typeof solutionSchema>;

/** The fields a person types for a new entry (its id and platform are the endpoint's). */
export const solutionFieldsSchema = z.object(solutionFieldsShape).strict();
export type SolutionFields = z.infer<typeof solutionFieldsSchema>;

export const solutionChangesSchema = z
  .object(solutionFieldsShape)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });
