import { describe, expect, it } from 'vitest';
import { youngPersonSchema } from '../../src/domain/young-person';
import {
  DEMO_AGENTS,
  DEMO_PLATFORM,
  DEMO_YOUNG_PEOPLE,
  generateDemoYoungPeople,
} from '../../src/server/demo/demo-data';

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
});
