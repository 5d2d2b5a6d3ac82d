import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AGENTS } from '../support/server/fixture';
import { bearer, SESSION_DAYS, useTestApp, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const PUBLIC_ROUTES = ['/api/auth/login', '/api/health'];

/** Every route the endpoint registered, read from Fastify itself so a new route is covered without editing this test. */
function registeredApiRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /(\/\S*) \(([A-Z, ]+)\)/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    for (const method of match[2].split(', ')) routes.push({ method, url: match[1] });
  }
  return routes.filter((route) => route.url.startsWith('/api/'));
}

function protectedRoutes(app: FastifyInstance) {
  return registeredApiRoutes(app).filter((route) => !PUBLIC_ROUTES.includes(route.url));
}

async function expectAllRefused(t: TestApp, headers: Record<string, string>) {
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
    const error = route.method === 'HEAD' ? 'unauthenticated' : response.json().error;
    expect({ route, status: response.statusCode, error }).toEqual({ route, status: 401, error: 'unauthenticated' });
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

  it('refuses every other /api route with an unknown or malformed token', async () => {
    await expectAllRefused(t, bearer('x'.repeat(43)));
    await expectAllRefused(t, bearer('not a token'));
    await expectAllRefused(t, { authorization: 'Basic Y29uc2VpbGxlcjpzZWNyZXQ=' });
  });

  it('refuses unknown /api paths before telling whether they exist', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/agents' });
    expect(response.statusCode).toBe(401);
  });

  it('accepts a live session, and refuses it once expired', async () => {
    const device = await t.login('conseiller');
    expect((await t.pull(device)).statusCode).toBe(200);

    t.time.advance(SESSION_DAYS * 86_400_000 - 1000);
    expect((await t.pull(device)).statusCode).toBe(200);
    t.time.advance(2000);
    await expectAllRefused(t, bearer(device.token));
  });

  it('refuses the session of a revoked device or a deactivated agent', async () => {
    const revoked = await t.login('conseiller');
    const deactivated = await t.login('mlds');
    await t.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [revoked.deviceId]);
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [AGENTS.mlds.id]);

    await expectAllRefused(t, bearer(revoked.token));
    await expectAllRefused(t, bearer(deactivated.token));
  });
});
