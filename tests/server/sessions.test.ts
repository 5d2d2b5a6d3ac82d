import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, refreshResponseSchema, type RefreshResponse } from '../../src/domain/auth-messages';
import { loadSessionSecret } from '../../src/server/auth/session-secret';
import { loadConfig } from '../../src/server/config';
import { FIXTURE_NOW, FIXTURE_PASSWORD, PEOPLE } from '../support/server/fixture';
import { bearer, SESSION_DAYS, useTestApp, type Device, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const MINUTE = 60_000;
const DAY = 86_400_000;

function refresh(t: TestApp, refreshToken: string, nextRefreshToken?: string) {
  return t.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken, nextRefreshToken } });
}

async function refreshOk(t: TestApp, refreshToken: string, nextRefreshToken?: string): Promise<RefreshResponse> {
  const response = await refresh(t, refreshToken, nextRefreshToken);
  if (response.statusCode !== 200) throw new Error(`refresh failed: ${response.statusCode} ${response.body}`);
  return refreshResponseSchema.parse(response.json());
}

/** The device with the renewed pair, as the app keeps it. */
function renewed(device: Device, pair: RefreshResponse): Device {
  return { ...device, token: pair.accessToken, refreshToken: pair.refreshToken };
}

/** Why the device's session ended (undefined while it lives). */
async function endReasonOf(t: TestApp, deviceId: string): Promise<string | undefined> {
  const [session] = await t.db.query<{ reason: string | null }>(
    'SELECT end_reason AS reason FROM sessions WHERE device_id = $1',
    [deviceId],
  );
  return session?.reason ?? undefined;
}

async function expectRefused(response: { statusCode: number; json(): unknown }, error: string) {
  expect(response.statusCode).toBe(401);
  expect(apiErrorSchema.parse(response.json()).error).toBe(error);
}

