import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ContactAttempt } from '../../src/domain/case-records';
import type { Mutation } from '../../src/domain/sync-messages';
import type { YoungPerson } from '../../src/domain/young-person';
import { systemClock } from '../../src/server/auth/actor';
import { openDeviceSession } from '../../src/server/auth/device-sessions';
import { generateDemoYoungPeople } from '../../src/server/demo/demo-data';
import { buildApp } from '../../src/server/http/app';
import { insertAgent, insertPlatform } from '../../src/server/store/agents-repo';
import type { Database } from '../../src/server/store/database';
import type { Backend, TestDatabase } from '../../tests/support/server/test-databases';

/**
 * A world for the endpoint's figures: platforms, each with its advisers and
 * one logged-in device per adviser, and the endpoint itself (buildApp) on a
 * database of its own (PGlite in memory, or a PostgreSQL database created
 * for the run and dropped after).
 */
export interface BenchDevice {
  agentId: string;
  platformId: string;
  deviceId: string;
  token: string;
  nextSeq: number;
}

export interface World {
  backend: string;
  db: Database;
  app: FastifyInstance;
  devices: BenchDevice[];
  close(): Promise<void>;
}

/** Not a real password hash: these agents never log in by password, their sessions are opened directly. */
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm9uZQ$bm9uZQ';

export async function openWorld(backend: Backend, platforms: number, advisersPerPlatform: number): Promise<World> {
  const database: TestDatabase = await backend.open({ maxConnections: 10 });
  const { db } = database;
  const settings = { secret: randomBytes(32), sessionDays: 30, accessTokenMinutes: 60 };
  const devices: BenchDevice[] = [];
  for (let p = 0; p < platforms; p += 1) {
    const platformId = randomUUID();
    await insertPlatform(db, { id: platformId, name: `PSAD ${p + 1}`, departement: 'Rhône', academie: 'Lyon' });
    for (let a = 0; a < advisersPerPlatform; a += 1) {
      const agentId = randomUUID();
      await insertAgent(db, {
        id: agentId,
        platformId,
        email: `conseiller.${p}.${a}@bench.example`,
        displayName: `Conseillère ${p}-${a}`,
        role: 'conseiller',
        structure: 'CIO',
        passwordHash: NO_PASSWORD,
      });
      const opened = await openDeviceSession(
        db,
        settings,
        { agentId, deviceName: `Tablette ${p}-${a}` },
        systemClock(),
      );
      devices.push({ agentId, platformId, deviceId: opened.deviceId, token: opened.tokens.accessToken, nextSeq: 1 });
    }
  }
  const app = await buildApp({ db, clock: systemClock, sessionDays: 30, sessionSecret: settings.secret });
  await app.ready();
  return {
    backend: backend.name,
    db,
    app,
    devices,
    async close() {
      await app.close();
      await database.cleanup();
    },
  };
}

/**
 * A device's work to send: `people` new young people of its adviser, each
 * with `attemptsEach` contact attempts (French names and accents from the
 * demo generator; a new seed gives new people).
 */
export function newCases(device: BenchDevice, people: number, attemptsEach: number, seed: number) {
  const persons: YoungPerson[] = generateDemoYoungPeople(people, seed).map((person) => ({
    ...person,
    platformId: device.platformId,
    referentId: device.agentId,
  }));
  const attempts: ContactAttempt[] = persons.flatMap((person, index) =>
    Array.from({ length: attemptsEach }, (_, n) => ({
      id: randomUUID(),
      youngPersonId: person.id,
      authorId: device.agentId,
      occurredAt: new Date(Date.now() - (index * attemptsEach + n) * 60_000).toISOString(),
      channel: 'telephone' as const,
      target: 'jeune' as const,
      guardianName: '',
      result: 'message_laisse' as const,
      note: 'Message laissé sur le répondeur, rappeler après 17 h (élève à l’atelier d’Hélène).',
    })),
  );
  return { persons, attempts };
}

/** The mutations that create those records, numbered after the device's last one. */
export function creations(device: BenchDevice, cases: ReturnType<typeof newCases>): Mutation[] {
  const mutation = (entity: Mutation['entity'], data: { id: string }): Mutation => ({
    mutationId: randomUUID(),
    seq: device.nextSeq++,
    entity,
    recordId: data.id,
    op: 'create',
    data: data as unknown as Record<string, unknown>,
  });
  return [
    ...cases.persons.map((person) => mutation('youngPerson', person)),
    ...cases.attempts.map((attempt) => mutation('contactAttempt', attempt)),
  ];
}
