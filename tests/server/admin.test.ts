import { describe, expect, it } from 'vitest';
import {
  adminAgentsResponseSchema,
  adminPlatformsResponseSchema,
  agentPatchResponseSchema,
} from '../../src/domain/admin-messages';
import { AGENTS, OTHER_PLATFORM, PEOPLE, PLATFORM } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const TEMPORARY_PASSWORD = 'Provisoire-2026-Nord!';

/**
 * The académie's administration: platforms and accounts, by the admin only
 * (the scope matrix checks every other role is refused), every change in
 * the audit trail.
 */
describe.each(backends)('administration on %s', (backend) => {
  const t = useTestApp(backend);

  const call = (device: Device, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.inject({ method, url, headers: bearer(device.token), payload });

  const newAgent = (overrides: Record<string, unknown> = {}) => ({
    email: 'Nouvelle.Conseillere@Test.example',
    displayName: 'Nina Nouvelle',
    role: 'conseiller',
    platformId: PLATFORM.id,
    structure: 'CIO de Lille (fictif)',
    temporaryPassword: TEMPORARY_PASSWORD,
    ...overrides,
  });

  const auditActions = async () =>
    (await t.db.query<{ action: string }>('SELECT action FROM audit_events ORDER BY at, action')).map(
      (row) => row.action,
    );
  const agentCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM agents'))[0]!.n;

  it('creates a platform with its clock, lists it, and audits the creation', async () => {
    const admin = await t.login('admin');
    const created = await call(admin, 'POST', '/api/admin/platforms', {
      name: 'PSAD Test Est',
      departement: 'Moselle',
      academie: 'Nancy-Metz',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json().platform;

    const { platforms } = adminPlatformsResponseSchema.parse((await call(admin, 'GET', '/api/admin/platforms')).json());
    expect(platforms.map((platform) => platform.name)).toEqual(['PSAD Test Nord', 'PSAD Test Est', 'PSAD Test Sud']);
    expect(platforms.find((platform) => platform.id === PLATFORM.id)?.activeAgents).toBe(4);
    expect(platforms.find((platform) => platform.id === id)?.activeAgents).toBe(0);
    const clock = await t.db.query('SELECT value FROM platform_clocks WHERE platform_id = $1', [id]);
    expect(clock).toEqual([{ value: expect.anything() }]);
    const [event] = await t.db.query<{ action: string; platformId: string; agentId: string }>(
      'SELECT action, platform_id AS "platformId", agent_id AS "agentId" FROM audit_events',
    );
    expect(event).toEqual({ action: 'platform_created', platformId: id, agentId: AGENTS.admin.id });
  });

  it('refuses an incomplete platform with the field and its reason, and writes nothing', async () => {
    const admin = await t.login('admin');
    const response = await call(admin, 'POST', '/api/admin/platforms', { name: ' ', departement: 'Moselle' });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(['academie', 'name']);
    expect(await t.db.query('SELECT id FROM platforms')).toHaveLength(2);
    expect(await auditActions()).toEqual([]);
  });

  it('creates an account that logs in with its temporary password, and lists every account without secrets', async () => {
    const admin = await t.login('admin');
    const created = await call(admin, 'POST', '/api/admin/agents', newAgent());
    expect(created.statusCode).toBe(201);
    expect(created.json().agent).toMatchObject({
      email: 'nouvelle.conseillere@test.example',
      role: 'conseiller',
      platformId: PLATFORM.id,
      platformName: PLATFORM.name,
      active: true,
    });

    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nouvelle.conseillere@test.example', password: TEMPORARY_PASSWORD, deviceName: 'Tablette' },
    });
    expect(login.statusCode).toBe(200);

    const listed = await call(admin, 'GET', '/api/admin/agents');
    const { agents } = adminAgentsResponseSchema.parse(listed.json());
    expect(agents).toHaveLength(Object.keys(AGENTS).length + 1);
    expect(agents.find((agent) => agent.id === AGENTS.admin.id)).toMatchObject({ platformId: null, role: 'admin' });
    expect(listed.body).not.toMatch(/argon2|passwordHash|password_hash/);

    const [event] = await t.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'agent_created'`,
    );
    expect(event?.details).toMatchObject({ email: 'nouvelle.conseillere@test.example', role: 'conseiller' });
    expect(JSON.stringify(event?.details)).not.toContain(TEMPORARY_PASSWORD);
  });

  it('creates an admin without a platform', async () => {
    const admin = await t.login('admin');
    const created = await call(
      admin,
      'POST',
      '/api/admin/agents',
      newAgent({ email: 'admin2@test.example', role: 'admin', platformId: null }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().agent).toMatchObject({ role: 'admin', platformId: null, platformName: null });
  });

  it.each([
    ['an admin on a platform', { role: 'admin' }, 'platformId'],
    ['a conseiller without a platform', { platformId: null }, 'platformId'],
    ['an unknown platform', { platformId: '3f1c9a52-7d4e-4b1a-8c2d-1e0f5a6b7c99' }, 'platformId'],
    ['a short temporary password', { temporaryPassword: 'Court-1' }, 'temporaryPassword'],
    ['a temporary password made of the address', { temporaryPassword: 'Nouvelle.Conseillere-59' }, 'temporaryPassword'],
    ['an invalid address', { email: 'pas-une-adresse' }, 'email'],
    ['an unknown role', { role: 'directeur' }, 'role'],
  ])('refuses %s with the field in error, and writes nothing', async (_what, overrides, path) => {
    const admin = await t.login('admin');
    const before = await agentCount();
    const response = await call(admin, 'POST', '/api/admin/agents', newAgent(overrides));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.map((issue: { path: string }) => issue.path)).toContain(path);
    expect(await agentCount()).toBe(before);
    expect(await auditActions()).toEqual([]);
  });

  it('refuses a second account with the same address, whatever its case', async () => {
    const admin = await t.login('admin');
    const response = await call(admin, 'POST', '/api/admin/agents', newAgent({ email: 'CONSEILLER@test.example' }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('email_taken');
  });

  it('deactivates an agent: their devices are cut off and they cannot log in; reactivated, they can', async () => {
    const admin = await t.login('admin');
    const mlds = await t.login('mlds');
    const response = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.mlds.id}`, { active: false });
    expect(response.statusCode).toBe(200);
    expect(agentPatchResponseSchema.parse(response.json())).toMatchObject({
      agent: { active: false },
      revokedDevices: 1,
    });

    const cutOff = await t.pull(mlds);
    expect([cutOff.statusCode, cutOff.json().error]).toEqual([401, 'device_revoked']); // the tablet wipes its cases
    await expect(t.login('mlds')).rejects.toThrow(/401/);

    await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.mlds.id}`, { active: true });
    expect((await t.pullAll(await t.login('mlds'))).changes.map((change) => change.id)).toEqual([PEOPLE.chloe.id]);
    const [event] = await t.db.query<{ details: { changes: unknown } }>(
      `SELECT details FROM audit_events WHERE action = 'agent_updated' ORDER BY at LIMIT 1`,
    );
    expect(event?.details.changes).toEqual({ active: { from: true, to: false } });
  });

  it('refuses to move an agent who still holds cases to another platform or to the admin role', async () => {
    const admin = await t.login('admin');
    const move = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.conseiller.id}`, {
      platformId: OTHER_PLATFORM.id,
    });
    expect(move.statusCode).toBe(409);
    expect(move.json()).toMatchObject({ error: 'agent_has_cases', message: expect.stringMatching(/2 dossier/) });
    const promote = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.conseiller.id}`, {
      role: 'admin',
      platformId: null,
    });
    expect(promote.statusCode).toBe(409);
    expect((await t.db.query('SELECT platform_id FROM agents WHERE id = $1', [AGENTS.conseiller.id]))[0]).toEqual({
      platform_id: PLATFORM.id,
    });
  });

  it('cuts off the devices of an agent whose scope changes; the same kind of role keeps them', async () => {
    const admin = await t.login('admin');
    const tuteur = await t.login('tuteur');
    const sameKind = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.tuteur.id}`, { role: 'conseiller' });
    expect(sameKind.json().revokedDevices).toBe(0);
    expect((await t.pull(tuteur)).statusCode).toBe(200);

    const moved = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.tuteur.id}`, {
      platformId: OTHER_PLATFORM.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ revokedDevices: 1, agent: { platformName: OTHER_PLATFORM.name } });
    const cutOff = await t.pull(tuteur);
    expect([cutOff.statusCode, cutOff.json().error]).toEqual([401, 'device_revoked']); // the app wipes its data
    const revocations = await t.db.query<{ details: { revokedDeviceId: string } }>(
      `SELECT details FROM audit_events WHERE action = 'device_revoked'`,
    );
    expect(revocations.map((event) => event.details.revokedDeviceId)).toEqual([tuteur.deviceId]);
    // Back in on a new device: the other platform's scope, where they follow nobody yet.
    expect((await t.pullAll(await t.login('tuteur'))).changes).toEqual([]);

    const mlds = await t.login('mlds');
    const promoted = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.mlds.id}`, { role: 'coordinateur' });
    expect(promoted.json().revokedDevices).toBe(1);
    expect((await t.pull(mlds)).statusCode).toBe(401);
  });

  it('keeps an admin from deactivating or demoting themselves', async () => {
    const admin = await t.login('admin');
    for (const patch of [{ active: false }, { role: 'coordinateur', platformId: PLATFORM.id }]) {
      const response = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.admin.id}`, patch);
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toBe('own_account');
    }
  });

  it('validates a change: nothing to change, an unknown account, an admin left on a platform', async () => {
    const admin = await t.login('admin');
    expect((await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.mlds.id}`, {})).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.mlds.id}`, { password: 'x' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', '/api/admin/agents/not-an-id', { active: false })).statusCode).toBe(400);
    expect(
      (await call(admin, 'PATCH', '/api/admin/agents/7a2b3c4d-1e2f-4a5b-9c6d-0000000000ff', { active: false }))
        .statusCode,
    ).toBe(404);
    const adminOnPlatform = await call(admin, 'PATCH', `/api/admin/agents/${AGENTS.tuteur.id}`, { role: 'admin' });
    expect(adminOnPlatform.statusCode).toBe(400);
    expect(adminOnPlatform.json().issues).toEqual([
      { path: 'platformId', message: 'Un administrateur n’appartient à aucune plateforme' },
    ]);
    expect(await auditActions()).toEqual([]);
  });
});