describe.each(backends)('device sessions: access and refresh tokens on %s', (backend) => {
  const t = useTestApp(backend);

  it('renews an expired access token with the refresh token: a new pair, the session pushed back', async () => {
    const device = await t.login('conseiller');
    t.time.advance(15 * MINUTE);
    await expectRefused(await t.pull(device), 'token_expired');

    const pair = await refreshOk(t, device.refreshToken);
    expect(pair.accessToken).not.toBe(device.token);
    expect(pair.refreshToken).not.toBe(device.refreshToken);
    const now = t.time.clock().getTime();
    expect(new Date(pair.accessExpiresAt).getTime()).toBe(now + 15 * MINUTE);
    expect(new Date(pair.sessionExpiresAt).getTime()).toBe(now + SESSION_DAYS * DAY);
    expect((await t.pull(renewed(device, pair))).statusCode).toBe(200);
  });

  it('refuses a refresh token used once already', async () => {
    const device = await t.login('conseiller');
    await refreshOk(t, device.refreshToken);
    await expectRefused(await refresh(t, device.refreshToken), 'session_ended');
  });

  it('ends the whole session when a used refresh token comes back: the newer tokens are refused too', async () => {
    const device = await t.login('conseiller');
    const stolen = device.refreshToken;
    const legitimate = renewed(device, await refreshOk(t, device.refreshToken)); // the device renews first
    await expectRefused(await refresh(t, stolen), 'session_ended'); // the thief's copy shows up

    await expectRefused(await refresh(t, legitimate.refreshToken), 'session_ended');
    await expectRefused(await t.pull(legitimate), 'session_ended');
    expect(await endReasonOf(t, device.deviceId)).toBe('refresh_reused');
  });

  it('lets only one of two simultaneous renewals with the same token through, and ends the session', async () => {
    const device = await t.login('conseiller');
    const answers = await Promise.all([refresh(t, device.refreshToken), refresh(t, device.refreshToken)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401]);
    const winner = refreshResponseSchema.parse(answers.find((answer) => answer.statusCode === 200)!.json());
    await expectRefused(await refresh(t, winner.refreshToken), 'session_ended');
  });

  it('keeps a session renewed within SESSION_DAYS alive for ever (sliding), and ends it after SESSION_DAYS without renewal', async () => {
    let device = await t.login('conseiller');
    for (let renewal = 0; renewal < 3; renewal++) {
      t.time.advance(SESSION_DAYS * DAY - MINUTE); // offline for almost the whole validity
      device = renewed(device, await refreshOk(t, device.refreshToken));
    }
    expect(t.time.clock().getTime() - FIXTURE_NOW.getTime()).toBeGreaterThan(SESSION_DAYS * 2 * DAY);
    expect((await t.pull(device)).statusCode).toBe(200);

    t.time.advance(SESSION_DAYS * DAY);
    await expectRefused(await refresh(t, device.refreshToken), 'session_ended');
    await expectRefused(await t.pull(device), 'session_ended');
  });

  it('never gives an access token that outlives its session', async () => {
    const device = await t.login('conseiller');
    t.time.advance(SESSION_DAYS * DAY - 5 * MINUTE);
    await t.db.query('UPDATE sessions SET expires_at = $2 WHERE device_id = $1', [
      device.deviceId,
      new Date(t.time.clock().getTime() + 5 * MINUTE),
    ]);
    const pair = await refreshOk(t, device.refreshToken);
    expect(new Date(pair.accessExpiresAt).getTime()).toBeLessThanOrEqual(new Date(pair.sessionExpiresAt).getTime());
  });

  it('refuses an unknown refresh token and answers 400 to a malformed request', async () => {
    await expectRefused(await refresh(t, 'x'.repeat(43)), 'session_ended');
    const malformed = await t.inject({ method: 'POST', url: '/api/auth/refresh', payload: {} });
    expect(malformed.statusCode).toBe(400);
    expect(apiErrorSchema.parse(malformed.json()).issues?.map((issue) => issue.path)).toEqual(['refreshToken']);
  });

  it('ends the session at logout: its access and refresh tokens are refused, the device stays', async () => {
    const device = await t.login('conseiller');
    const logout = await t.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(device.token) });
    expect(logout.statusCode).toBe(204);
    await expectRefused(await t.pull(device), 'session_ended');
    await expectRefused(await refresh(t, device.refreshToken), 'session_ended');
    expect((await t.counts()).devices).toBe(1);
  });

  it('keeps sessions across an endpoint restart (the key stays, nothing is held in memory)', async () => {
    const device = await t.login('conseiller');
    await t.restartEndpoint();
    expect((await t.pull(device)).statusCode).toBe(200);
    expect((await refresh(t, device.refreshToken)).statusCode).toBe(200);
  });

  it('forgets the refresh tokens of sessions that are over at the next login of the agent', async () => {
    const first = await t.login('conseiller');
    await refreshOk(t, first.refreshToken);
    await t.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(first.token) });
    expect((await t.db.query('SELECT 1 FROM refresh_tokens')).length).toBe(2);
    await t.login('conseiller');
    expect((await t.db.query('SELECT 1 FROM refresh_tokens')).length).toBe(1); // the new session's only
  });

  describe('a renewal whose answer is lost', () => {
    /** The successor the device draws and keeps before it renews (as renewSession does). */
    const drawn = () => randomBytes(32).toString('base64url');

    it('is answered again when sent again as it was, and the successor then renews as usual', async () => {
      const device = await t.login('conseiller');
      const next = drawn();
      expect((await refreshOk(t, device.refreshToken, next)).refreshToken).toBe(next); // this answer is lost
      t.time.advance(MINUTE);
      const again = await refreshOk(t, device.refreshToken, next);
      expect(again.refreshToken).toBe(next);
      expect((await t.pull(renewed(device, again))).statusCode).toBe(200);

      const third = await refreshOk(t, next, drawn());
      expect((await t.pull(renewed(device, third))).statusCode).toBe(200);
      // Once the successor is spent, the first token is a copy: the session ends.
      await expectRefused(await refresh(t, device.refreshToken, next), 'session_ended');
      await expectRefused(await t.pull(renewed(device, third)), 'session_ended');
    });

    it('ends the session when the spent token comes back with another successor', async () => {
      const device = await t.login('conseiller');
      const next = drawn();
      await refreshOk(t, device.refreshToken, next);
      await expectRefused(await refresh(t, device.refreshToken, drawn()), 'session_ended'); // a copy's own draw
      await expectRefused(await refresh(t, next, drawn()), 'session_ended');
      expect(await endReasonOf(t, device.deviceId)).toBe('refresh_reused');
    });

    it('lets a retry racing the original through: both answers carry the same successor', async () => {
      const device = await t.login('conseiller');
      const next = drawn();
      const answers = await Promise.all([refresh(t, device.refreshToken, next), refresh(t, device.refreshToken, next)]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
      expect(answers.map((answer) => refreshResponseSchema.parse(answer.json()).refreshToken)).toEqual([next, next]);
      expect((await t.db.query('SELECT 1 FROM refresh_tokens WHERE used_at IS NULL')).length).toBe(1);
      expect((await refreshOk(t, next, drawn())).refreshToken).not.toBe(next);
    });

    it('refuses a successor that is malformed or already held, and spends nothing', async () => {
      const device = await t.login('conseiller');
      const other = await t.login('coordinateur');
      for (const [successor, status] of [
        ['court', 400],
        [other.refreshToken, 400],
        [device.refreshToken, 400],
      ] as const) {
        const answer = await refresh(t, device.refreshToken, successor);
        expect(answer.statusCode).toBe(status);
        expect(apiErrorSchema.parse(answer.json()).issues?.map((issue) => issue.path)).toEqual(['nextRefreshToken']);
      }
      for (const held of [device, other]) {
        const next = drawn();
        expect((await refreshOk(t, held.refreshToken, next)).refreshToken).toBe(next);
      }
    });
  });

  describe('a revoked device', () => {
    async function revokedTablet() {
      const device = await t.login('conseiller');
      await t.pushOk(device, [t.nextCreate(device, { ...PEOPLE.alice, id: crypto.randomUUID() })]);
      const revoke = await t.inject({
        method: 'POST',
        url: `/api/devices/${device.deviceId}/revoke`,
        headers: bearer(device.token),
        payload: {},
      });
      expect(revoke.statusCode).toBe(204);
      return device;
    }

    it('gets device_revoked on push, pull and refresh', async () => {
      const device = await revokedTablet();
      await expectRefused(
        await t.push(device, [t.nextCreate(device, { ...PEOPLE.alice, id: crypto.randomUUID() })]),
        'device_revoked',
      );
      await expectRefused(await t.pull(device), 'device_revoked');
      await expectRefused(await refresh(t, device.refreshToken), 'device_revoked');
    });

    it('gets device_revoked even once its access token has expired', async () => {
      const device = await revokedTablet();
      t.time.advance(60 * MINUTE);
      await expectRefused(await t.pull(device), 'device_revoked');
    });

    it('is not resumed by a new login: the agent gets a new device', async () => {
      const device = await revokedTablet();
      const again = await t.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: {
          email: device.agent.email,
          password: FIXTURE_PASSWORD,
          deviceName: 'Tablette',
          deviceId: device.deviceId,
        },
      });
      expect(again.statusCode).toBe(200);
      expect((again.json() as { deviceId: string }).deviceId).not.toBe(device.deviceId);
    });
  });
});

