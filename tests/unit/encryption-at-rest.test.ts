import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldCaseloadChanges, readCaseloadPeople } from '../../src/app/db/caseload-snapshot';
import { createRecord } from '../../src/app/db/records';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { DeviceLockedError } from '../../src/app/db/crypto/encryption-middleware';
import {
  lockDevice,
  MAX_PIN_ATTEMPTS,
  protectDevice,
  startLocked,
  unlockWithPassword,
  unlockWithPin,
} from '../../src/app/db/crypto/device-lock';
import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { openAesGcm } from '../../src/app/db/crypto/legacy-sealing';
import { wrapDataKey } from '../../src/app/db/crypto/key-wrapping';
import { seal, unseal, newDataKey, SealBrokenError } from '../../src/app/db/crypto/sealing';
import { writeMeta } from '../../src/app/db/meta';
import { writeDraft } from '../../src/app/db/drafts';
import { blankYoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const SECRETS = { pin: '482915', password: 'Un-mot-de-passe-long-42' };

/** Every string IndexedDB holds for this database, read under the middleware (raw rows, as a thief would). */
async function rawText(name: string): Promise<string> {
  const open = indexedDB.open(name);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const parts: string[] = [];
  for (const store of Array.from(db.objectStoreNames)) {
    const rows = await new Promise<unknown[]>((resolve) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
    });
    parts.push(JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? '<bytes>' : value)));
  }
  db.close();
  return parts.join('\n');
}

/** The rows of one store as IndexedDB holds them, read under the middleware. */
async function rawRows(name: string, store: string): Promise<unknown[]> {
  const open = indexedDB.open(name);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const rows = await new Promise<unknown[]>((resolve) => {
    const request = db.transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result as unknown[]);
  });
  db.close();
  return rows;
}

describe('sealing', () => {
  it('opens what it sealed, and nothing with another key', () => {
    const key = newDataKey();
    const sealed = seal(key, { name: 'Hélène', notes: 'Entretien' });
    expect(unseal(key, sealed)).toEqual({ name: 'Hélène', notes: 'Entretien' });
    expect(() => unseal(newDataKey(), sealed)).toThrow(SealBrokenError);
    expect(seal(key, { a: 1 })).not.toEqual(seal(key, { a: 1 })); // a new nonce each time
  });

  it('never gives two records the same nonce, across draws of the nonce pool', () => {
    const key = newDataKey();
    const sealed = Array.from({ length: 2_500 }, (_, index) => seal(key, { index }));
    const nonces = new Set(sealed.map((bytes) => Buffer.from(bytes.subarray(1, 13)).toString('hex')));
    expect(nonces.size).toBe(2_500);
    expect(sealed.map((bytes) => unseal<{ index: number }>(key, bytes).index)).toEqual(sealed.map((_, index) => index));
  });

  it('opens a content sealed with AES-GCM by the first versions only with their opener, even one beginning with the new marker', () => {
    const key = newDataKey();
    const lookalike = sealedLikeFirstVersions(key, { name: 'Zoé' }, new Uint8Array([0xc2, ...randomBytes(11)]));
    expect(() => unseal(key, lookalike)).toThrow(SealBrokenError);
    expect(unseal(key, lookalike, openAesGcm)).toEqual({ name: 'Zoé' });
    expect(unseal(key, sealedLikeFirstVersions(key, { a: 1 }), openAesGcm)).toEqual({ a: 1 });
    expect(() => unseal(newDataKey(), lookalike, openAesGcm)).toThrow(SealBrokenError);
    expect(seal(key, { name: 'Zoé' })[0]).toBe(0xc2);
  });
});

/** A content sealed as the first versions did: AES-256-GCM, `nonce ‖ ciphertext+tag`. */
function sealedLikeFirstVersions(key: Uint8Array, content: unknown, nonce = randomBytes(12)): Uint8Array {
  const sealed = gcm(key, nonce).encrypt(new TextEncoder().encode(JSON.stringify(content)));
  return new Uint8Array([...nonce, ...sealed]);
}

describe('a device protected by the first versions (AES-GCM)', () => {
  it('is sealed anew with ChaCha20-Poly1305 at its first unlock, and reads as before', async () => {
    const db = new RaccrocheDatabase(`legacy-${crypto.randomUUID()}`);
    const key = newDataKey();
    const id = crypto.randomUUID();
    // What such a device holds: a row whose content is sealed with AES-GCM, and a keyring without the new mark.
    await db.youngPeople.put({
      id,
      status: 'a_traiter',
      referentId: AGENT,
      platformId: PLATFORM,
      serverVersion: 3,
      serverUpdatedAt: null,
      sealed: sealedLikeFirstVersions(key, { lastName: 'Zanetti', firstNames: 'Hélène' }),
    } as never);
    await writeMeta(db, 'keyring', { pin: await wrapDataKey(key, SECRETS.pin), password: null, failedAttempts: 0 });
    await startLocked(db);
    expect(await unlockWithPin(db, SECRETS.pin)).toBe('unlocked');
    expect(await db.youngPeople.get(id)).toMatchObject({ lastName: 'Zanetti', firstNames: 'Hélène', serverVersion: 3 });
    expect((await db.meta.get('keyring'))?.value).toMatchObject({ sealing: 2 });
    expect(db.encryption.legacyOpen).toBeNull();
    const stored = (await rawRows(db.name, 'youngPeople'))[0] as { sealed: Uint8Array };
    expect(stored.sealed[0]).toBe(0xc2);
    expect(unseal(key, stored.sealed)).toMatchObject({ lastName: 'Zanetti' });
    db.close();
    await Dexie.delete(db.name);
  }, 30_000);
});

