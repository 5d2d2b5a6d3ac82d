import type { ContactAttempt, Meeting } from '../../src/domain/case-records';
import type { CaseStatus } from '../../src/domain/enums';
import type { RecordChange } from '../../src/domain/sync-messages';
import type { YoungPerson } from '../../src/domain/young-person';
import {
  CHECKPOINT_NOTES,
  CONTACT_NOTES,
  INTERVIEW_NOTES,
  MEETING_PLACES,
  NEXT_STEPS,
} from '../../src/server/demo/demo-case-texts';
import { DEMO_AGENTS, DEMO_PLATFORM, generateDemoYoungPeople } from '../../src/server/demo/demo-data';
import { seededRandom } from '../../src/server/demo/random';

/**
 * The device's data for the figures, as the endpoint would send it: a
 * platform's young people (French names with accents, from the demo
 * generator) with about ten records each — contact attempts with their
 * notes, interviews and follow-up points — all as pull changes.
 *
 * - The first `caseload` people are one adviser's open cases.
 * - The first person has exactly 50 records (a case file with 50 timeline entries).
 * - `changed`: what a week on the road brings back — new records for existing
 *   people and new versions of some people.
 */
export const ADVISER_ID = DEMO_AGENTS[0]!.id;
const OTHER_ADVISERS = DEMO_AGENTS.filter(
  (agent) => (agent.role === 'conseiller' || agent.role === 'mlds') && agent.id !== ADVISER_ID,
).map((agent) => agent.id);
const CLOSED: CaseStatus = 'clos';

export interface WorkloadSizes {
  people: number;
  recordsPerPerson: number;
  changed: number;
  caseload: number;
}

export interface Workload {
  people: YoungPerson[];
  /** Every record and young person as pull changes, versions 1, 2, 3… */
  changes: RecordChange[];
  changed: RecordChange[];
  focusPersonId: string;
}

type CaseRecord = { entity: 'contactAttempt'; data: ContactAttempt } | { entity: 'meeting'; data: Meeting };

const NOW = Date.parse('2026-10-05T08:00:00.000Z');

function makeRecord(random: ReturnType<typeof seededRandom>, person: YoungPerson): CaseRecord {
  const authorId = person.referentId ?? ADVISER_ID;
  const when = new Date(NOW - random.int(0, 120 * 24 * 60) * 60_000).toISOString();
  const draw = random.next();
  if (draw < 0.6) {
    const result = random.pick(['joint', 'message_laisse', 'injoignable'] as const);
    return {
      entity: 'contactAttempt',
      data: {
        id: random.uuid(),
        youngPersonId: person.id,
        authorId,
        occurredAt: when,
        channel: random.pick(['telephone', 'telephone', 'sms', 'courriel'] as const),
        target: 'jeune',
        guardianName: '',
        result,
        note: random.pick(CONTACT_NOTES[result]),
      },
    };
  }
  const interview = draw < 0.85;
  return {
    entity: 'meeting',
    data: {
      id: random.uuid(),
      youngPersonId: person.id,
      authorId,
      kind: interview ? 'entretien' : 'point_etape',
      date: when.slice(0, 10),
      place: random.pick(MEETING_PLACES),
      participants: 'Le jeune, sa mère',
      notes: interview ? random.pick(INTERVIEW_NOTES) : random.pick(CHECKPOINT_NOTES),
      nextSteps: random.pick(NEXT_STEPS),
      contractId: '',
      attendance: interview ? '' : random.pick(['assidu', 'irregulier', 'absent'] as const),
    },
  };
}

export function generateWorkload(sizes: WorkloadSizes, seed = 2026): Workload {
  const random = seededRandom(seed);
  const people = generateDemoYoungPeople(sizes.people, seed).map((person, index) => ({
    ...person,
    platformId: DEMO_PLATFORM.id,
    referentId: index < sizes.caseload ? ADVISER_ID : random.pick(OTHER_ADVISERS),
    status: index < sizes.caseload && person.status === CLOSED ? ('contact_en_cours' as const) : person.status,
  }));
  let version = 0;
  const change = (entity: RecordChange['entity'], data: { id: string }): RecordChange => ({
    entity,
    id: data.id,
    version: (version += 1),
    op: 'upsert',
    data: data as unknown as Record<string, unknown>,
    updatedAt: new Date(NOW).toISOString(),
    updatedBy: ADVISER_ID,
  });
  const changes: RecordChange[] = [];
  for (const [index, person] of people.entries()) {
    changes.push(change('youngPerson', person));
    const count = index === 0 ? 50 : random.int(sizes.recordsPerPerson - 3, sizes.recordsPerPerson + 3);
    for (let n = 0; n < count; n += 1) {
      const record = makeRecord(random, person);
      changes.push(change(record.entity, record.data));
    }
  }
  const changed: RecordChange[] = [];
  for (let n = 0; n < sizes.changed; n += 1) {
    const person = people[random.int(1, people.length - 1)]!;
    if (n % 5 === 0) {
      const edited: YoungPerson = { ...person, phone: `06 39 98 ${random.digits(2)} ${random.digits(2)}` };
      changed.push(change('youngPerson', edited));
    } else {
      const record = makeRecord(random, person);
      changed.push(change(record.entity, record.data));
    }
  }
  return { people, changes, changed, focusPersonId: people[0]!.id };
}

/** The changes in pages, as the endpoint sends them. */
export function pages(changes: readonly RecordChange[], size: number): RecordChange[][] {
  return Array.from({ length: Math.ceil(changes.length / size) }, (_, index) =>
    changes.slice(index * size, (index + 1) * size),
  );
}

/** A change as the device stores it: the record with what the device keeps of its server copy. */
export function storedForm(change: RecordChange): Record<string, unknown> & { id: string } {
  return { ...change.data, id: change.id, serverVersion: change.version, serverUpdatedAt: change.updatedAt };
}
