import { describe, expect, it } from 'vitest';
import { apiErrorSchema, loginResponseSchema } from '../../src/domain/auth-messages';
import { devicesResponseSchema } from '../../src/domain/device-messages';
import { insertAgent } from '../../src/server/store/agents-repo';
import { AGENTS, FIXTURE_NOW, FIXTURE_PASSWORD, fixturePasswordHash } from '../support/server/fixture';
import { bearer, useTestApp, type Device, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/** An académie administrator of this test's own (no platform, sees every device). */
const ADMIN = {
  id: '7a2b3c4d-1e2f-4a5b-9c6d-0000000000da',
  email: 'admin.appareils@test.example',
  displayName: 'Aline Admin',
  role: 'admin' as const,
  platformId: null,
};

async function loginAdmin(t: TestApp): Promise<Device> {
  await insertAgent(t.db, { ...ADMIN, structure: 'Rectorat', passwordHash: await fixturePasswordHash() });
  const response = await t.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ADMIN.email, password: FIXTURE_PASSWORD, deviceName: 'Poste du rectorat' },
  });
  const body = loginResponseSchema.parse(response.json());
  return {
    token: body.accessToken,
    refreshToken: body.refreshToken,
    deviceId: body.deviceId,
    agent: body.agent,
    lastSeq: 0,
  };
}

describe.each(backends)('devices: list and revocation on %s', (backend) => {
  const t = useTestApp(backend);

  async function list(device: Device) {
    const response = await t.inject({ method: 'GET', url: '/api/devices', headers: bearer(device.token) });
    expect(response.statusCode).toBe(200);
    return devicesResponseSchema.parse(response.json());
  }

  function revoke(by: Device, deviceId: string) {
    return t.inject({ method: 'POST', url: `/api/devices/${deviceId}/revoke`, headers: bearer(by.token), payload: {} });
  }

  /** One device for each agent of the fixture, and a second tablet for the conseiller. */
  async function fleet() {
    return {
      conseiller: await t.login('conseiller', 'PC du CIO'),
      tablet: await t.login('conseiller', 'Tablette'),
      mlds: await t.login('mlds'),
      coordinateur: await t.login('coordinateur'),
      elsewhere: await t.login('conseillerAilleurs'),
    };
  }

  it("lists an adviser's own devices with their names, dates and which one is asking", async () => {
    const { conseiller, tablet } = await fleet();
    t.time.advance(10 * 60_000);
    await t.pullOk(tablet); // any call counts as seen
    t.time.advance(60_000);

    const devices = await list(conseiller); // this call too
    expect(devices.map((device) => [device.name, device.current])).toEqual([
      ['PC du CIO', true], // seen last: first
      ['Tablette', false],
    ]);
    expect(devices[1]).toEqual({
      id: tablet.deviceId,
      name: 'Tablette',
      agentId: AGENTS.conseiller.id,
      agentName: AGENTS.conseiller.displayName,
      createdAt: FIXTURE_NOW.toISOString(),
      lastSeenAt: new Date(FIXTURE_NOW.getTime() + 10 * 60_000).toISOString(),
      revokedAt: null,
      current: false,
    });
  });

  it("lists every device of the platform's agents to a coordinator, and all of them to an admin", async () => {
    const { coordinateur } = await fleet();
    const admin = await loginAdmin(t);
    const platformAgents: string[] = [AGENTS.conseiller.id, AGENTS.mlds.id, AGENTS.coordinateur.id];

    const seenByCoordinator = await list(coordinateur);
    expect(seenByCoordinator).toHaveLength(4);
    expect(seenByCoordinator.every((device) => platformAgents.includes(device.agentId))).toBe(true);
    expect(await list(admin)).toHaveLength(6);
  });

  it('lets an adviser revoke their own device: its sessions end, it is listed as revoked', async () => {
    const { conseiller, tablet } = await fleet();
    expect((await revoke(conseiller, tablet.deviceId)).statusCode).toBe(204);

    const refused = await t.pull(tablet);
    expect(refused.statusCode).toBe(401);
    expect(apiErrorSchema.parse(refused.json()).error).toBe('device_revoked');
    expect((await t.pull(conseiller)).statusCode).toBe(200);
    const revoked = (await list(conseiller)).find((device) => device.id === tablet.deviceId);
    expect(revoked?.revokedAt).toBe(FIXTURE_NOW.toISOString());
    const sessions = await t.db.query<{ reason: string }>(
      'SELECT end_reason AS reason FROM sessions WHERE device_id = $1',
      [tablet.deviceId],
    );
    expect(sessions).toEqual([{ reason: 'device_revoked' }]);
  });

  it('keeps the first revocation time when a device is revoked twice', async () => {
    const { conseiller, tablet } = await fleet();
    await revoke(conseiller, tablet.deviceId);
    t.time.advance(60_000);
    expect((await revoke(conseiller, tablet.deviceId)).statusCode).toBe(204);
    const revoked = (await list(conseiller)).find((device) => device.id === tablet.deviceId);
    expect(revoked?.revokedAt).toBe(FIXTURE_NOW.toISOString());
  });

  it("answers 404 to an adviser revoking a colleague's device, and changes nothing", async () => {
    const { conseiller, mlds } = await fleet();
    const response = await revoke(conseiller, mlds.deviceId);
    expect(response.statusCode).toBe(404);
    expect(apiErrorSchema.parse(response.json()).error).toBe('not_found');
    expect((await t.pull(mlds)).statusCode).toBe(200);
  });

  it("lets a coordinator revoke any device of the platform, and answers 404 for another platform's", async () => {
    const { coordinateur, tablet, elsewhere } = await fleet();
    expect((await revoke(coordinateur, tablet.deviceId)).statusCode).toBe(204);
    expect((await t.pull(tablet)).statusCode).toBe(401);

    const foreign = await revoke(coordinateur, elsewhere.deviceId);
    const unknown = await revoke(coordinateur, crypto.randomUUID());
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(unknown.body); // nothing tells a foreign device from an absent one
    expect((await t.pull(elsewhere)).statusCode).toBe(200);
  });

  it('lets an admin revoke any device', async () => {
    const { elsewhere, coordinateur } = await fleet();
    const admin = await loginAdmin(t);
    expect((await revoke(admin, elsewhere.deviceId)).statusCode).toBe(204);
    expect((await revoke(admin, coordinateur.deviceId)).statusCode).toBe(204);
    expect((await t.pull(elsewhere)).statusCode).toBe(401);
    expect((await t.pull(coordinateur)).statusCode).toBe(401);
  });

  it('answers 400 to an id that is not one', async () => {
    const { conseiller } = await fleet();
    const response = await revoke(conseiller, 'pas-un-identifiant');
    expect(response.statusCode).toBe(400);
    expect(apiErrorSchema.parse(response.json()).issues).toEqual([
      { path: 'id', message: "Identifiant d'appareil invalide" },
    ]);
  });
});