describe('encryption at rest on the device', () => {
  let db: RaccrocheDatabase;
  const person = {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Zanetti',
    firstNames: 'Hélène',
    birthDate: '2009-05-05',
  };

  beforeEach(async () => {
    db = new RaccrocheDatabase(`sealed-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
    await writeMeta(db, 'session', {
      token: 'jeton-secret',
      expiresAt: '2026-12-31T00:00:00.000Z',
      agent: {
        id: AGENT,
        displayName: 'Camille',
        email: 'c@example.org',
        role: 'conseiller',
        platformId: PLATFORM,
        platformName: 'P',
      },
    });
    await createRecord(db, 'youngPerson', person); // written before the PIN is set: sealed when it is
    await protectDevice(db, SECRETS);
    await createRecord(db, 'meeting', {
      id: crypto.randomUUID(),
      youngPersonId: person.id,
      authorId: AGENT,
      kind: 'entretien',
      date: '2026-10-05',
      place: 'CIO',
      participants: '',
      notes: 'Souhaite un CAP cuisine, freins de mobilité',
      nextSteps: '',
      contractId: '',
      attendance: '',
    });
    await writeDraft(db, 'meeting:x:entretien', { notes: 'Brouillon confidentiel' });
    await foldCaseloadChanges(db); // the caseload's buckets hold the names too
  });
  afterEach(() => db.delete());

  it('keeps no name, note, draft, token or unsent change in clear in IndexedDB, nor the key', async () => {
    const raw = await rawText(db.name);
    for (const secret of ['Zanetti', 'Hélène', 'CAP cuisine', 'Brouillon confidentiel', 'jeton-secret', 'Camille']) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).toContain(person.id); // ids stay in clear, for indexes
    // The app reads everything as before.
    expect(await db.youngPeople.get(person.id)).toMatchObject({ lastName: 'Zanetti', firstNames: 'Hélène' });
    expect(await db.caseloadDirty.count()).toBe(0); // read from the buckets alone
    expect((await readCaseloadPeople(db)).people).toEqual([
      expect.objectContaining({ lastName: 'Zanetti', firstNames: 'Hélène' }),
    ]);
    expect((await db.outbox.toArray()).map((entry) => entry.payload)).toEqual(
      expect.arrayContaining([expect.objectContaining({ lastName: 'Zanetti' })]),
    );
  });

  it('refuses to read or write once locked, and opens again with the PIN — not with a wrong one', async () => {
    lockDevice(db);
    await expect(db.youngPeople.get(person.id)).rejects.toBeInstanceOf(DeviceLockedError);
    expect(await unlockWithPin(db, '000000')).toBe('wrong');
    await expect(db.youngPeople.toArray()).rejects.toBeInstanceOf(DeviceLockedError);
    expect(await unlockWithPin(db, SECRETS.pin)).toBe('unlocked');
    expect((await db.youngPeople.get(person.id))?.lastName).toBe('Zanetti');
  });

  it('opens with the password too (offline), and starts locked on a new start', async () => {
    const reopened = new RaccrocheDatabase(db.name);
    expect(await startLocked(reopened)).toBe(true);
    await expect(reopened.youngPeople.toArray()).rejects.toBeInstanceOf(DeviceLockedError);
    expect(await unlockWithPassword(reopened, 'pas le bon')).toBe(false);
    expect(await unlockWithPassword(reopened, SECRETS.password)).toBe(true);
    expect((await reopened.youngPeople.get(person.id))?.firstNames).toBe('Hélène');
    reopened.close();
  });

  it(`wipes the cases after ${MAX_PIN_ATTEMPTS} wrong PINs, keeping unsent changes and drafts sealed for the password`, async () => {
    lockDevice(db);
    for (let attempt = 1; attempt < MAX_PIN_ATTEMPTS; attempt++)
      expect(await unlockWithPin(db, '111111')).toBe('wrong');
    expect(await unlockWithPin(db, '111111')).toBe('wiped');
    expect(await unlockWithPin(db, SECRETS.pin)).toBe('wiped'); // the PIN opens nothing any more
    expect(await db.youngPeople.count()).toBe(0);
    expect(await db.meetings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(2);
    expect(await unlockWithPassword(db, SECRETS.password)).toBe(true);
    expect((await db.drafts.get('meeting:x:entretien'))?.value).toEqual({ notes: 'Brouillon confidentiel' });
    expect(
      (await db.outbox.toArray()).some(
        (entry) => entry.payload.notes === 'Souhaite un CAP cuisine, freins de mobilité',
      ),
    ).toBe(true);
  }, 30_000); // seven argon2id derivations (32 MiB, 3 passes): seconds on a busy 2-core machine
});
