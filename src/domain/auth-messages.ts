import { z } from 'zod';
import { role } from './enums';
import { isoDateTime } from './formats';

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
  /**
   * The agent logged in with the temporary password their account was created
   * with: they choose their own before anything else (the endpoint answers
   * nothing else until then). Absent from answers of older endpoints.
   */
  mustChangePassword: z.boolean().optional(),
});
export type Agent = z.infer<typeof agentSchema>;

/**
 * The tokens of a device session:
 * - accessToken: sent as `Authorization: Bearer …` on every call; short-lived
 *   (minutes), it says who and which device, signed by the endpoint;
 * - refreshToken: sent only to POST /api/auth/refresh, once: each renewal
 *   answers a new pair and the used one is spent (presenting it again ends
 *   the session, since two holders means it was copied — unless it comes
 *   with the same successor as the renewal that spent it: see
 *   refreshRequestSchema);
 * - sessionExpiresAt: the app may work offline until then; every renewal
 *   pushes it back by the session's length (SESSION_DAYS).
 */
export const sessionTokensSchema = z.object({
  accessToken: z.string().min(1),
  accessExpiresAt: isoDateTime,
  refreshToken: z.string().min(1),
  sessionExpiresAt: isoDateTime,
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

export const loginResponseSchema = sessionTokensSchema.extend({
  deviceId: z.uuid(),
  /** The highest mutation number of this device the endpoint has applied (0 for a new device). */
  lastSeq: z.number().int().nonnegative(),
  agent: agentSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** A refresh token as the endpoint and the app draw them: 32 random bytes, base64url (43 characters). */
export const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * - refreshToken: the token to spend;
 * - nextRefreshToken: the token that replaces it, drawn by the device and kept
 *   before the call, so that the same renewal can be sent again when its
 *   answer is lost (the endpoint answers it again instead of ending the
 *   session). Absent: the endpoint draws the successor, and a lost answer
 *   ends the session.
 */
export const refreshRequestSchema = z.object({
  refreshToken: z.string().min(1, { error: 'Le jeton de renouvellement est obligatoire' }).max(200),
  nextRefreshToken: z
    .string()
    .regex(REFRESH_TOKEN_PATTERN, { error: 'Le jeton suivant doit faire 32 octets aléatoires en base64url' })
    .optional(),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const refreshResponseSchema = sessionTokensSchema;
export type RefreshResponse = z.infer<typeof refreshResponseSchema>;

/**
 * The `error` of a 401 answer, and what the app does about it:
 * - token_expired: the access token is out of date: renew it (POST /api/auth/refresh) and retry;
 * - unauthenticated: no token or not one of ours: log in;
 * - session_ended: the session is over (logged out, expired, renewal refused or reused,
 *   password changed elsewhere, account deactivated): log in again, keeping the device's data;
 * - device_revoked: this device was cut off: wipe its data and go back to the login screen.
 */
export const authErrorCode = z.enum(['token_expired', 'unauthenticated', 'session_ended', 'device_revoked']);
export type AuthErrorCode = z.infer<typeof authErrorCode>;

/** The body of every 4xx/5xx answer of the endpoint. */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
