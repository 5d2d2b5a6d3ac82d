import { describe, expect, it } from 'vitest';
import { adminAgentsResponseSchema, agentPatchResponseSchema } from '../../src/domain/admin-messages';
import { AGENTS, OTHER_PLATFORM, PLATFORM } from '../support/server/fixture';
import { logInAs } from '../support/server/more-people';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const TEMPORARY_PASSWORD = 'Provisoire-2026-Nord!';
const CHOSEN_PASSWORD = 'Ma phrase de passe 2026';

/**
 * The accounts of a platform, managed by its coordinator: advisers only
 * (conseiller, MLDS, tuteur), on their own platform only; a deactivation cuts
 * the adviser's devices off; a temporary password must be changed before the
 * account reaches anything else.
 */
describe.each(backends)('the platform’s accounts on %s', (backend) => {
  const t = useTestApp(backend);

  const call = (device: Device, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.inject({ method, url, headers: bearer(device.token), payload });

  const newAdviser = (overrides: Record<string, unknown> = {}) => ({
    email: 'nina.nouvelle@test.example',
    displayName: 'Nina Nouvelle',
    role: 'conseiller',
    platformId: PLATFORM.id,
    structure: 'CIO de Lille (fictif)',
    temporaryPassword: TEMPORARY_PASSWORD,
    ...overrides,
  });
  const agentCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM agents'))[0]!.n;

  it('lets the coordinator create an adviser of the platform, who must choose a password before anything else', async () => {
    const coordinator = await t.login('coordinateur');
    const created = await call(coordinator, 'POST', '/api/admin/agents', newAdviser());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().agent).toMatchObject({ role: 'conseiller', platformId: PLATFORM.id, active: true });
    const [event] = await t.db.query<{ agentId: string; platformId: string }>(
      `SELECT agent_id AS "agentId", platform_id AS "platformId" FROM audit_events WHERE action = 'agent_created'`,
    );
    expect(event).toEqual({ agentId: AGENTS.coordinateur.id, platformId: PLATFORM.id });

    const nina = await logInAs(t, 'nina.nouvelle@test.example', TEMPORARY_PASSWORD);
    expect(nina.agent.mustChangePassword).toBe(true);
    const refused = await t.pull(nina);
    expect([refused.statusCode, refused.json().error]).toEqual([403, 'password_change_required']);
    expect(refused.json().message).toMatch(/Mon compte/);
    for (const url of ['/api/directory', '/api/notice', '/api/devices']) {
      expect((await call(nina, 'GET', url)).statusCode).toBe(200);
    }
    const changed = await call(nina, 'POST', '/api/account/password', {
      currentPassword: TEMPORARY_PASSWORD,
      newPassword: CHOSEN_PASSWORD,
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.pull(nina)).statusCode).toBe(200); // the same session goes on
    expect((await logInAs(t, 'nina.nouvelle@test.example', CHOSEN_PASSWORD)).agent.mustChangePassword).toBe(false);
  });

  it('keeps the coordinator to adviser roles on their own platform, writing nothing otherwise', async () => {
    const coordinator = await t.login('coordinateur');
    const before = await agentCount();
    for (const [overrides, message] of [
      [{ role: 'coordinateur' }, /conseiller, de coordonnateur MLDS ou de tuteur/],
      [{ role: 'admin', platformId: null }, /conseiller, de coordonnateur MLDS ou de tuteur/],
      [{ platformId: OTHER_PLATFORM.id }, /sa seule plateforme/],
    ] as const) {
      const response = await call(coordinator, 'POST', '/api/admin/agents', newAdviser(overrides));
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toMatch(message);
    }
    const invalid = await call(coordinator, 'POST', '/api/admin/agents', newAdviser({ temporaryPassword: 'court' }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues[0].path).toBe('temporaryPassword');
    expect(await agentCount()).toBe(before);
    expect(await t.db.query('SELECT id FROM audit_events')).toEqual([]);
  });

  it('lists the platform’s accounts only to its coordinator', async () => {
    const coordinator = await t.login('coordinateur');
    const { agents } = adminAgentsResponseSchema.parse((await call(coordinator, 'GET', '/api/admin/agents')).json());
    expect(agents.map((agent) => agent.displayName)).toEqual([
      'Claire Conseil',
      'Corinne Coordination',
      'Mehdi Mlds',
      'Thomas Tuteur',
    ]);
  });

  it('deactivates an adviser: their devices are cut off and wipe their cases; reactivated, they log in again', async () => {
    const coordinator = await t.login('coordinateur');
    const tablet = await t.login('conseiller', 'Tablette');
    const laptop = await t.login('conseiller', 'Portable');
    const response = await call(coordinator, 'PATCH', `/api/admin/agents/${AGENTS.conseiller.id}`, { active: false });
    expect(response.statusCode).toBe(200);
    expect(agentPatchResponseSchema.parse(response.json())).toMatchObject({
      agent: { active: false },
      revokedDevices: 2,
    });
    for (const device of [tablet, laptop]) {
      const cutOff = await t.pull(device);
      expect([cutOff.statusCode, cutOff.json().error]).toEqual([401, 'device_revoked']);
    }
    const revocations = await t.db.query<{ agentId: string; details: { why: string } }>(
      `SELECT agent_id AS "agentId", details FROM audit_events WHERE action = 'device_revoked'`,
    );
    expect(revocations.map((event) => [event.agentId, event.details.why])).toEqual([
      [AGENTS.coordinateur.id, 'account deactivated'],
      [AGENTS.coordinateur.id, 'account deactivated'],
    ]);
    await expect(t.login('conseiller')).rejects.toThrow(/401/);

    const back = await call(coordinator, 'PATCH', `/api/admin/agents/${AGENTS.conseiller.id}`, { active: true });
    expect(back.json()).toMatchObject({ agent: { active: true }, revokedDevices: 0 });
    expect((await t.pull(await t.login('conseiller'))).statusCode).toBe(200);
  });

  it('lets the coordinator change an adviser’s name or adviser role, and nothing beyond their reach', async () => {
    const coordinator = await t.login('coordinateur');
    const patch = (id: string, body: object) => call(coordinator, 'PATCH', `/api/admin/agents/${id}`, body);

    const renamed = await patch(AGENTS.tuteur.id, { displayName: 'Thomas Tuteur-Martin', role: 'conseiller' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ agent: { role: 'conseiller' }, revokedDevices: 0 });

    expect((await patch(AGENTS.conseillerAilleurs.id, { active: false })).statusCode).toBe(404);
    expect((await patch(AGENTS.admin.id, { active: false })).statusCode).toBe(404);
    expect((await patch(AGENTS.coordinateur.id, { displayName: 'Moi' })).statusCode).toBe(403);
    expect((await patch(AGENTS.mlds.id, { role: 'coordinateur' })).statusCode).toBe(403);
    expect((await patch(AGENTS.mlds.id, { platformId: OTHER_PLATFORM.id })).statusCode).toBe(403);
    const states = await t.db.query<{ active: boolean; role: string; platformId: string }>(
      `SELECT active, role, platform_id AS "platformId" FROM agents WHERE id = ANY($1::uuid[]) ORDER BY email`,
      [[AGENTS.conseillerAilleurs.id, AGENTS.mlds.id, AGENTS.coordinateur.id]],
    );
    expect(states).toEqual([
      { active: true, role: 'conseiller', platformId: OTHER_PLATFORM.id },
      { active: true, role: 'coordinateur', platformId: PLATFORM.id },
      { active: true, role: 'mlds', platformId: PLATFORM.id },
    ]);
  });

  it('is for the admin and the coordinators only', async () => {
    for (const role of ['conseiller', 'mlds', 'tuteur'] as const) {
      const device = await t.login(role);
      expect((await call(device, 'GET', '/api/admin/agents')).statusCode).toBe(403);
      expect((await call(device, 'POST', '/api/admin/agents', newAdviser())).statusCode).toBe(403);
      expect(
        (await call(device, 'PATCH', `/api/admin/agents/${AGENTS.conseiller.id}`, { active: false })).statusCode,
      ).toBe(403);
    }
  });
});
