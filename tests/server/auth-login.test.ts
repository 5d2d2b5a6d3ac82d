import { describe, expect, it } from 'vitest';
import { apiErrorSchema, loginResponseSchema } from '../../src/domain/auth-messages';
import { AGENTS, FIXTURE_NOW, FIXTURE_PASSWORD, PLATFORM } from '../support/server/fixture';
import { SESSION_DAYS, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

describe.each(backends)('POST /api/auth/login on %s', (backend) => {
  const t = useTestApp(backend);
  const login = (payload: unknown) => t.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });

  it('answers a pair of tokens, a new device id and the agent (without its password hash) for good credentials', async () => {
    const response = await login({
      email: AGENTS.conseiller.email,
      password: FIXTURE_PASSWORD,
      deviceName: 'Tablette CIO',
    });

    expect(response.statusCode).toBe(200);
    const raw = response.json() as Record<string, unknown>;
    const body = loginResponseSchema.parse(raw);
    expect(body.accessToken).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(body.agent).toEqual({
      id: AGENTS.conseiller.id,
      displayName: AGENTS.conseiller.displayName,
      email: AGENTS.conseiller.email,
      role: 'conseiller',
      platformId: PLATFORM.id,
      platformName: PLATFORM.name,
      mustChangePassword: false,
    });
    expect(Object.keys(raw.agent as object).sort()).toEqual([
      'displayName',
      'email',
      'id',
      'mustChangePassword',
      'platformId',
      'platformName',
      'role',
    ]);
    expect(response.body).not.toContain('argon2');
    expect(new Date(body.accessExpiresAt).getTime()).toBe(FIXTURE_NOW.getTime() + 15 * 60_000);
    expect(new Date(body.sessionExpiresAt).getTime()).toBe(FIXTURE_NOW.getTime() + SESSION_DAYS * 86_400_000);
    expect(body.lastSeq).toBe(0);

    const devices = await t.db.query<{ agentId: string; name: string }>(
      'SELECT agent_id AS "agentId", name FROM devices WHERE id = $1',
      [body.deviceId],
    );
    expect(devices).toEqual([{ agentId: AGENTS.conseiller.id, name: 'Tablette CIO' }]);
    const sessions = await t.db.query<{ agentId: string }>(
      'SELECT agent_id AS "agentId" FROM sessions WHERE device_id = $1',
      [body.deviceId],
    );
    expect(sessions).toEqual([{ agentId: AGENTS.conseiller.id }]);
    const stored = await t.db.query<{ tokenHash: string }>('SELECT token_hash AS "tokenHash" FROM refresh_tokens');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(body.refreshToken); // only a hash of the refresh token is stored
    expect(JSON.stringify(await t.db.query('SELECT * FROM sessions'))).not.toContain(body.accessToken);
  });

  it('gives each login its own device and tokens', async () => {
    const first = await t.login('mlds');
    const second = await t.login('mlds');
    expect(second.deviceId).not.toBe(first.deviceId);
    expect(second.token).not.toBe(first.token);
    expect(second.refreshToken).not.toBe(first.refreshToken);
  });

  it("resumes the device the browser names when it is the same agent's, with its last applied number", async () => {
    const first = await t.login('conseiller');
    await t.db.query('UPDATE devices SET last_seq = 7 WHERE id = $1', [first.deviceId]);
    const again = await login({
      email: AGENTS.conseiller.email,
      password: FIXTURE_PASSWORD,
      deviceName: 'Autre nom',
      deviceId: first.deviceId,
    });
    expect(loginResponseSchema.parse(again.json())).toMatchObject({ deviceId: first.deviceId, lastSeq: 7 });

    const otherAgent = await login({
      email: AGENTS.mlds.email,
      password: FIXTURE_PASSWORD,
      deviceName: 'PC',
      deviceId: first.deviceId,
    });
    expect(loginResponseSchema.parse(otherAgent.json())).toMatchObject({ lastSeq: 0 });
    expect(loginResponseSchema.parse(otherAgent.json()).deviceId).not.toBe(first.deviceId);
  });

  it('accepts the e-mail address in any case and with surrounding spaces', async () => {
    const response = await login({
      email: `  ${AGENTS.mlds.email.toUpperCase()} `,
      password: FIXTURE_PASSWORD,
      deviceName: 'PC',
    });
    expect(response.statusCode).toBe(200);
    expect(loginResponseSchema.parse(response.json()).agent.id).toBe(AGENTS.mlds.id);
  });

  it('answers a wrong password and an unknown account with the same 401 body', async () => {
    const wrongPassword = await login({ email: AGENTS.conseiller.email, password: 'pas le bon', deviceName: 'PC' });
    const unknownEmail = await login({ email: 'personne@test.example', password: FIXTURE_PASSWORD, deviceName: 'PC' });

    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
    expect(apiErrorSchema.parse(wrongPassword.json())).toEqual({
      error: 'invalid_credentials',
      message: 'Adresse électronique ou mot de passe incorrect',
    });
    expect((await t.counts()).devices).toBe(0);
  });

  it('refuses a deactivated agent with the same 401 body', async () => {
    const wrongPassword = await login({ email: AGENTS.conseiller.email, password: 'pas le bon', deviceName: 'PC' });
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [AGENTS.conseiller.id]);
    const deactivated = await login({ email: AGENTS.conseiller.email, password: FIXTURE_PASSWORD, deviceName: 'PC' });
    expect(deactivated.statusCode).toBe(401);
    expect(deactivated.body).toBe(wrongPassword.body);
  });

  it('answers a malformed body with 400 and the path and French message of each problem', async () => {
    const response = await login({ email: '', password: '' });

    expect(response.statusCode).toBe(400);
    const body = apiErrorSchema.parse(response.json());
    expect(body.error).toBe('invalid_request');
    expect(body.issues?.map((issue) => issue.path).sort()).toEqual(['deviceName', 'email', 'password']);
    expect(body.issues).toContainEqual({ path: 'email', message: "L'adresse électronique est obligatoire" });
    expect(body.issues).toContainEqual({ path: 'password', message: 'Le mot de passe est obligatoire' });
    expect((await t.counts()).devices).toBe(0);
  });
});