describe('the key that signs access tokens', () => {
  const folders: string[] = [];
  const folder = () => {
    folders.push(mkdtempSync(join(tmpdir(), 'raccroche-secret-')));
    return folders.at(-1)!;
  };
  afterAll(() => {
    for (const created of folders) rmSync(created, { recursive: true, force: true });
  });

  it('is generated on first start in DATA_DIR/session-secret, readable by the endpoint only, then reused', () => {
    const dataDir = join(folder(), 'data');
    const first = loadSessionSecret({ dataDir });
    expect(first.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    expect(statSync(join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(loadSessionSecret({ dataDir })).toEqual(first);
    expect(loadSessionSecret({ dataDir: join(folder(), 'data') })).not.toEqual(first);
  });

  it('is SESSION_SECRET when set, and nothing is written', () => {
    const dataDir = folder();
    const secret = 'x'.repeat(40);
    expect(loadSessionSecret({ sessionSecret: secret, dataDir })).toEqual(Buffer.from(secret));
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a damaged secret file rather than sign with it', () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'session-secret'), 'court\n');
    expect(() => loadSessionSecret({ dataDir })).toThrow(/no usable secret/);
  });

  it('comes with the other session settings from the environment', () => {
    expect(loadConfig({})).toMatchObject({
      sessionDays: 30,
      accessTokenMinutes: 15,
      sessionSecret: undefined,
      trustProxy: false,
    });
    expect(loadConfig({ ACCESS_TOKEN_MINUTES: '5', TRUST_PROXY: '10.0.0.1,10.0.0.2' })).toMatchObject({
      accessTokenMinutes: 5,
      trustProxy: '10.0.0.1,10.0.0.2',
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ SESSION_SECRET: 'trop court' })).toThrow(/SESSION_SECRET/);
  });
});
