import { describe, expect, it } from 'vitest';
import { needsCallBack, buildCaseloadEntries, lastContactByPerson } from '../../src/domain/caseload';
import { contractsEndingSoon, upcomingCheckpoints } from '../../src/domain/day-agenda';
import { caseStatus } from '../../src/domain/enums';
import { entities } from '../../src/domain/entities';
import { contractRefusalForPerson, type Contract } from '../../src/domain/contract';
import { CALL_BACK_AFTER_DAYS } from '../../src/domain/workflow';
import { isMinor, youngPersonSchema } from '../../src/domain/young-person';
import { generateDemoCatalogue } from '../../src/server/demo/demo-catalogue';
import { DEMO_AGENTS, generateDemoYoungPeople } from '../../src/server/demo/demo-data';
import { generateDemoCases, statusFromRecords, type DemoRecord } from '../../src/server/demo/demo-histories';

const TODAY = '2026-11-29';
const catalogue = generateDemoCatalogue();
const { people, records } = generateDemoCases(generateDemoYoungPeople(), catalogue, TODAY);
const conseillere = DEMO_AGENTS[0]!;
const recordsOf = (id: string) => records.filter((record) => record.data.youngPersonId === id);

/** The day (ISO date) each record happened on. */
function dayOf(record: DemoRecord): string {
  switch (record.entity) {
    case 'contactAttempt':
    case 'statusChange':
      return record.data.occurredAt.slice(0, 10);
    case 'contract':
      return record.data.signedOn;
    case 'proposal':
      return record.data.decidedOn || record.data.date;
    default:
      return record.data.date;
  }
}

describe('the demo case histories', () => {
  it('are the same on every generation for the same day, and depend on the seed', () => {
    expect(generateDemoCases(generateDemoYoungPeople(), catalogue, TODAY)).toEqual({ people, records });
    expect(generateDemoCases(generateDemoYoungPeople(), catalogue, TODAY, 1).records).not.toEqual(records);
  });

  it('pass the domain schemas, every record and every young person', () => {
    const invalid = records
      .map((record) => ({ record, result: entities[record.entity].record.safeParse(record.data) }))
      .filter(({ result }) => !result.success)
      .map(({ record, result }) => ({ entity: record.entity, issues: result.error?.issues }));
    expect(invalid).toEqual([]);
    expect(people.filter((person) => !youngPersonSchema.safeParse(person).success)).toEqual([]);
  });

  it('give each young person the status their records lead to', () => {
    for (const person of people) expect(person.status).toBe(statusFromRecords(recordsOf(person.id)));
  });

  it('happened before today, each case in order', () => {
    for (const person of people) {
      const days = recordsOf(person.id).map(dayOf);
      expect(days.every((day) => day < TODAY)).toBe(true);
      const contacts = recordsOf(person.id).filter((record) => record.entity === 'contactAttempt');
      const moments = contacts.map((record) => record.data.occurredAt);
      expect(moments).toEqual([...moments].sort());
    }
  });

  it('are written by the referent of the case; unassigned young people are still to handle', () => {
    for (const person of people) {
      for (const record of recordsOf(person.id)) {
        if ('authorId' in record.data) expect(record.data.authorId).toBe(person.referentId);
      }
      if (person.referentId === null) expect(person.status).toBe('a_traiter');
    }
  });

  it('give the demo conseillère a few cases at every step, calls to make, checkpoints coming and contracts ending', () => {
    const hers = people.filter((person) => person.referentId === conseillere.id);
    for (const status of caseStatus.values) {
      expect(hers.filter((person) => person.status === status).length, status).toBeGreaterThanOrEqual(
        status === 'clos' ? 1 : 3,
      );
    }
    const ids = new Set(hers.map((person) => person.id));
    const contracts = records
      .filter((record): record is Extract<DemoRecord, { entity: 'contract' }> => record.entity === 'contract')
      .map((record) => record.data)
      .filter((contract) => ids.has(contract.youngPersonId));
    expect(upcomingCheckpoints(contracts, TODAY).length).toBeGreaterThan(0);
    expect(contractsEndingSoon(contracts, TODAY).length).toBeGreaterThan(0);

    const keys = records
      .filter((record) => record.entity === 'contactAttempt')
      .map((record) => [record.data.youngPersonId, record.data.occurredAt] as const);
    const entries = buildCaseloadEntries(hers, new Map(), lastContactByPerson(keys), TODAY);
    const toCallBack = entries.filter((entry) => needsCallBack(entry, CALL_BACK_AFTER_DAYS));
    const contactedLongAgo = toCallBack.filter((entry) => entry.lastContactAt !== null);
    expect(contactedLongAgo.length).toBeGreaterThan(0);
    expect(toCallBack.length).toBeLessThan(hers.length / 2);
  });

  it('give a minor’s signed contract a legal guardian, and closed cases their outcome', () => {
    const byId = new Map(people.map((person) => [person.id, person]));
    for (const record of records) {
      if (record.entity !== 'contract') continue;
      const person = byId.get(record.data.youngPersonId)!;
      expect(contractRefusalForPerson(record.data as Contract, isMinor(person, TODAY))).toBeNull();
    }
    for (const person of people.filter((p) => p.status === 'clos')) {
      expect(person.outcome).not.toBe('');
      expect(person.closedOn < TODAY).toBe(true);
    }
  });
});
