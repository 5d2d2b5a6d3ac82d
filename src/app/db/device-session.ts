import type { LoginResponse, RefreshRequest, SessionTokens } from '../../domain/auth-messages';
import type { RaccrocheDatabase, SessionInfo } from './database';
import { readMeta, writeMeta } from './meta';
import { rememberProtection } from './protection-hint';

export class UnsyncedDataOfAnotherUser extends Error {
  constructor(readonly pending: number) {
    super(
      `Cet appareil contient ${pending} modification(s) non envoyée(s) d'un autre compte. ` +
        'Ce compte doit se reconnecter et synchroniser avant qu’un autre utilisateur ne se connecte.',
    );
  }
}

/** The device this browser registered, for the login request; undefined if none. */
export async function knownDeviceId(db: RaccrocheDatabase): Promise<string | undefined> {
  return (await readMeta(db, 'device'))?.id;
}

/**
 * Stores a successful login, in one transaction.
 *
 * 1. Another agent's data on this device: refused while it holds unsent
 *    changes (never discarded silently); otherwise removed — every record,
 *    draft and setting — so the new user never sees it.
 * 2. The device: the endpoint resumed ours (same id) or registered a new one.
 *    Mutation numbers continue after the highest the endpoint has applied;
 *    pending mutations of a replaced device are renumbered in order after it.
 * 3. The session itself.
 */
export async function storeLogin(db: RaccrocheDatabase, login: LoginResponse): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const previous = await readMeta(db, 'device');
    if (previous && previous.agentId !== login.agent.id) {
      const pending = await db.outbox.count();
      if (pending > 0) throw new UnsyncedDataOfAnotherUser(pending);
      for (const table of db.tables) await table.clear();
      forgetDataKey(db); // the previous user's key and keyring go with their data
    }
    let nextSeq = login.lastSeq + 1;
    let refusedRecordIds: string[] = [];
    if (previous?.id === login.deviceId && previous.agentId === login.agent.id) {
      nextSeq = Math.max(previous.nextSeq, nextSeq);
      refusedRecordIds = previous.refusedRecordIds ?? [];
    } else {
      const waiting = await db.outbox.orderBy('seq').toArray();
      await db.outbox.clear();
      for (const entry of waiting) await db.outbox.add({ ...entry, seq: nextSeq++ });
      refusedRecordIds = [
        ...new Set(waiting.filter((entry) => entry.state === 'rejected').map((entry) => entry.recordId)),
      ];
    }
    const device = { id: login.deviceId, agentId: login.agent.id, nextSeq };
    await writeMeta(db, 'device', refusedRecordIds.length > 0 ? { ...device, refusedRecordIds } : device);
    await writeMeta(db, 'session', {
      token: login.accessToken,
      expiresAt: login.sessionExpiresAt,
      refreshToken: login.refreshToken,
      agent: login.agent,
    });
  });
}

const RENEWAL_LOCK = 'raccroche-session-renewal';

/**
 * Renews the session's access token after the endpoint answered
 * token_expired with `expiredToken`; the new session, or undefined when it
 * cannot be renewed (the caller then asks for a login).
 *
 * A refresh token is good for one renewal only, and presenting it twice ends
 * the session (the endpoint takes it for a stolen copy), so two tabs must
 * never renew with the same one, and a renewal whose answer was lost must be
 * sent again as it was:
 * 1. one renewal at a time across the tabs (Web Locks; without them, as in
 *    tests in Node, there is only one caller);
 * 2. inside the lock, the stored session is read again: another tab that
 *    renewed meanwhile left a newer access token there, which is used as is;
 * 3. the successor of the refresh token is drawn here and stored before the
 *    call — or the one stored by an earlier attempt is taken again: if that
 *    attempt's answer was lost, the endpoint recognises the same renewal;
 * 4. the refresh token is spent and the new pair stored, the successor
 *    forgotten with the spent token.
 */
export async function renewSession(
  db: RaccrocheDatabase,
  expiredToken: string | undefined,
  refresh: (request: RefreshRequest) => Promise<SessionTokens>,
): Promise<SessionInfo | undefined> {
  const work = async () => {
    const session = await readMeta(db, 'session'); // step 2
    if (!session?.refreshToken) return undefined;
    if (session.token !== expiredToken) return session;
    const { refreshToken, nextRefreshToken = drawRefreshToken(), ...rest } = session;
    if (!session.nextRefreshToken) await writeMeta(db, 'session', { ...session, nextRefreshToken }); // step 3
    const tokens = await refresh({ refreshToken, nextRefreshToken }); // step 4
    const renewed: SessionInfo = {
      ...rest,
      token: tokens.accessToken,
      expiresAt: tokens.sessionExpiresAt,
      refreshToken: tokens.refreshToken,
    };
    await writeMeta(db, 'session', renewed);
    return renewed;
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(RENEWAL_LOCK, work) : work(); // step 1
}

/** 32 random bytes in base64url, as the endpoint draws its own (REFRESH_TOKEN_PATTERN). */
function drawRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export async function forgetSession(db: RaccrocheDatabase): Promise<void> {
  await db.meta.delete('session');
}

/**
 * Removes everything the app keeps on this device — records, drafts, unsent
 * changes, session, numbering — in one transaction. Used when the device is
 * revoked, and at logout once the user has chosen what becomes of unsent work.
 */
export async function wipeDevice(db: RaccrocheDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
  forgetDataKey(db);
}

/** The keyring is gone with the data: nothing is sealed until the next user sets a PIN. */
function forgetDataKey(db: RaccrocheDatabase): void {
  db.encryption.mode = 'off';
  db.encryption.key = null;
  rememberProtection(false);
}

/** What the device still holds that the endpoint does not: unsent and refused changes. */
export async function unsentWork(db: RaccrocheDatabase): Promise<{ pending: number; refused: number }> {
  const [pending, refused] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('rejected').count(),
  ]);
  return { pending, refused };
}
