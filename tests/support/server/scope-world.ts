import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { stampAll } from '../../../src/domain/merge';
import type { Mutation } from '../../../src/domain/sync-messages';
import { SERVER_WRITER } from '../../../src/server/sync/case-rules';
import { insertRecord, nextVersion } from '../../../src/server/store/records-repo';
import { contractFor, nextCreate, solutionOf } from './case-builders';
import { AGENTS, OTHER_PLATFORM, PEOPLE, PLATFORM, youngPerson, type AgentKey } from './fixture';
import type { Device, TestApp } from './test-app';

/**
 * The world of the scope matrix, on top of the fixture: every relation an
 * agent can have to a case, for every role, on both platforms.
 *
 * The facts (who is referent of what, whom each contract names as tutor) are
 * data here; the expected access is derived from them by the policy table of
 * tests/server/scope-matrix.test.ts, never listed case by case.
 */

/** The agents the matrix acts as: the five roles on the main platform, and an agent of the other one. */
export const ACTORS = ['conseiller', 'mlds', 'tuteur', 'coordinateur', 'admin', 'conseillerAilleurs'] as const;
export type ActorKey = (typeof ACTORS)[number];

export const CASE_NAMES = ['alice', 'bastien', 'chloe', 'david', 'fanny', 'emma'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

/** fanny: a case whose referent is the tuteur (the other cases are the fixture's). */
const FANNY = youngPerson({
  id: '5b6c7d8e-2f3a-4b5c-8d9e-000000000006',
  lastName: 'Fontaine',
  firstNames: 'Fanny',
  referentId: AGENTS.tuteur.id,
});

const PERSONS = { ...PEOPLE, fanny: FANNY };

/**
 * Each case's contracts, one per agent named as tutor. Only agents of the
 * case's own platform become tutors: the admin and the other platform's agent
 * named on david's contracts, and the conseiller named on emma's, gain nothing.
 */
export const CONTRACT_TUTORS: Record<CaseName, readonly AgentKey[]> = {
  alice: ['mlds'],
  bastien: ['tuteur'],
  chloe: ['coordinateur'],
  david: ['conseillerAilleurs', 'admin'],
  fanny: ['conseiller'],
  emma: ['conseiller'],
};

export interface WorldCase {
  name: CaseName;
  id: string;
  platformId: string;
  referentId: string | null;
  /** Agents named as tutor on the case's contracts (whatever their platform). */
  namedTutorIds: string[];
  contractIds: string[];
}

export interface World {
  devices: Record<ActorKey, Device>;
  cases: Record<CaseName, WorldCase>;
  /** One catalogue entry per platform. */
  solutions: { id: string; platformId: string }[];
  /** A readable name for each record id, so a failing expectation names what leaked or was refused. */
  labels: Map<string, string>;
}

async function pushAllApplied(t: TestApp, device: Device, mutations: Mutation[]): Promise<void> {
  const { results } = await t.pushOk(device, mutations);
  expect(results.filter((result) => result.status !== 'applied')).toEqual([]);
}

/**
 * Logs every actor in on a device of its own, then writes the world through
 * the endpoint as its people would: the coordinator creates fanny, the main
 * platform's catalogue entry and the contracts of its cases; the other
 * platform's conseiller the contract of emma. The other platform's catalogue
 * entry (it has no coordinator here) is stored directly.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const devices = {} as Record<ActorKey, Device>;
  for (const actor of ACTORS) devices[actor] = await t.login(actor);
  const labels = new Map<string, string>();
  const cases = {} as Record<CaseName, WorldCase>;
  for (const name of CASE_NAMES) {
    const person = PERSONS[name];
    cases[name] = {
      name,
      id: person.id,
      platformId: person.platformId,
      referentId: person.referentId,
      namedTutorIds: CONTRACT_TUTORS[name].map((agent) => AGENTS[agent].id),
      contractIds: [],
    };
    labels.set(person.id, name);
  }

  const coordinator = devices.coordinateur;
  const mainWrites = [nextCreate(coordinator, 'youngPerson', FANNY)];
  const southWrites: Mutation[] = [];
  for (const name of CASE_NAMES) {
    for (const tutor of CONTRACT_TUTORS[name]) {
      const contract = contractFor(cases[name].id, { tutorId: AGENTS[tutor].id, tutorName: AGENTS[tutor].displayName });
      cases[name].contractIds.push(contract.id);
      labels.set(contract.id, `contract of ${name} naming ${tutor}`);
      if (cases[name].platformId === PLATFORM.id) mainWrites.push(nextCreate(coordinator, 'contract', contract));
      else southWrites.push(nextCreate(devices.conseillerAilleurs, 'contract', contract));
    }
  }
  const north = solutionOf(PLATFORM.id);
  mainWrites.push(nextCreate(coordinator, 'solution', north));
  await pushAllApplied(t, coordinator, mainWrites);
  await pushAllApplied(t, devices.conseillerAilleurs, southWrites);

  const south = solutionOf(OTHER_PLATFORM.id, { name: 'E2C du Var (fictif)' });
  await t.db.transaction(async (tx) => {
    const version = await nextVersion(tx, OTHER_PLATFORM.id);
    const { id: _id, ...fields } = south;
    await insertRecord(tx, {
      id: south.id,
      entity: 'solution',
      platformId: OTHER_PLATFORM.id,
      referentId: null,
      youngPersonId: null,
      version,
      data: south,
      stamps: stampAll(fields, SERVER_WRITER, version),
      agentId: null,
      now: t.time.clock(),
    });
  });
  labels.set(north.id, 'catalogue of PSAD Test Nord');
  labels.set(south.id, 'catalogue of PSAD Test Sud');
  return {
    devices,
    cases,
    solutions: [
      { id: north.id, platformId: PLATFORM.id },
      { id: south.id, platformId: OTHER_PLATFORM.id },
    ],
    labels,
  };
}

/** A device of an agent that nobody uses (registered directly), for the revocation probes. */
export async function spareDevice(t: TestApp, agent: AgentKey): Promise<string> {
  const id = randomUUID();
  const now = t.time.clock();
  await t.db.query('INSERT INTO devices (id, agent_id, name, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)', [
    id,
    AGENTS[agent].id,
    `Tablette de secours de ${agent}`,
    now,
  ]);
  return id;
}
