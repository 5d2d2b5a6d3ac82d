import type { LoginResponse } from '../../domain/auth-messages';
import type { RaccrocheDatabase } from './database';
import { readMeta, writeMeta } from './meta';

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
    }
    let nextSeq = login.lastSeq + 1;
    if (previous?.id === login.deviceId && previous.agentId === login.agent.id) {
      nextSeq = Math.max(previous.nextSeq, nextSeq);
    } else {
      const waiting = await db.outbox.orderBy('seq').toArray();
      await db.outbox.clear();
      for (const entry of waiting) await db.outbox.add({ ...entry, seq: nextSeq++ });
    }
    await writeMeta(db, 'device', { id: login.deviceId, agentId: login.agent.id, nextSeq });
    await writeMeta(db, 'session', { token: login.token, expiresAt: login.expiresAt, agent: login.agent });
  });
}

export async function forgetSession(db: RaccrocheDatabase): Promise<void> {
  await db.meta.delete('session');
}
