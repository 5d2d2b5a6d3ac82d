import type { z } from 'zod';
import type { EntityName } from './sync-messages';
import { youngPersonChangesSchema, youngPersonSchema } from './young-person';

/**
 * What the sync protocol needs to know of each kind of record: the schema of
 * a whole record (creation, and the result of a merge) and of one edit.
 */
export interface EntityDefinition {
  record: z.ZodType<Record<string, unknown>>;
  changes: z.ZodType<Record<string, unknown>>;
}

export const entities: Record<EntityName, EntityDefinition> = {
  youngPerson: { record: youngPersonSchema, changes: youngPersonChangesSchema },
};
