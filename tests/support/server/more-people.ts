import { randomUUID } from 'node:crypto';
import { loginResponseSchema } from '../../../src/domain/auth-messages';
import { stampAll } from '../../../src/domain/merge';
import { youngPersonSchema, type YoungPerson } from '../../../src/domain/young-person';
import type { Role } from '../../../src/domain/enums';
import { hashPassword } from '../../../src/server/auth/passwords';
import { insertAgent } from '../../../src/server/store/agents-repo';
import { insertRecord, nextVersion } from '../../../src/server/store/records-repo';
import { SERVER_WRITER } from '../../../src/server/sync/case-rules';
import { FIXTURE_NOW, FIXTURE_PASSWORD, fixturePasswordHash, youngPerson } from './fixture';
import type { Device, TestApp } from './test-app';

/** Young people and agents added to the fixture by one test, stored directly (as an import would). */

export async function storePeople(t: TestApp, people: readonly YoungPerson[]): Promise<void> {
  await t.db.transaction(async (tx) => {
    for (const person of people) {
      const valid = youngPersonSchema.parse(person);
      const version = await nextVersion(tx, valid.platformId);
      const { id: _id, ...fields } = valid;
      await insertRecord(tx, {
        id: valid.id,
        entity: 'youngPerson',
        platformId: valid.platformId,
        referentId: valid.referentId,
        youngPersonId: valid.id,
        version,
        data: valid,
        stamps: stampAll(fields, SERVER_WRITER, version),
        agentId: null,
        now: FIXTURE_NOW,
      });
    }
  });
}

/** An unassigned young person of the main platform; `overrides` replace any field. */
export function unassigned(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return youngPerson({ id: randomUUID(), referentId: null, ...overrides });
}

/** A new agent with the fixture password, logged in on a device of their own. */
export async function addAgentAndLogIn(
  t: TestApp,
  agent: { email: string; displayName: string; role: Role; platformId: string },
  password?: string,
): Promise<Device & { id: string }> {
  const id = randomUUID();
  const passwordHash = password ? await hashPassword(password) : await fixturePasswordHash();
  await insertAgent(t.db, { id, ...agent, structure: '', passwordHash });
  return { id, ...(await logInAs(t, agent.email, password)) };
}

/** Logs an agent in on a new device with their e-mail (the fixture password unless told). */
export async function logInAs(t: TestApp, email: string, password?: string): Promise<Device> {
  const response = await t.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: password ?? FIXTURE_PASSWORD, deviceName: `Poste de ${email}` },
  });
  if (response.statusCode !== 200) throw new Error(`login of ${email} failed: ${response.statusCode} ${response.body}`);
  const body = loginResponseSchema.parse(response.json());
  return {
    token: body.accessToken,
    refreshToken: body.refreshToken,
    deviceId: body.deviceId,
    agent: body.agent,
    lastSeq: 0,
  };
}
