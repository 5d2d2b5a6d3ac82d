import type { Keyring, RaccrocheDatabase } from '../database';
import { readMeta, writeMeta } from '../meta';
import { CLEAR_FIELDS, SEALED_META_KEYS } from './encryption-middleware';
import { loadFastChaChaPoly } from './chacha-poly';
import { unwrapDataKey, wrapDataKey } from './key-wrapping';
import { newDataKey } from './sealing';

/** Wrong PINs in a row before the device's copy of the cases is wiped. */
export const MAX_PIN_ATTEMPTS = 5;
/** A PIN is at least 6 digits. */
export const PIN_PATTERN = /^\d{6,12}$/;

export type UnlockOutcome = 'unlocked' | 'wrong' | 'wiped';

export function readKeyring(db: RaccrocheDatabase): Promise<Keyring | undefined> {
  return readMeta(db, 'keyring');
}

/** At start: a device with a keyring opens locked; without one (before the PIN is set), nothing is sealed yet. */
export async function startLocked(db: RaccrocheDatabase): Promise<boolean> {
  const keyring = await readKeyring(db);
  if (keyring && db.encryption.mode !== 'unlocked') {
    db.encryption.mode = 'locked';
    db.encryption.key = null;
    return true;
  }
  return false;
}

/** Forgets the data key: nothing sealed can be read until the next unlock. */
export function lockDevice(db: RaccrocheDatabase): void {
  if (db.encryption.mode === 'off') return;
  db.encryption.mode = 'locked';
  db.encryption.key = null;
}

function useKey(db: RaccrocheDatabase, key: Uint8Array): void {
  db.encryption.key = key;
  db.encryption.mode = 'unlocked';
}

/** Every table whose rows hold sealed content. */
function sealedTables(db: RaccrocheDatabase) {
  return db.tables.filter((table) => table.name in CLEAR_FIELDS);
}

/**
 * Protects the device's data after login, with a PIN (and the password, for
 * recovery after too many wrong PINs).
 * 1. A new random data key, wrapped by each secret (key-wrapping.ts); only
 *    the wrapped copies are stored.
 * 2. Every record, draft, unsent change and the session already on the
 *    device are written again, now sealed, in one transaction with the
 *    keyring: the device is never half protected.
 */
export async function protectDevice(db: RaccrocheDatabase, secrets: { pin: string; password: string }): Promise<void> {
  const key = newDataKey();
  const [pin, password] = await Promise.all([
    wrapDataKey(key, secrets.pin),
    wrapDataKey(key, secrets.password),
    loadFastChaChaPoly(), // while argon2id runs: the first records are sealed with libsodium
  ]);
  const tables = sealedTables(db);
  const existing = await Promise.all(tables.map((table) => table.toArray()));
  const meta = (await db.meta.toArray()).filter((entry) => SEALED_META_KEYS.has(entry.key));
  useKey(db, key);
  await db.transaction('rw', [...tables, db.meta], async () => {
    for (const [index, table] of tables.entries()) await table.bulkPut(existing[index] ?? []);
    await db.meta.bulkPut(meta);
    await writeMeta(db, 'keyring', { sealing: 2, pin, password, failedAttempts: 0 });
  });
}

/**
 * A device protected by the first versions (records sealed with AES-GCM) is
 * sealed anew with ChaCha20-Poly1305 at its first unlock, in one transaction
 * with its keyring's mark: the AES-GCM opener is loaded for that once only.
 */
async function upgradeSealing(db: RaccrocheDatabase): Promise<void> {
  if ((await readKeyring(db))?.sealing === 2) return;
  const { openAesGcm } = await import('./legacy-sealing');
  db.encryption.legacyOpen = openAesGcm;
  try {
    const tables = sealedTables(db);
    const existing = await Promise.all(tables.map((table) => table.toArray()));
    const meta = (await db.meta.toArray()).filter((entry) => SEALED_META_KEYS.has(entry.key));
    await db.transaction('rw', [...tables, db.meta], async () => {
      for (const [index, table] of tables.entries()) await table.bulkPut(existing[index] ?? []);
      await db.meta.bulkPut(meta);
      const keyring = await readKeyring(db);
      if (keyring) await writeMeta(db, 'keyring', { ...keyring, sealing: 2 });
    });
  } finally {
    db.encryption.legacyOpen = null;
  }
}

/** Rewraps the data key for a new PIN or a new password (the data is not re-sealed: the key stays). */
export async function changeSecret(db: RaccrocheDatabase, which: 'pin' | 'password', secret: string): Promise<void> {
  const keyring = await readKeyring(db);
  if (!keyring || !db.encryption.key) throw new Error('Appareil verrouillé');
  const wrapped = await wrapDataKey(db.encryption.key, secret);
  await writeMeta(db, 'keyring', { ...keyring, [which]: wrapped });
}

/**
 * Unlocks with the PIN. A wrong PIN counts; the MAX_PIN_ATTEMPTS-th in a row
 * wipes the device's copy (see wipeAfterWrongPins) and answers 'wiped'.
 */
export async function unlockWithPin(db: RaccrocheDatabase, pin: string): Promise<UnlockOutcome> {
  const keyring = await readKeyring(db);
  if (!keyring?.pin) return 'wiped';
  const [key] = await Promise.all([unwrapDataKey(keyring.pin, pin), loadFastChaChaPoly()]);
  if (key) {
    useKey(db, key);
    await upgradeSealing(db);
    const current = (await readKeyring(db)) ?? keyring;
    if (current.failedAttempts > 0) await writeMeta(db, 'keyring', { ...current, failedAttempts: 0 });
    return 'unlocked';
  }
  const failedAttempts = keyring.failedAttempts + 1;
  if (failedAttempts >= MAX_PIN_ATTEMPTS) {
    await wipeAfterWrongPins(db);
    return 'wiped';
  }
  await writeMeta(db, 'keyring', { ...keyring, failedAttempts });
  return 'wrong';
}

/** Unlocks with the password (it wraps the same data key): works offline, and after the PIN was wiped. */
export async function unlockWithPassword(db: RaccrocheDatabase, password: string): Promise<boolean> {
  const keyring = await readKeyring(db);
  const [key] = await Promise.all([
    keyring?.password ? unwrapDataKey(keyring.password, password) : null,
    loadFastChaChaPoly(),
  ]);
  if (!key || !keyring) return false;
  useKey(db, key);
  await upgradeSealing(db);
  await writeMeta(db, 'keyring', { ...((await readKeyring(db)) ?? keyring), failedAttempts: 0 });
  return true;
}

/**
 * Too many wrong PINs: someone is guessing. In one transaction:
 * 1. the PIN's wrapping of the key goes — the PIN opens nothing any more;
 * 2. every case record, the session and the directory go: the user loses
 *    nothing by it, they are on the endpoint and come back at the next sync
 *    (the pull starts over);
 * 3. what is NOT on the endpoint stays, sealed: unsent changes and drafts.
 *    The password's wrapping stays too, so the user logging in again with
 *    their password (online) opens them, and they are sent.
 */
export async function wipeAfterWrongPins(db: RaccrocheDatabase): Promise<void> {
  const keep = new Set(['outbox', 'drafts', 'meta', 'solutions']);
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) if (!keep.has(table.name)) await table.clear();
    for (const key of ['session', 'directory', 'cursor', 'lastSyncAt'] as const) await db.meta.delete(key);
    const keyring = await readKeyring(db);
    if (keyring) await writeMeta(db, 'keyring', { ...keyring, pin: null, failedAttempts: 0 });
  });
  lockDevice(db);
}
