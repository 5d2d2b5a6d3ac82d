import { entities } from '../../domain/entities';
import { stampAll } from '../../domain/merge';
import { solutionSchema } from '../../domain/solution';
import type { EntityName } from '../../domain/sync-messages';
import { todayIso, youngPersonSchema, type YoungPerson } from '../../domain/young-person';
import type { Clock } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import type { Database, SqlExecutor } from '../store/database';
import { countAgents, insertAgent, insertPlatform } from '../store/agents-repo';
import { insertCaseTutor } from '../store/case-tutors-repo';
import { insertRecord, nextVersion } from '../store/records-repo';
import { SERVER_WRITER } from '../sync/case-rules';
import { generateDemoCatalogue } from './demo-catalogue';
import { DEMO_AGENTS, DEMO_PLATFORM, generateDemoYoungPeople, nameDemoTutor } from './demo-data';
import { generateDemoCases } from './demo-histories';
import { demoListingTimes } from './demo-listing';

export { SERVER_WRITER };

interface Placement {
  platformId: string;
  referentId: string | null;
  youngPersonId: string | null;
}

/** Stores one demo record with the next version, every field stamped by the server. */
async function insertDemoRecord(
  tx: SqlExecutor,
  entity: EntityName,
  data: Record<string, unknown> & { id: string },
  placement: Placement,
  now: Date,
): Promise<void> {
  const version = await nextVersion(tx, placement.platformId);
  const { id: _id, ...fields } = data;
  await insertRecord(tx, {
    id: data.id,
    entity,
    ...placement,
    version,
    data,
    stamps: stampAll(fields, SERVER_WRITER, version),
    agentId: null,
    now,
  });
}

/**
 * Loads the demo platform, agents (the administrator on no platform),
 * catalogue of solutions, young people and their case histories (laid out up
 * to the day of loading; the tutor named on a few contracts, and so given
 * those cases) into an empty database, in one transaction. Does nothing when
 * any agent exists already.
 */
export async function seedDemo(db: Database, password: string, clock: Clock): Promise<boolean> {
  if ((await countAgents(db)) > 0) return false;
  const passwordHash = await hashPassword(password);
  const now = clock();
  const catalogue = generateDemoCatalogue().map((solution) => solutionSchema.parse(solution));
  const cases = generateDemoCases(generateDemoYoungPeople(), catalogue, todayIso(now));
  const people = cases.people.map((person) => youngPersonSchema.parse(person));
  const peopleById = new Map<string, YoungPerson>(people.map((person) => [person.id, person]));
  const tutored = nameDemoTutor(cases.records);
  const records = tutored.records.map(({ entity, data }) => ({ entity, data: entities[entity].record.parse(data) }));
  const tutor = DEMO_AGENTS.find((agent) => agent.role === 'tuteur')!;
  const listedAt = demoListingTimes(people, records, now);
  await db.transaction(async (tx) => {
    await insertPlatform(tx, DEMO_PLATFORM);
    for (const agent of DEMO_AGENTS) {
      await insertAgent(tx, { ...agent, passwordHash });
    }
    const platform = { platformId: DEMO_PLATFORM.id, referentId: null, youngPersonId: null };
    for (const solution of catalogue) await insertDemoRecord(tx, 'solution', solution, platform, now);
    for (const person of people) {
      const placement = { platformId: person.platformId, referentId: person.referentId, youngPersonId: person.id };
      await insertDemoRecord(tx, 'youngPerson', person, placement, listedAt.get(person.id) ?? now);
    }
    for (const { entity, data } of records) {
      const person = peopleById.get(String(data.youngPersonId));
      if (!person) throw new Error(`Demo record ${String(data.id)} without its young person`);
      const placement = { platformId: person.platformId, referentId: person.referentId, youngPersonId: person.id };
      await insertDemoRecord(tx, entity, data as Record<string, unknown> & { id: string }, placement, now);
    }
    for (const caseId of tutored.tutoredCases) {
      await insertCaseTutor(tx, { caseId, agentId: tutor.id, platformId: DEMO_PLATFORM.id });
    }
  });
  return true;
}
