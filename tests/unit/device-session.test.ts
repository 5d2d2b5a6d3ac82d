import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { storeLogin, UnsyncedDataOfAnotherUser } from '../../src/app/db/device-session';
import { readMeta } from '../../src/app/db/meta';
import type { LoginResponse } from '../../src/domain/auth-messages';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';

function login(agentId: string, deviceId: string, lastSeq = 0): LoginResponse {
  return {
    accessToken: 'access-of-' + agentId,
    accessExpiresAt: '2026-10-05T08:15:00.000Z',
    refreshToken: 'refresh-of-' + agentId,
    sessionExpiresAt: '2026-12-31T00:00:00.000Z',
    deviceId,
    lastSeq,
    agent: {
      id: agentId,
      displayName: 'X',
      email: 'x@example.org',
      role: 'conseiller',
      platformId: PLATFORM,
      platformName: 'P',
    },
  };
}

describe('a login on a device that holds data', () => {
  let db: RaccrocheDatabase;
  const alice = crypto.randomUUID();
  const bob = crypto.randomUUID();
  const device = crypto.randomUUID();

  beforeEach(async () => {
    db = new RaccrocheDatabase(`session-${crypto.randomUUID()}`);
    await storeLogin(db, login(alice, device));
    await db.youngPeople.add({ id: crypto.randomUUID(), lastName: 'Secret' } as never);
    await db.drafts.put({ key: 'meeting:x:entretien', value: { notes: 'texte confidentiel' }, savedAt: '' });
  });
  afterEach(() => db.delete());

  it('by another user removes every record and draft of the previous one', async () => {
    await storeLogin(db, login(bob, crypto.randomUUID()));
    expect(await db.youngPeople.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
    expect((await readMeta(db, 'session'))?.agent.id).toBe(bob);
  });

  it('by another user is refused while the previous one has unsent changes, and removes nothing', async () => {
    await db.outbox.add({
      seq: 1,
      mutationId: crypto.randomUUID(),
      entity: 'youngPerson',
      recordId: crypto.randomUUID(),
      caseId: '',
      op: 'update',
      baseVersion: 1,
      payload: { commune: 'Bron' },
      createdAt: '',
      state: 'pending',
    });
    await expect(storeLogin(db, login(bob, crypto.randomUUID()))).rejects.toBeInstanceOf(UnsyncedDataOfAnotherUser);
    expect(await db.youngPeople.count()).toBe(1);
    expect(await db.drafts.count()).toBe(1);
    expect((await readMeta(db, 'session'))?.agent.id).toBe(alice);
  });

  it('by the same user on the same device keeps everything and continues the numbering', async () => {
    await db.meta.put({ key: 'device', value: { id: device, agentId: alice, nextSeq: 8 } });
    await storeLogin(db, login(alice, device, 5));
    expect(await db.youngPeople.count()).toBe(1);
    expect(await db.drafts.count()).toBe(1);
    expect((await readMeta(db, 'device'))?.nextSeq).toBe(8);
  });
});
