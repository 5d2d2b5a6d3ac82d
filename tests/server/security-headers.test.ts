import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppOptions } from '../../src/server/http/app';
import { AGENTS, FIXTURE_PASSWORD } from '../support/server/fixture';
import { bearer, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const EXPECTED = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
    "form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function expectSecurityHeaders(response: LightMyRequestResponse) {
  expect(response.headers).toMatchObject(EXPECTED);
  const permissions = String(response.headers['permissions-policy']);
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) {
    expect(permissions).toContain(feature);
  }
  expect(response.headers['strict-transport-security']).toBeUndefined();
  expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
}

describe.each(backends)('security headers on %s', (backend) => {
  const t = useTestApp(backend);
  const distDir = mkdtempSync(join(tmpdir(), 'raccroche-dist-'));
  const apps: FastifyInstance[] = [];

  beforeAll(() => {
    mkdirSync(join(distDir, 'assets'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Raccroche</title>');
    writeFileSync(join(distDir, 'assets', 'index-abc.js'), 'export {};');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  /** Another endpoint on the test's database, with other options. */
  async function endpoint(options: Partial<AppOptions>): Promise<FastifyInstance> {
    const app = await buildApp({
      db: t.db,
      clock: t.time.clock,
      sessionDays: 30,
      sessionSecret: randomBytes(32),
      ...options,
    });
    apps.push(app);
    return app;
  }

  it('are on every API answer: success, refusal, validation error, unknown route, too large', async () => {
    const device = await t.login('conseiller');
    const answers = [
      await t.inject({ method: 'GET', url: '/api/health' }),
      await t.inject({ method: 'GET', url: '/api/directory', headers: bearer(device.token) }),
      await t.inject({ method: 'GET', url: '/api/directory' }),
      await t.inject({ method: 'POST', url: '/api/auth/login', payload: {} }),
      await t.inject({ method: 'GET', url: '/api/nothing-here', headers: bearer(device.token) }),
      await t.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'x'.repeat(1024 * 1024) }),
      }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 401, 400, 404, 413]);
    for (const answer of answers) {
      expectSecurityHeaders(answer);
      expect(answer.headers['cache-control']).toBe('no-store'); // tokens and personal data: never cached
    }
  });

  it('are on the app itself: entry page, assets and client-side routes', async () => {
    const app = await endpoint({ distDir });
    for (const url of ['/', '/assets/index-abc.js', '/jeunes/123']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expectSecurityHeaders(response);
      expect(response.headers['cache-control']).not.toBe('no-store');
    }
  });

  it('add HSTS only to a request that came over TLS through a trusted proxy', async () => {
    const direct = await t.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(direct.headers['strict-transport-security']).toBeUndefined(); // anyone can write that header

    const behindProxy = await endpoint({ trustProxy: true });
    const tls = await behindProxy.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    const plain = await behindProxy.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('read the client address from X-Forwarded-For only behind a trusted proxy (login throttling)', async () => {
    const behindProxy = await endpoint({ trustProxy: true });
    const attempt = (app: FastifyInstance | typeof t, forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { email: `x${forwardedFor}@test.example`, password: 'faux', deviceName: 'PC' },
      });
    await attempt(behindProxy, '192.0.2.77');
    await attempt(t, '192.0.2.78');
    const keys = await t.db.query<{ key: string }>(`SELECT key FROM login_attempts WHERE key LIKE 'address:%'`);
    expect(keys.map((row) => row.key).sort()).toEqual(['address:127.0.0.1', 'address:192.0.2.77']);
  });

  it('leave CORS closed: a preflight or a request from another origin gets no access-control header', async () => {
    const preflight = await t.inject({
      method: 'OPTIONS',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    const crossOrigin = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: AGENTS.conseiller.email, password: FIXTURE_PASSWORD, deviceName: 'PC' },
    });
    for (const response of [preflight, crossOrigin]) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });
});
