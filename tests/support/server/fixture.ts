import type { Role } from '../../../src/domain/enums';
import { stampAll } from '../../../src/domain/merge';
import { blankYoungPerson, youngPersonSchema, type YoungPerson } from '../../../src/domain/young-person';
import { hashPassword } from '../../../src/server/auth/passwords';
import { SERVER_WRITER } from '../../../src/server/demo/seed-demo';
import { insertAgent, insertPlatform } from '../../../src/server/store/agents-repo';
import type { Database } from '../../../src/server/store/database';
import { insertRecord, nextVersion } from '../../../src/server/store/records-repo';

/**
 * A small, known world for server tests: two platforms, the four roles of
 * the main platform (conseiller, MLDS, tuteur, coordinator), a conseiller of
 * another one, the académie's admin, and five young people.
 */
export const FIXTURE_PASSWORD = 'Mot-de-passe-des-tests-1';
export const FIXTURE_NOW = new Date('2026-10-05T08:00:00.000Z');

export const PLATFORM = {
  id: '3f1c9a52-7d4e-4b1a-8c2d-1e0f5a6b7c01',
  name: 'PSAD Test Nord',
  departement: 'Nord',
  academie: 'Lille',
};
export const OTHER_PLATFORM = {
  id: '3f1c9a52-7d4e-4b1a-8c2d-1e0f5a6b7c02',
  name: 'PSAD Test Sud',
  departement: 'Var',
  academie: 'Nice',
};

export interface FixtureAgent {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** null for the admin, who belongs to no platform. */
  platformId: string | null;
}

export const AGENTS = {
  conseiller: {
    id: '7a2b3c4d-1e2f-4a5b-9c6d-000000000001',
    email: 'conseiller@test.example',
    displayName: 'Claire Conseil',
    role: 'conseiller',
    platformId: PLATFORM.id,
  },
  mlds: {
    id: '7a2b3c4d-1e2f-4a5b-9c6d-000000000002',
    email: 'mlds@test.example',
    displayName: 'Mehdi Mlds',
    role: 'mlds',
    platformId: PLATFORM.id,
  },
  coordinateur: {
    id: '7a2b3c4d-1e2f-4a5b-9c6d-000000000003',
    email: 'coordination@test.example',
    displayName: 'Corinne Coordination',
    role: 'coordinateur',
    platformId: PLATFORM.id,
  },
  conseillerAilleurs: {
    id: '7a2b3c4d-1e2f-4a5b-9c6d-000000000004',
    email: 'conseiller.sud@test.example',
    displayName: 'Sami Sud',
    role: 'conseiller',
    platformId: OTHER_PLATFORM.id,
  },
  /** Referent of no fixture case: sees a case once a contract names them tutor. */
  tuteur: {
    id: '7a2b3c4d-1e2f-4a5b-9c6d-000000000005',
    email: 'tuteur@test.example',
    displayName: 'Thomas Tuteur',
    role: 'tuteur',
    platformId: PLATFORM.id,
  },
  /** The académie's administrator: platforms and accounts, no platform, no case content. */
  admin: {
    id: '7a2b3c4d-1e2f-4a5b-9c6d-000000000006',
    email: 'admin@test.example',
    displayName: 'Adèle Admin',
    role: 'admin',
    platformId: null,
  },
} as const satisfies Record<string, FixtureAgent>;
export type AgentKey = keyof typeof AGENTS;

/** A valid young person; `overrides` replace any field. */
export function youngPerson(overrides: Partial<YoungPerson> & Pick<YoungPerson, 'id'>): YoungPerson {
  return {
    ...blankYoungPerson(overrides.id, PLATFORM.id, AGENTS.conseiller.id),
    ine: '123456789AB',
    lastName: 'Martin',
    firstNames: 'Léa',
    sex: 'F',
    birthDate: '2009-03-14',
    postalCode: '59000',
    commune: 'Lille',
    phone: '06 39 98 00 01',
    origin: 'siei',
    campaign: '2026-09',
    status: 'a_traiter',
    ...overrides,
  };
}

export const PEOPLE = {
  /** Followed by the conseiller. */
  alice: youngPerson({ id: '5b6c7d8e-2f3a-4b5c-8d9e-000000000001', lastName: 'Arnaud', firstNames: 'Alice' }),
  bastien: youngPerson({
    id: '5b6c7d8e-2f3a-4b5c-8d9e-000000000002',
    lastName: 'Bernard',
    firstNames: 'Bastien',
    sex: 'M',
  }),
  /** Followed by the MLDS coordinator. */
  chloe: youngPerson({
    id: '5b6c7d8e-2f3a-4b5c-8d9e-000000000003',
    lastName: 'Caron',
    firstNames: 'Chloé',
    referentId: AGENTS.mlds.id,
  }),
  /** Not yet assigned. */
  david: youngPerson({
    id: '5b6c7d8e-2f3a-4b5c-8d9e-000000000004',
    lastName: 'Dumont',
    firstNames: 'David',
    referentId: null,
  }),
  /** On the other platform. */
  emma: youngPerson({
    id: '5b6c7d8e-2f3a-4b5c-8d9e-000000000005',
    lastName: 'Espinasse',
    firstNames: 'Emma',
    platformId: OTHER_PLATFORM.id,
    referentId: AGENTS.conseillerAilleurs.id,
    postalCode: '83000',
    commune: 'Toulon',
  }),
} satisfies Record<string, YoungPerson>;
export type PersonKey = keyof typeof PEOPLE;

/** argon2 is deliberately slow: hash the fixture password once per test file. */
let passwordHash: Promise<string> | undefined;
export function fixturePasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  return passwordHash;
}

/** Empties every table of the schema and loads the fixture, in one transaction. */
export async function loadFixture(db: Database): Promise<void> {
  const hash = await fixturePasswordHash();
  await db.transaction(async (tx) => {
    await tx.query(
      'TRUNCATE audit_events, case_tutors, login_attempts, refresh_tokens, mutations, sessions, devices, records, scope_exits, platform_clocks, agents, platforms CASCADE',
    );
    for (const platform of [PLATFORM, OTHER_PLATFORM]) await insertPlatform(tx, platform);
    for (const agent of Object.values(AGENTS)) {
      await insertAgent(tx, { ...agent, structure: 'Structure de test', passwordHash: hash });
    }
    for (const person of Object.values(PEOPLE)) {
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
