import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { renewSession, storeLogin } from '../../src/app/db/device-session';
import { readMeta } from '../../src/app/db/meta';
import { ApiFailure, createApiClient } from '../../src/app/sync/api-client';
import {
  REFRESH_TOKEN_PATTERN,
  type LoginResponse,
  type RefreshRequest,
  type SessionTokens,
} from '../../src/domain/auth-messages';

const LOGIN: LoginResponse = {
  accessToken: 'access-1',
  accessExpiresAt: '2026-10-05T08:15:00.000Z',
  refreshToken: 'refresh-1',
  sessionExpiresAt: '2026-11-04T08:00:00.000Z',
  deviceId: crypto.randomUUID(),
  lastSeq: 0,
  agent: {
    id: crypto.randomUUID(),
    displayName: 'Camille Durand',
    email: 'c@example.org',
    role: 'conseiller',
    platformId: crypto.randomUUID(),
    platformName: 'PSAD',
  },
};

const PAIR_2: SessionTokens = {
  accessToken: 'access-2',
  accessExpiresAt: '2026-10-05T08:30:00.000Z',
  refreshToken: 'refresh-2',
  sessionExpiresAt: '2026-11-04T08:15:00.000Z',
};

describe('renewing the session on the device', () => {
  let db: RaccrocheDatabase;
  beforeEach(async () => {
    db = new RaccrocheDatabase(`renewal-${crypto.randomUUID()}`);
    await storeLogin(db, LOGIN);
  });
  afterEach(() => db.delete());

  it('keeps the access token, the session end and the refresh token at login', async () => {
    expect(await readMeta(db, 'session')).toEqual({
      token: 'access-1',
      expiresAt: LOGIN.sessionExpiresAt,
      refreshToken: 'refresh-1',
      agent: LOGIN.agent,
    });
  });

  it('spends the refresh token once, with a successor drawn here, and stores the new pair', async () => {
    const refresh = vi.fn(async (request: RefreshRequest) => ({ ...PAIR_2, refreshToken: request.nextRefreshToken! }));
    const renewed = await renewSession(db, 'access-1', refresh);
    expect(refresh).toHaveBeenCalledTimes(1);
    const [{ refreshToken, nextRefreshToken }] = refresh.mock.calls[0]!;
    expect(refreshToken).toBe('refresh-1');
    expect(nextRefreshToken).toMatch(REFRESH_TOKEN_PATTERN);
    expect(renewed).toMatchObject({
      token: 'access-2',
      refreshToken: nextRefreshToken,
      expiresAt: PAIR_2.sessionExpiresAt,
    });
    expect(await readMeta(db, 'session')).toEqual(renewed);
    expect(renewed).not.toHaveProperty('nextRefreshToken');
  });

  it('sends a renewal whose answer was lost again as it was, then forgets the successor with the spent token', async () => {
    const sent: RefreshRequest[] = [];
    const lost = async (request: RefreshRequest): Promise<SessionTokens> => {
      sent.push(request);
      throw new ApiFailure('offline', 'Réseau indisponible');
    };
    expect(await renewSession(db, 'access-1', lost).catch(() => 'failed')).toBe('failed');
    expect(await renewSession(db, 'access-1', lost).catch(() => 'failed')).toBe('failed');
    expect((await readMeta(db, 'session'))?.refreshToken).toBe('refresh-1');

    const renewed = await renewSession(db, 'access-1', async (request) => {
      sent.push(request);
      return { ...PAIR_2, refreshToken: request.nextRefreshToken! };
    });
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((request) => JSON.stringify(request))).size).toBe(1); // the same renewal each time
    expect(renewed?.refreshToken).toBe(sent[0]!.nextRefreshToken);

    const refresh = vi.fn(async (request: RefreshRequest) => ({
      ...PAIR_2,
      accessToken: 'access-3',
      refreshToken: request.nextRefreshToken!,
    }));
    await renewSession(db, 'access-2', refresh);
    const [next] = refresh.mock.calls[0]!;
    expect(next.refreshToken).toBe(sent[0]!.nextRefreshToken);
    expect(next.nextRefreshToken).not.toBe(sent[0]!.nextRefreshToken); // a fresh draw for the next renewal
  });

  it('uses the token another tab renewed meanwhile instead of spending the same refresh token again', async () => {
    await renewSession(db, 'access-1', async () => PAIR_2);
    const refresh = vi.fn(async () => PAIR_2);
    const renewed = await renewSession(db, 'access-1', refresh); // this tab still held access-1
    expect(refresh).not.toHaveBeenCalled();
    expect(renewed?.token).toBe('access-2');
  });
});

describe('the API client and an access token out of date', () => {
  const expired = () =>
    new Response(JSON.stringify({ error: 'token_expired', message: 'Jeton d’accès expiré' }), { status: 401 });
  const ok = () => new Response(JSON.stringify({ ok: true }), { status: 200 });

  it('renews once and calls again with the new token', async () => {
    let token = 'old';
    const sent: string[] = [];
    const client = createApiClient({
      token: () => token,
      renew: async (expiredToken) => {
        expect(expiredToken).toBe('old');
        token = 'new';
        return true;
      },
      fetch: async (_input, init) => {
        const authorization = (init?.headers as Record<string, string>).authorization ?? '';
        sent.push(authorization);
        return authorization === 'Bearer new' ? ok() : expired();
      },
    });
    expect(await client.get('/api/directory', z.object({ ok: z.boolean() }))).toEqual({ ok: true });
    expect(sent).toEqual(['Bearer old', 'Bearer new']);
  });

  it('gives up with the 401 when the session cannot be renewed, and never renews other refusals', async () => {
    const renew = vi.fn(async () => false);
    const client = createApiClient({ token: () => 't', renew, fetch: async () => expired() });
    await expect(client.get('/api/directory', z.unknown())).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(renew).toHaveBeenCalledTimes(1);

    const ended = new Response(JSON.stringify({ error: 'session_ended', message: 'Session terminée' }), {
      status: 401,
    });
    const other = createApiClient({ token: () => 't', renew, fetch: async () => ended });
    await expect(other.get('/api/directory', z.unknown())).rejects.toBeInstanceOf(ApiFailure);
    expect(renew).toHaveBeenCalledTimes(1);
  });
});
