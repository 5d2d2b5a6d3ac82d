import { describe, expect, it } from 'vitest';
import {
  buildCaseloadEntries,
  campaignsOf,
  contactAgeLabel,
  countByStatus,
  filterCaseload,
  lastContactByPerson,
  needsCallBack,
  sortCaseload,
  type CaseloadCriteria,
  type CaseloadPerson,
} from '../../src/domain/caseload';
import { contractsEndingSoon, daysAheadLabel, upcomingCheckpoints } from '../../src/domain/day-agenda';
import type { Contract } from '../../src/domain/contract';
import { queryTerms } from '../../src/domain/search';
import { searchText, youngPersonSearchFields } from '../../src/domain/search-index';

const TODAY = '2026-11-29';
let nextId = 0;

function person(overrides: Partial<CaseloadPerson>): CaseloadPerson {
  nextId += 1;
  return {
    id: `p${nextId}`,
    lastName: 'Martin',
    firstNames: 'Léa',
    ine: '',
    birthDate: '2007-01-01',
    commune: 'Bron',
    lastSchoolName: '',
    status: 'contact_en_cours',
    origin: 'siei',
    campaign: '2026-09',
    ...overrides,
  };
}

const zoe = person({ lastName: 'Zola', firstNames: 'Zoé', birthDate: '2010-02-01', status: 'a_traiter' });
const eleonore = person({
  lastName: 'Élie',
  firstNames: 'Éléonore',
  birthDate: '2008-12-01',
  origin: 'gpds',
  campaign: '',
});
const adam = person({ lastName: 'Abadie', firstNames: 'Adam', birthDate: '', status: 'joint', campaign: '2026-10' });
const closed = person({ lastName: 'Bernard', firstNames: 'Noé', status: 'clos' });
const signed = person({ lastName: 'Caron', firstNames: 'Inès', status: 'contrat_signe' });
const met = person({ lastName: 'Dumas', firstNames: 'Yanis', status: 'entretien', campaign: '' });
const people = [zoe, eleonore, adam, closed, signed, met];

const contacts = lastContactByPerson([
  [eleonore.id, '2026-11-01T10:00:00.000Z'],
  [eleonore.id, '2026-11-20T10:00:00.000Z'],
  [adam.id, '2026-11-28T09:00:00.000Z'],
  [signed.id, '2026-09-01T09:00:00.000Z'],
]);
const texts = new Map(people.map((p) => [p.id, searchText(youngPersonSearchFields(p))]));
const entries = buildCaseloadEntries(people, texts, contacts, TODAY);
const entryOf = (p: CaseloadPerson) => entries.find((entry) => entry.person === p)!;

const ALL_OPEN: CaseloadCriteria = {
  terms: [],
  status: '',
  minorsOnly: false,
  origin: '',
  campaign: '',
  callBackOnly: false,
  callBackAfterDays: 15,
};
const names = (criteria: Partial<CaseloadCriteria>) =>
  filterCaseload(entries, { ...ALL_OPEN, ...criteria }).map((entry) => entry.person.firstNames);

describe('the last contact of each young person', () => {
  it('is the latest attempt, found in one pass over the index keys', () => {
    expect(contacts.get(eleonore.id)).toBe('2026-11-20T10:00:00.000Z');
    expect(contacts.has(zoe.id)).toBe(false);
    expect(
      lastContactByPerson([
        ['a', '2026-02-01'],
        ['a', '2026-01-01'],
      ]).get('a'),
    ).toBe('2026-02-01');
  });

  it('gives the days since then, or none for who was never contacted', () => {
    expect(entryOf(eleonore).daysSinceContact).toBe(9);
    expect(entryOf(adam).daysSinceContact).toBe(1);
    expect(entryOf(zoe).daysSinceContact).toBeNull();
    expect([null, 0, 1, 12, 1200].map(contactAgeLabel)).toEqual([
      'jamais',
      'aujourd’hui',
      'hier',
      'il y a 12 j',
      'il y a 1\u202f200 j',
    ]);
  });
});

describe('ages', () => {
  it('are computed on the day, minors flagged, unknown birth dates left unknown', () => {
    expect(entryOf(zoe)).toMatchObject({ age: 16, minor: true });
    expect(entryOf(eleonore)).toMatchObject({ age: 17, minor: true });
    expect(entryOf(closed)).toMatchObject({ age: 19, minor: false });
    expect(entryOf(adam)).toMatchObject({ age: null, minor: false });
  });
});

describe('"à relancer"', () => {
  it('is an open case worked on and not contacted for N days or more, or never', () => {
    expect(needsCallBack(entryOf(met), 15)).toBe(true);
    expect(needsCallBack(entryOf(eleonore), 15)).toBe(false);
    expect(needsCallBack(entryOf(eleonore), 9)).toBe(true);
    expect(needsCallBack(entryOf(adam), 1)).toBe(true);
    expect(needsCallBack(entryOf(adam), 2)).toBe(false);
  });

  it('leaves out cases still to handle (first contact), followed through a signed contract, or closed', () => {
    expect(needsCallBack(entryOf(zoe), 15)).toBe(false);
    expect(needsCallBack(entryOf(signed), 15)).toBe(false);
    expect(needsCallBack(entryOf(closed), 15)).toBe(false);
  });
});

