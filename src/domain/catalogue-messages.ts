import { z } from 'zod';
import { solutionChangesSchema, solutionSchema } from './solution';

/**
 * Managing the platform's catalogue at a desk (the coordinator, online):
 * /api/catalogue. Entries are synced records (entity 'solution'): what is
 * written here reaches every device of the platform at its next sync.
 */

/** An entry as the management screen sees it: the record, its version, and the places its young people take. */
export const managedSolutionSchema = z.object({
  solution: solutionSchema,
  /** The record's server version: an edit names it, so that a colleague's change meanwhile is not overwritten. */
  version: z.number().int().positive(),
  /** Young people holding a place (signed or running contract, or accepted proposal of an open case). */
  placesTaken: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type ManagedSolution = z.infer<typeof managedSolutionSchema>;

export const catalogueResponseSchema = z.object({ solutions: z.array(managedSolutionSchema) });
export type CatalogueResponse = z.infer<typeof catalogueResponseSchema>;

export const managedSolutionResponseSchema = z.object({ solution: managedSolutionSchema });

/** PATCH /api/catalogue/:id: the fields changed (deactivating is `{ active: false }`), from the version read. */
export const solutionPatchSchema = z
  .object({
    baseVersion: z.number({ error: 'Version lue manquante' }).int().nonnegative(),
    changes: solutionChangesSchema,
  })
  .strict();
export type SolutionPatch = z.infer<typeof solutionPatchSchema>;

/** Why a PATCH is refused with 409: a colleague changed these fields since the version read. */
export const EDITED_MEANWHILE = 'edited_meanwhile';

/** Places taken per entry, sent to every device with the directory (counted by the endpoint at each sync). */
export const catalogueUseSchema = z.array(
  z.object({ solutionId: z.uuid(), placesTaken: z.number().int().nonnegative() }),
);
export type CatalogueUse = z.infer<typeof catalogueUseSchema>;
