import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { registeredApiRoutes } from '../support/server/api-routes';
import { AGENTS, FIXTURE_NOW } from '../support/server/fixture';
import { bearer, SESSION_DAYS, useTestApp, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const PUBLIC_ROUTES = ['/api/auth/login', '/api/auth/refresh', '/api/health'];

/** Every route the endpoint registered (nested parametric ones included), HEAD too: a new route is covered by itself. */
function apiRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return registeredApiRoutes(app, { withHead: true }).map((route) => {
    const [method, url] = route.split(' ') as [string, string];
    return { method, url };
  });
}

function protectedRoutes(app: FastifyInstance) {
  return apiRoutes(app).filter((route) => !PUBLIC_ROUTES.includes(route.url));
}

async function expectAllRefused(t: TestApp, headers: Record<string, string>, expected = 'unauthenticated') {
  const routes = protectedRoutes(t.app);
  expect(routes.length).toBeGreaterThanOrEqual(2);
  for (const route of routes) {
    const response = await t.inject({
      method: route.method as 'GET',
      url: route.url,
      headers,
      payload: route.method === 'POST' ? {} : undefined,
    });
    // A HEAD answer has no body: its status alone tells.
    const error = route.method === 'HEAD' ? expected : response.json().error;
    expect({ route, status: response.statusCode, error }).toEqual({ route, status: 401, error: expected });
  }
}

describe.each(backends)('authentication of /api routes on %s', (backend) => {
  const t = useTestApp(backend);

  it('finds the sync routes among the protected ones (the route list is real)', () => {
    const urls = protectedRoutes(t.app).map((route) => `${route.method} ${route.url}`);
    expect(urls).toEqual(expect.arrayContaining(['POST /api/sync/push', 'POST /api/sync/pull']));
  });

  it('leaves /api/health public', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
  });

  it('refuses every other /api route without a token', async () => {
    await expectAllRefused(t, {});
  });

  it('refuses every other /api route with an unknown, malformed or forged token', async () => {
    await expectAllRefused(t, bearer('x'.repeat(43)));
    await expectAllRefused(t, bearer('not a token'));
    await expectAllRefused(t, { authorization: 'Basic Y29uc2VpbGxlcjpzZWNyZXQ=' });

    const device = await t.login('conseiller');
    await expectAllRefused(t, bearer(device.refreshToken)); // a refresh token is no access token
    const [prefix, payload, signature] = device.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400_000 })).toString(
      'base64url',
    );
    await expectAllRefused(t, bearer(`${prefix}.${forged}.${signature}`)); // a longer life, same signature
    await expectAllRefused(t, bearer(`${prefix}.${payload}.${'A'.repeat(43)}`));
  });

  it('refuses unknown /api paths before telling whether they exist', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/agents' });
    expect(response.statusCode).toBe(401);
  });

  it('accepts a live access token, and answers token_expired once it is out of date', async () => {
    const device = await t.login('conseiller');
    expect((await t.pull(device)).statusCode).toBe(200);

    t.time.advance(15 * 60_000 - 1000);
    expect((await t.pull(device)).statusCode).toBe(200);
    t.time.advance(1000);
    await expectAllRefused(t, bearer(device.token), 'token_expired');
  });

  it('answers session_ended to the access token of a session that is over', async () => {
    const loggedOut = await t.login('conseiller');
    const expired = await t.login('coordinateur');
    const deactivated = await t.login('mlds');
    await t.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(loggedOut.token) });
    await t.db.query('UPDATE sessions SET expires_at = $2 WHERE device_id = $1', [expired.deviceId, FIXTURE_NOW]);
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [AGENTS.mlds.id]);

    await expectAllRefused(t, bearer(loggedOut.token), 'session_ended');
    await expectAllRefused(t, bearer(expired.token), 'session_ended');
    await expectAllRefused(t, bearer(deactivated.token), 'session_ended');
  });

  it('answers device_revoked to a revoked device, before anything else', async () => {
    const revoked = await t.login('conseiller');
    await t.db.query('UPDATE devices SET revoked_at = $2 WHERE id = $1', [revoked.deviceId, FIXTURE_NOW]);
    await expectAllRefused(t, bearer(revoked.token), 'device_revoked');
    t.time.advance(SESSION_DAYS * 86_400_000);
    await expectAllRefused(t, bearer(revoked.token), 'device_revoked');
  });

  it('reads the role and platform live, not from the token', async () => {
    const device = await t.login('conseiller');
    await t.db.query(`UPDATE agents SET role = 'coordinateur' WHERE id = $1`, [AGENTS.conseiller.id]);
    const { changes } = await t.pullAll(device);
    expect(changes.filter((change) => change.entity === 'youngPerson')).toHaveLength(4); // the whole platform
  });
});
