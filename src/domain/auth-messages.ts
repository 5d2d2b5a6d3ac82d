import { z } from 'zod';
import { role } from './enums';

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, { error: "L'adresse électronique est obligatoire" }).max(254),
  password: z.string().min(1, { error: 'Le mot de passe est obligatoire' }).max(200),
  /** How the device will be named in the user's list of devices. */
  deviceName: z.string().trim().min(1).max(100),
  /** The device this browser registered before, if any: kept when it is the same agent's, so its numbering goes on. */
  deviceId: z.uuid().optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const agentSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(role.values),
  platformId: z.uuid().nullable(),
  platformName: z.string().nullable(),
});
export type Agent = z.infer<typeof agentSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  deviceId: z.uuid(),
  /** The highest mutation number of this device the endpoint has applied (0 for a new device). */
  lastSeq: z.number().int().nonnegative(),
  agent: agentSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** The body of every 4xx/5xx answer of the endpoint. */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
