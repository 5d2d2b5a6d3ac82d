import { stampAll } from '../../domain/merge';
import { youngPersonSchema } from '../../domain/young-person';
import type { Clock } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../store/database';
import { countAgents, insertAgent, insertPlatform } from '../store/agents-repo';
import { insertRecord, nextVersion } from '../store/records-repo';
import { SERVER_WRITER } from '../sync/case-rules';
import { DEMO_AGENTS, DEMO_PLATFORM, generateDemoYoungPeople } from './demo-data';

export { SERVER_WRITER };

/**
 * Loads the demo platform, agents and young people into an empty database,
 * in one transaction. Does nothing when any agent exists already.
 */
export async function seedDemo(db: Database, password: string, clock: Clock): Promise<boolean> {
  if ((await countAgents(db)) > 0) return false;
  const passwordHash = await hashPassword(password);
  const people = generateDemoYoungPeople().map((person) => youngPersonSchema.parse(person));
  await db.transaction(async (tx) => {
    const now = clock();
    await insertPlatform(tx, DEMO_PLATFORM);
    for (const agent of DEMO_AGENTS) {
      await insertAgent(tx, { ...agent, platformId: DEMO_PLATFORM.id, passwordHash });
    }
    for (const person of people) {
      const version = await nextVersion(tx, DEMO_PLATFORM.id);
      const { id: _id, ...fields } = person;
      await insertRecord(tx, {
        id: person.id,
        entity: 'youngPerson',
        platformId: person.platformId,
        referentId: person.referentId,
        youngPersonId: person.id,
        version,
        data: person,
        stamps: stampAll(fields, SERVER_WRITER, version),
        agentId: null,
        now,
      });
    }
  });
  return true;
}
