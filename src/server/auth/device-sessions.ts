import { randomUUID } from 'node:crypto';
import type { AuthErrorCode, RefreshRequest, SessionTokens } from '../../domain/auth-messages';
import { HttpError } from '../http/http-error';
import type { Database, SqlExecutor } from '../store/database';
import {
  forgetSpentRefreshTokens,
  insertRefreshToken,
  isRefreshTokenUnspent,
  markRefreshTokenUsed,
} from '../store/refresh-tokens-repo';
import {
  endSession,
  extendSession,
  findUsableDevice,
  insertDevice,
  insertSession,
  lockSessionOfRefreshToken,
  touchDevice,
  type RefreshTokenState,
  type SessionState,
} from '../store/sessions-repo';
import { signAccessToken } from './access-tokens';
import { sessionRefused } from './session-errors';
import { hashToken, newToken } from './tokens';

/** How sessions are made: the signing key and the two lifetimes. */
export interface SessionSettings {
  secret: Buffer;
  /** A session lives this long after its last renewal (the app works offline that long). */
  sessionDays: number;
  accessTokenMinutes: number;
}

export interface OpenedSession {
  tokens: SessionTokens;
  deviceId: string;
  /** The highest mutation number of the device the endpoint has applied (0 for a new device). */
  lastSeq: number;
}

const DAY_MS = 86_400_000;

/** A session that may still act: not ended, not expired, its agent still active. */
export function isLive(state: SessionState, now: Date): boolean {
  return state.endedAt === null && state.expiresAt > now && state.agentActive;
}

/**
 * Opens a device session for an agent that an authenticator vouched for.
 * This is the only way into a session, whatever the way in:
 * - today local-password.ts (e-mail and password), called by POST /api/auth/login;
 * - tomorrow the State's agent identity federation (OpenID Connect): a route
 *   GET /api/auth/oidc/callback would exchange the provider's code for an ID
 *   token, find the agent by its `sub` (a column agents.oidc_subject, added
 *   by a migration, filled when an admin links the account), and call this
 *   function with the device's name and id passed through the `state`
 *   parameter; the tokens, refresh, revocation and throttling stay as they are.
 *
 * 1. The device: the browser's previous device is resumed when it is this
 *    agent's and not revoked (its mutation numbering goes on); otherwise a
 *    new one is registered.
 * 2. The refresh tokens of the agent's sessions that are over are forgotten.
 * 3. A session valid SESSION_DAYS, and its first pair of tokens.
 */
export async function openDeviceSession(
  db: Database,
  settings: SessionSettings,
  request: { agentId: string; deviceName: string; deviceId?: string | undefined },
  now: Date,
): Promise<OpenedSession> {
  return db.transaction(async (tx) => {
    const known = request.deviceId ? await findUsableDevice(tx, request.deviceId, request.agentId) : undefined; // step 1
    const device = known ?? { id: randomUUID(), lastSeq: 0 };
    if (known) await touchDevice(tx, known.id, now);
    else await insertDevice(tx, { id: device.id, agentId: request.agentId, name: request.deviceName, now });
    await forgetSpentRefreshTokens(tx, request.agentId, now); // step 2

    const session = { id: randomUUID(), agentId: request.agentId, deviceId: device.id }; // step 3
    const expiresAt = new Date(now.getTime() + settings.sessionDays * DAY_MS);
    await insertSession(tx, { ...session, now, expiresAt });
    return {
      tokens: await issueTokens(tx, settings, session, now, expiresAt),
      deviceId: device.id,
      lastSeq: device.lastSeq,
    };
  });
}

/**
 * Renews a session with its refresh token (POST /api/auth/refresh).
 *
 * 1. Find the token and lock its row: two renewals with one token run one
 *    after the other, so the second sees the first's mark.
 * 2. Unknown token: refused. Device revoked: refused as such, so the device
 *    wipes its data.
 * 3. Token already used: two holders of one token, one of them a thief (or
 *    a copy of the device's storage). Which is which cannot be told, so the
 *    whole session ends; both must log in again, with the password.
 *    Except the same renewal sent again: the device draws the successor
 *    (`nextRefreshToken`) and keeps it before the call, so when the answer
 *    is lost on a bad connection it sends the same pair again. If the spent
 *    token names that successor and the successor is still unspent, nobody
 *    else has renewed: the renewal is answered again (same successor, a new
 *    access token). Once the successor is spent, the old token is a copy.
 * 4. Session ended, expired or its agent deactivated: refused.
 * 5. Otherwise the successor is stored (its hash; one already held is a
 *    malformed request, nothing written), the token is spent naming it, the
 *    session lives SESSION_DAYS from now (sliding expiry), and a new access
 *    token is signed.
 * The refusal of step 3 is committed before the error is answered.
 */
