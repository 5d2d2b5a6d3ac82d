import type { ContactAttempt } from '../../../src/domain/case-records';
import type { ContactChannel, ContactResult } from '../../../src/domain/enums';
import type { YoungPerson } from '../../../src/domain/young-person';
import { DEMO_AGENTS, generateDemoYoungPeople } from '../../../src/server/demo/demo-data';
import { seededRandom } from '../../../src/server/demo/random';

/**
 * A large caseload for performance figures: `count` fictional young people
 * (the demo generator, same seed, same people every time) and about
 * `contactsPerPerson` contact attempts each, spread over the 120 days before
 * `now` (some recent, some to call back).
 */
export interface GeneratedCaseload {
  people: YoungPerson[];
  contactAttempts: ContactAttempt[];
}

const CHANNELS: readonly ContactChannel[] = ['telephone', 'telephone', 'sms', 'courriel'];
const RESULTS: readonly ContactResult[] = ['message_laisse', 'injoignable', 'joint'];

export function generateCaseload(
  count: number,
  contactsPerPerson = 10,
  seed = 5000,
  now = new Date(),
): GeneratedCaseload {
  const random = seededRandom(seed);
  const authorId = DEMO_AGENTS[0]!.id;
  const people = generateDemoYoungPeople(count, seed);
  const contactAttempts = people.flatMap((person) =>
    Array.from({ length: random.int(contactsPerPerson - 3, contactsPerPerson + 3) }, () => ({
      id: random.uuid(),
      youngPersonId: person.id,
      authorId,
      occurredAt: new Date(now.getTime() - random.int(0, 120 * 24 * 60) * 60_000).toISOString(),
      channel: random.pick(CHANNELS),
      target: 'jeune' as const,
      guardianName: '',
      result: random.pick(RESULTS),
      note: '',
    })),
  );
  return { people, contactAttempts };
}
