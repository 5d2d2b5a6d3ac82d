import { z } from 'zod';
import { catalogueUseSchema } from './catalogue-messages';
import { role } from './enums';
import { noticeSchema } from './notice';

/** The agents of the user's platform, to show names (authors, referents, tutors) on the device. */
export const directoryEntrySchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: z.enum(role.values),
  structure: z.string(),
  active: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

/** What the endpoint's configuration asks of devices. */
export const deviceSettingsSchema = z.object({
  /** A closed case leaves the device this many days after its closing date, once nothing of it is left to send. */
  closedCaseDeviceDays: z.number().int().nonnegative(),
  /** The app locks itself after this many minutes without use. */
  lockMinutes: z.number().int().positive(),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/**
 * The user's platform and its agents, the device settings and the
 * information notice: what a device keeps besides the records (refreshed at
 * each sync). `settings` and `notice` are optional so that an app older than
 * them still reads the answer, and an app newer than its endpoint too.
 */
export const directoryResponseSchema = z.object({
  platform: z.object({ id: z.uuid(), name: z.string(), departement: z.string(), academie: z.string() }).nullable(),
  agents: z.array(directoryEntrySchema),
  settings: deviceSettingsSchema.optional(),
  notice: noticeSchema.optional(),
  /** Places taken in each catalogue entry of the platform (optional: older endpoints do not send it). */
  catalogueUse: catalogueUseSchema.optional(),
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;