export async function renewDeviceSession(
  db: Database,
  settings: SessionSettings,
  request: RefreshRequest,
  now: Date,
): Promise<SessionTokens> {
  const hash = hashToken(request.refreshToken);
  const successor = request.nextRefreshToken ?? newToken();
  const successorHash = hashToken(successor);
  const outcome = await db.transaction(async (tx): Promise<{ tokens: SessionTokens } | { refused: AuthErrorCode }> => {
    const state = await lockSessionOfRefreshToken(tx, hash); // step 1
    if (!state) return { refused: 'session_ended' }; // step 2
    if (state.deviceRevokedAt) return { refused: 'device_revoked' };
    const sameRenewalAgain = await isSameRenewalAgain(tx, state, request, successorHash);
    if (state.tokenUsedAt && !sameRenewalAgain) {
      await endSession(tx, state.sessionId, now, 'refresh_reused'); // step 3
      return { refused: 'session_ended' };
    }
    if (!isLive(state, now)) return { refused: 'session_ended' }; // step 4

    if (!sameRenewalAgain) {
      if (!(await insertRefreshToken(tx, { hash: successorHash, sessionId: state.sessionId, now }))) {
        throw new HttpError(400, 'invalid_request', 'Requête invalide', [
          { path: 'nextRefreshToken', message: 'Ce jeton suivant a déjà servi : tirez-en un autre' },
        ]); // step 5
      }
      await markRefreshTokenUsed(tx, hash, now, successorHash);
    }
    const expiresAt = new Date(now.getTime() + settings.sessionDays * DAY_MS);
    await extendSession(tx, state.sessionId, now, expiresAt);
    await touchDevice(tx, state.deviceId, now);
    const session = { id: state.sessionId, agentId: state.agentId, deviceId: state.deviceId };
    return { tokens: { ...signedAccess(settings, session, now, expiresAt), refreshToken: successor } };
  });
  if ('refused' in outcome) throw sessionRefused(outcome.refused);
  return outcome.tokens;
}

/** Step 3's exception: this spent token names the successor the request proposes, and nobody has spent it yet. */
async function isSameRenewalAgain(
  tx: SqlExecutor,
  state: RefreshTokenState,
  request: RefreshRequest,
  successorHash: string,
): Promise<boolean> {
  if (state.tokenUsedAt === null || request.nextRefreshToken === undefined) return false;
  if (state.successorHash !== successorHash) return false;
  // Read apart from the lock: a renewal that committed while this one waited for the row wrote the successor
  // after the locking statement's snapshot (PostgreSQL re-reads only the locked row).
  return isRefreshTokenUnspent(tx, successorHash);
}

/** A new refresh token (only its hash kept) and an access token that never outlives the session. */
async function issueTokens(
  tx: SqlExecutor,
  settings: SessionSettings,
  session: SessionIds,
  now: Date,
  sessionExpiresAt: Date,
): Promise<SessionTokens> {
  const refreshToken = newToken();
  await insertRefreshToken(tx, { hash: hashToken(refreshToken), sessionId: session.id, now });
  return { ...signedAccess(settings, session, now, sessionExpiresAt), refreshToken };
}

interface SessionIds {
  id: string;
  agentId: string;
  deviceId: string;
}

/** An access token that never outlives the session, and the session's end. */
function signedAccess(
  settings: SessionSettings,
  session: SessionIds,
  now: Date,
  sessionExpiresAt: Date,
): Omit<SessionTokens, 'refreshToken'> {
  const accessExpiresAt = new Date(
    Math.min(now.getTime() + settings.accessTokenMinutes * 60_000, sessionExpiresAt.getTime()),
  );
  const accessToken = signAccessToken(
    { sessionId: session.id, agentId: session.agentId, deviceId: session.deviceId, expiresAt: accessExpiresAt },
    settings.secret,
  );
  return {
    accessToken,
    accessExpiresAt: accessExpiresAt.toISOString(),
    sessionExpiresAt: sessionExpiresAt.toISOString(),
  };
}
