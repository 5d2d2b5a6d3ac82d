import { z } from 'zod';
import { role } from './enums';

/** The agents of the user's platform, to show names (authors, referents, tutors) on the device. */
export const directoryEntrySchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: z.enum(role.values),
  structure: z.string(),
  active: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryResponseSchema = z.object({
  platform: z.object({ id: z.uuid(), name: z.string(), departement: z.string(), academie: z.string() }).nullable(),
  agents: z.array(directoryEntrySchema),
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;
