import { describe, expect, it } from 'vitest';
import { youngPersonSchema } from '../../src/domain/young-person';
import { generateDemoCatalogue } from '../../src/server/demo/demo-catalogue';
import {
  DEMO_AGENTS,
  DEMO_PLATFORM,
  DEMO_TUTORED_CASES,
  DEMO_YOUNG_PEOPLE,
  generateDemoYoungPeople,
  nameDemoTutor,
} from '../../src/server/demo/demo-data';
import { generateDemoCases } from '../../src/server/demo/demo-histories';

const people = generateDemoYoungPeople();
const agentId = (role: string) => DEMO_AGENTS.find((agent) => agent.role === role)?.id;

describe('demo data', () => {
  it('is the same on every generation', () => {
    expect(generateDemoYoungPeople()).toEqual(people);
  });

  it('depends on the seed', () => {
    expect(generateDemoYoungPeople(DEMO_YOUNG_PEOPLE, 1)).not.toEqual(people);
  });

  it('has about 200 young people, each with its own id, all on the demo platform', () => {
    expect(people).toHaveLength(200);
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
    expect(people.every((person) => person.platformId === DEMO_PLATFORM.id)).toBe(true);
  });

  it('passes the domain schema, every one of them', () => {
    const invalid = people
      .map((person) => ({ id: person.id, result: youngPersonSchema.safeParse(person) }))
      .filter(({ result }) => !result.success)
      .map(({ id, result }) => ({ id, issues: result.error?.issues }));
    expect(invalid).toEqual([]);
  });

  it('assigns 90 to the conseillère, 70 to the MLDS coordinator and leaves 40 to assign', () => {
    const byReferent = new Map<string | null, number>();
    for (const person of people) byReferent.set(person.referentId, (byReferent.get(person.referentId) ?? 0) + 1);
    expect(Object.fromEntries(byReferent)).toEqual({
      [agentId('conseiller')!]: 90,
      [agentId('mlds')!]: 70,
      null: 40,
    });
  });

  it('uses fictional contact details only', () => {
    for (const person of people) {
      expect(person.phone).toMatch(/^06 39 98 \d\d \d\d$/);
      if (person.email) expect(person.email).toMatch(/@example\.org$/);
    }
  });

  it('has an administrator on no platform, and names the tutor on the contracts of a few cases in progress', () => {
    expect(DEMO_AGENTS.filter((agent) => agent.platformId === null).map((agent) => agent.role)).toEqual(['admin']);
    const tutor = DEMO_AGENTS.find((agent) => agent.role === 'tuteur')!;
    const { records } = generateDemoCases(people, generateDemoCatalogue(), '2026-11-29');
    const named = nameDemoTutor(records);
    expect(named.tutoredCases).toHaveLength(DEMO_TUTORED_CASES);
    const tutorContracts = named.records.flatMap((record) =>
      record.entity === 'contract' && record.data.tutorId === tutor.id ? [record.data] : [],
    );
    expect(tutorContracts.map((contract) => contract.youngPersonId)).toEqual(named.tutoredCases);
    expect(tutorContracts.every((contract) => ['signe', 'en_cours'].includes(contract.state))).toBe(true);
    const changed = named.records.filter((record, index) => record !== records[index]);
    expect(changed.map((record) => record.data)).toEqual(tutorContracts);
  });
});
