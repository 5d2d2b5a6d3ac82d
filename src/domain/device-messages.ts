import { z } from 'zod';
import { isoDateTime } from './formats';

/** A device (browser profile or tablet) where an agent logged in, as GET /api/devices lists it. */
export const deviceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  agentId: z.uuid(),
  agentName: z.string(),
  createdAt: isoDateTime,
  /** Its last login, session renewal or sync. */
  lastSeenAt: isoDateTime,
  /** Set once revoked: the device is cut off and wipes its data at its next contact. */
  revokedAt: isoDateTime.nullable(),
  /** The device that asked. */
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof deviceSchema>;

/** GET /api/devices: the caller's devices; a coordinator's platform's; an admin's: all. */
export const devicesResponseSchema = z.array(deviceSchema);
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;

export const deviceParamsSchema = z.object({ id: z.uuid({ error: "Identifiant d'appareil invalide" }) });