describe('filters', () => {
  it('show open cases only, unless the closed ones are asked for', () => {
    expect(names({})).toEqual(['Zoé', 'Éléonore', 'Adam', 'Inès', 'Yanis']);
    expect(names({ status: 'clos' })).toEqual(['Noé']);
    expect(names({ status: 'joint' })).toEqual(['Adam']);
  });

  it('by minor, origin, campaign and call back (with its delay)', () => {
    expect(names({ minorsOnly: true })).toEqual(['Zoé', 'Éléonore']);
    expect(names({ origin: 'gpds' })).toEqual(['Éléonore']);
    expect(names({ campaign: '2026-10' })).toEqual(['Adam']);
    expect(names({ callBackOnly: true })).toEqual(['Yanis']);
    expect(names({ callBackOnly: true, callBackAfterDays: 5 })).toEqual(['Éléonore', 'Yanis']);
  });

  it('combine with the search words', () => {
    expect(names({ terms: queryTerms('eleonore') })).toEqual(['Éléonore']);
    expect(names({ terms: queryTerms('bron'), minorsOnly: true })).toEqual(['Zoé', 'Éléonore']);
    expect(names({ terms: queryTerms('dumas') })).toEqual(['Yanis']);
    expect(names({ terms: queryTerms('noe') })).toEqual([]);
  });
});

describe('sorting', () => {
  const sorted = (sort: 'name' | 'lastContact' | 'age') =>
    sortCaseload(entries, sort).map((entry) => entry.person.lastName);

  it('by name as a French reader sorts (É with E), by last contact (never first, then oldest), by age (youngest first)', () => {
    expect(sorted('name')).toEqual(['Abadie', 'Bernard', 'Caron', 'Dumas', 'Élie', 'Zola']);
    expect(sorted('lastContact')).toEqual(['Bernard', 'Dumas', 'Zola', 'Caron', 'Élie', 'Abadie']);
    expect(sorted('age')).toEqual(['Zola', 'Élie', 'Bernard', 'Caron', 'Dumas', 'Abadie']);
  });

  it('does not change the list it is given', () => {
    const before = entries.map((entry) => entry.person.id);
    sortCaseload(entries, 'age');
    expect(entries.map((entry) => entry.person.id)).toEqual(before);
  });
});

describe('counts and campaigns', () => {
  it('count the cases at each status, closed ones under "clos"', () => {
    const counts = countByStatus(entries);
    expect(counts).toMatchObject({
      a_traiter: 1,
      contact_en_cours: 1,
      joint: 1,
      entretien: 1,
      clos: 1,
      contrat_signe: 1,
      bilan: 0,
    });
  });

  it('list the SIEI campaigns present, newest first', () => {
    expect(campaignsOf(people)).toEqual(['2026-10', '2026-09']);
  });
});

describe('the day’s agenda', () => {
  const contract = (overrides: Partial<Contract>) =>
    ({
      id: `c${(nextId += 1)}`,
      youngPersonId: 'p1',
      state: 'en_cours',
      solutionLabel: 'CAP Cuisine',
      startDate: '2026-09-01',
      endDate: '2027-06-30',
      checkpoints: [],
      ...overrides,
    }) as Contract;
  const running = contract({
    checkpoints: [
      { date: '2026-11-28', label: 'Passé' },
      { date: '2026-12-13', label: 'Dans 14 jours' },
      { date: '2026-11-29', label: 'Aujourd’hui' },
      { date: '2026-12-14', label: 'Trop loin' },
    ],
  });
  const draft = contract({ state: 'brouillon', checkpoints: [{ date: '2026-12-01', label: 'Brouillon' }] });
  const ending = contract({ endDate: '2026-12-20' });
  const ended = contract({ state: 'termine', endDate: '2026-12-01' });

  it('lists the checkpoints of running contracts in the next 14 days, soonest first', () => {
    const due = upcomingCheckpoints([running, draft, ending], TODAY);
    expect(due.map((c) => [c.label, c.daysUntil])).toEqual([
      ['Aujourd’hui', 0],
      ['Dans 14 jours', 14],
    ]);
  });

  it('lists the running contracts ending within 30 days', () => {
    const endings = contractsEndingSoon([running, ending, ended, contract({ endDate: '' })], TODAY);
    expect(endings.map((e) => [e.contractId, e.daysLeft])).toEqual([[ending.id, 21]]);
    expect([0, 1, 5].map(daysAheadLabel)).toEqual(['aujourd’hui', 'demain', 'dans 5 j']);
  });
});
