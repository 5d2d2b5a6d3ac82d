import type { SqlExecutor } from '../store/database';
import { findSessionState, touchDevice } from '../store/sessions-repo';
import type { Actor } from './actor';
import { readAccessToken } from './access-tokens';
import { isLive } from './device-sessions';
import { sessionRefused } from './session-errors';

/** lastSeenAt is written again only when older than this: most calls then cost one read. */
const LAST_SEEN_PRECISION_MS = 5 * 60_000;

/**
 * The actor behind an access token, or the 401 that tells the app what to do.
 *
 * 1. The signature: a token we did not sign is 'unauthenticated'.
 * 2. Its session, device and agent, read by primary key (a token outliving
 *    its session, a revoked device, a changed role are known at once).
 * 3. A revoked device comes first ('device_revoked': wipe and log in), then
 *    an ended session ('session_ended': log in), and only then the token's
 *    own expiry ('token_expired': renew) — so the app is never sent to
 *    renew what cannot be renewed.
 * 4. The device's last contact, for the list of devices.
 */
export async function checkAccessToken(
  db: SqlExecutor,
  secret: Buffer,
  token: string,
  now: Date,
): Promise<{ actor: Actor; sessionId: string; mustChangePassword: boolean }> {
  const claims = readAccessToken(token, secret); // step 1
  if (!claims) throw sessionRefused('unauthenticated');
  const state = await findSessionState(db, claims.sessionId); // step 2
  if (!state || state.deviceId !== claims.deviceId || state.agentId !== claims.agentId) {
    throw sessionRefused('unauthenticated');
  }
  if (state.deviceRevokedAt) throw sessionRefused('device_revoked'); // step 3
  if (!isLive(state, now)) throw sessionRefused('session_ended');
  if (claims.expiresAt <= now) throw sessionRefused('token_expired');
  if (now.getTime() - state.deviceLastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    await touchDevice(db, state.deviceId, now); // step 4
  }
  return {
    actor: { agentId: state.agentId, deviceId: state.deviceId, role: state.role, platformId: state.platformId },
    sessionId: state.sessionId,
    mustChangePassword: state.mustChangePassword,
  };
}
