import { describe, expect, it } from 'vitest';
import { apiErrorSchema, loginResponseSchema } from '../../src/domain/auth-messages';
import { passwordPolicyProblems } from '../../src/domain/password-policy';
import { loadConfig } from '../../src/server/config';
import { AGENTS, FIXTURE_PASSWORD } from '../support/server/fixture';
import { bearer, useTestApp, type Device, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const NEW_PASSWORD = 'Une-phrase-de-passe-2027';

describe('the password policy', () => {
  const email = 'camille.durand@raccroche.example';

  it('accepts the demo and test passwords and a passphrase', () => {
    expect(passwordPolicyProblems('Raccroche-demo-2026', 'conseillere@raccroche.example')).toEqual([]);
    expect(passwordPolicyProblems(FIXTURE_PASSWORD, AGENTS.conseiller.email)).toEqual([]);
    expect(passwordPolicyProblems('cheval agrafe pile correcte', email)).toEqual([]);
    expect(passwordPolicyProblems('4815162342 les nombres', email)).toEqual([]);
  });

  it('the demo password set by default passes the policy it is checked against at start', () => {
    expect(loadConfig({}).demoPassword).toBe('Raccroche-demo-2026');
    expect(() => loadConfig({ DEMO_PASSWORD: 'azerty123' })).toThrow(/au moins 12 caractères/);
  });

  it('wants at least 12 characters', () => {
    expect(passwordPolicyProblems('Court-2026!', email)).toEqual([
      'Le mot de passe doit contenir au moins 12 caractères',
    ]);
  });

  it('refuses only letters or only digits', () => {
    expect(passwordPolicyProblems('Lesjeunesdabord', email)).toEqual([
      'Le mot de passe ne doit pas contenir que des lettres',
    ]);
    expect(passwordPolicyProblems('590123874612', email)).toEqual([
      'Le mot de passe ne doit pas contenir que des chiffres',
    ]);
  });

  it('refuses the e-mail address or its name part', () => {
    const problem = 'Le mot de passe ne doit pas reprendre votre adresse électronique';
    expect(passwordPolicyProblems(email, email)).toContain(problem);
    expect(passwordPolicyProblems('Camille.Durand-2026', email)).toContain(problem);
    expect(passwordPolicyProblems('CAMILLEDURAND#1', email)).toContain(problem);
  });

  it('refuses runs, repetitions, keyboard rows and common words with digits around them', () => {
    const problem = 'Le mot de passe est trop simple à deviner (suite, répétition ou mot courant)';
    for (const trivial of [
      '123456789012',
      'abcdefghijkl',
      'azertyuiop12',
      'qwertyuiop!!',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      '121212121212',
      'Motdepasse2026!',
      'P@ssword-2026',
      'Azerty-123456',
      '!!!!!!!!!!!!',
    ]) {
      expect({ trivial, problems: passwordPolicyProblems(trivial, email) }).toEqual({
        trivial,
        problems: expect.arrayContaining([problem]),
      });
    }
  });
});

describe.each(backends)('POST /api/account/password on %s', (backend) => {
  const t = useTestApp(backend);

  function change(device: Device, body: object, address = '203.0.113.7') {
    return t.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: bearer(device.token),
      payload: body,
      remoteAddress: address,
    });
  }

  function login(t: TestApp, password: string) {
    return t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: AGENTS.conseiller.email, password, deviceName: 'PC' },
      remoteAddress: '198.51.100.50',
    });
  }

  it('changes the password: the new one logs in, the old one no longer does', async () => {
    const device = await t.login('conseiller');
    const response = await change(device, { currentPassword: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(204);

    expect((await login(t, FIXTURE_PASSWORD)).statusCode).toBe(401);
    const fresh = await login(t, NEW_PASSWORD);
    expect(loginResponseSchema.parse(fresh.json()).agent.id).toBe(AGENTS.conseiller.id);
    const [row] = await t.db.query<{ hash: string }>('SELECT password_hash AS hash FROM agents WHERE id = $1', [
      AGENTS.conseiller.id,
    ]);
    expect(row?.hash).toMatch(/^\$argon2id\$/);
  });

  it("ends the agent's other sessions and keeps this one", async () => {
    const here = await t.login('conseiller', 'Ce poste');
    const tablet = await t.login('conseiller', 'Tablette');
    const colleague = await t.login('mlds');
    expect((await change(here, { currentPassword: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(204);

    expect((await t.pull(here)).statusCode).toBe(200);
    expect((await t.pull(colleague)).statusCode).toBe(200);
    const refused = await t.pull(tablet);
    expect(refused.statusCode).toBe(401);
    expect(apiErrorSchema.parse(refused.json()).error).toBe('session_ended');
    const refresh = await t.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: tablet.refreshToken },
    });
    expect(apiErrorSchema.parse(refresh.json()).error).toBe('session_ended');
  });

  it("answers 400 with the policy's reasons on newPassword, and changes nothing", async () => {
    const device = await t.login('conseiller');
    const response = await change(device, { currentPassword: FIXTURE_PASSWORD, newPassword: 'azerty' });
    expect(response.statusCode).toBe(400);
    expect(apiErrorSchema.parse(response.json()).issues).toEqual([
      { path: 'newPassword', message: 'Le mot de passe doit contenir au moins 12 caractères' },
      { path: 'newPassword', message: 'Le mot de passe ne doit pas contenir que des lettres' },
      { path: 'newPassword', message: 'Le mot de passe est trop simple à deviner (suite, répétition ou mot courant)' },
    ]);

    const same = await change(device, { currentPassword: FIXTURE_PASSWORD, newPassword: FIXTURE_PASSWORD });
    expect(apiErrorSchema.parse(same.json()).issues).toEqual([
      { path: 'newPassword', message: 'Le nouveau mot de passe doit être différent de l’actuel' },
    ]);
    const ownAddress = await change(device, { currentPassword: FIXTURE_PASSWORD, newPassword: 'Conseiller-2027!' });
    expect(apiErrorSchema.parse(ownAddress.json()).issues).toEqual([
      { path: 'newPassword', message: 'Le mot de passe ne doit pas reprendre votre adresse électronique' },
    ]);
    const missing = await change(device, {});
    expect(
      apiErrorSchema
        .parse(missing.json())
        .issues?.map((issue) => issue.path)
        .sort(),
    ).toEqual(['currentPassword', 'newPassword']);
    expect((await login(t, FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('answers 401 invalid_current_password to a wrong current password, the session going on', async () => {
    const device = await t.login('conseiller');
    const response = await change(device, { currentPassword: 'Pas-le-bon-1234', newPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(401);
    expect(apiErrorSchema.parse(response.json())).toEqual({
      error: 'invalid_current_password',
      message: 'Mot de passe actuel incorrect',
    });
    expect((await t.pull(device)).statusCode).toBe(200);
    expect((await login(t, FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles wrong current passwords like logins, on the same account key', async () => {
    const device = await t.login('conseiller');
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = t.time.clock().getTime();
      const response = await change(device, { currentPassword: `Pas-le-bon-${i}-1234`, newPassword: NEW_PASSWORD });
      expect(response.statusCode).toBe(401);
      waits.push(t.time.clock().getTime() - before);
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 3000, 4000]);

    const locked = await change(device, { currentPassword: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect((await login(t, FIXTURE_PASSWORD)).statusCode).toBe(429); // the login screen is locked as well
  });
});
