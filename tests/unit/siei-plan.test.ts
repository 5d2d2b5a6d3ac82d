import { describe, expect, it } from 'vitest';
import { stampAll } from '../../src/domain/merge';
import { countCategories, planSieiImport, type KnownPerson } from '../../src/domain/siei/plan';
import { readSieiRow, type ImportRow } from '../../src/domain/siei/row';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '3f1c9a52-7d4e-4b1a-8c2d-1e0f5a6b7c01';
const SERVER = 'server';
const DEVICE = 'a-tablet';
const OPTIONS = { campaign: '2026-11', day: '2026-11-29', endpointWriter: SERVER };

function row(line: number, cells: Record<string, string>): ImportRow {
  const read = readSieiRow(line, cells);
  if (!('row' in read)) throw new Error(read.rejected.reasons.join(', '));
  return read.row;
}

/** A young person of the platform, every field last written by `writer` (an import, or a person's device). */
function known(id: string, fields: Partial<YoungPerson>, writer = SERVER): KnownPerson {
  const data = {
    ...blankYoungPerson(id, PLATFORM, null),
    lastName: 'Lefèvre',
    firstNames: 'Hélène',
    birthDate: '2009-03-14',
    origin: 'siei',
    campaign: '2026-10',
    ...fields,
  };
  return { id, data, stamps: stampAll(data, writer, 1) };
}

const HELENE = { lastName: 'Lefèvre', firstNames: 'Hélène', birthDate: '14/03/2009' };

describe('matching a row with the platform’s young people', () => {
  it('matches on the INE first, whatever the name says', () => {
    const person = known('p1', { ine: '1234567890A', lastName: 'Lefebvre' });
    const [plan] = planSieiImport([row(2, { ...HELENE, ine: '1234567890A' })], [person], OPTIONS);
    expect(plan).toMatchObject({ category: 'update', caseId: 'p1', changes: { lastName: 'Lefèvre' } });
  });

  it('else on last name, first names and birth date, ignoring accents, case and hyphens', () => {
    const person = known('p1', { lastName: 'LEFEVRE', firstNames: 'Hélène-Marie' }, DEVICE);
    const [plan] = planSieiImport(
      [row(2, { lastName: 'Lefèvre', firstNames: 'helene marie', birthDate: '14/03/2009' })],
      [person],
      OPTIONS,
    );
    expect(plan).toMatchObject({ category: 'unchanged', caseId: 'p1' });
  });

  it('never matches two different INEs, even with the same name and birth date (twins, homonyms)', () => {
    const person = known('p1', { ine: '1234567890A' });
    const [plan] = planSieiImport([row(2, { ...HELENE, ine: '1234567890B' })], [person], OPTIONS);
    expect(plan).toMatchObject({ category: 'new', caseId: null });
  });

  it('rejects a row that two young people without INE could be, rather than guessing', () => {
    const [plan] = planSieiImport([row(2, HELENE)], [known('p1', {}), known('p2', {})], OPTIONS);
    expect(plan?.category).toBe('rejected');
    expect(plan?.reasons[0]).toContain('rapprochement à faire à la main');
  });

  it('takes a second row about a known young person as a duplicate, even when written differently', () => {
    const person = known('p1', { ine: '1234567890A', lastName: 'Lefebvre' });
    const plans = planSieiImport(
      [row(2, { ...HELENE, ine: '1234567890A' }), row(3, { ...HELENE, lastName: 'Lefebvre' })],
      [person],
      OPTIONS,
    );
    expect(plans.map((plan) => [plan.category, plan.duplicateOf])).toEqual([
      ['update', null],
      ['duplicate', 2],
    ]);
  });
});

describe('what the list changes in a young person already followed', () => {
  const LIST = {
    ...HELENE,
    ine: '1234567890A',
    phone: '0612345678',
    commune: 'Lille',
    lastSchoolName: 'Lycée Nouveau (fictif)',
    guardianName: 'Sophie Lefèvre',
  };

  it('fills empty fields and updates those an earlier import wrote', () => {
    const person = known('p1', { ine: '1234567890A', lastSchoolName: 'Lycée Ancien (fictif)' });
    const [plan] = planSieiImport([row(2, LIST)], [person], OPTIONS);
    expect(plan?.changes).toEqual({
      phone: '06 12 34 56 78',
      commune: 'Lille',
      lastSchoolName: 'Lycée Nouveau (fictif)',
      guardians: [{ relation: 'autre', name: 'Sophie Lefèvre', phone: '', email: '' }],
    });
  });

  it('never overwrites what a person wrote, nor a list of guardians', () => {
    const person = known(
      'p1',
      {
        ine: '1234567890A',
        phone: '07 00 00 00 01',
        commune: 'Roubaix',
        lastSchoolName: 'Lycée Ancien (fictif)',
        guardians: [{ relation: 'pere', name: 'Marc Lefèvre', phone: '', email: '' }],
      },
      DEVICE,
    );
    const [plan] = planSieiImport([row(2, LIST)], [person], OPTIONS);
    expect(plan).toMatchObject({ category: 'unchanged', changes: {} });
  });

  it('never erases: a value the list leaves empty stays', () => {
    const person = known('p1', { ine: '1234567890A', phone: '07 00 00 00 01' });
    const [plan] = planSieiImport([row(2, { ...HELENE, ine: '1234567890A' })], [person], OPTIONS);
    expect(plan).toMatchObject({ category: 'unchanged', changes: {} });
  });

  it('reopens a closed case, back to “à traiter”, flagged, with the new campaign', () => {
    const person = known('p1', {
      ine: '1234567890A',
      status: 'clos',
      outcome: 'injoignable',
      closedOn: '2026-05-02',
      closingComment: 'Jamais joint',
    });
    const [plan] = planSieiImport([row(2, { ...HELENE, ine: '1234567890A' })], [person], OPTIONS);
    expect(plan).toMatchObject({
      category: 'reopen',
      caseId: 'p1',
      changes: {
        status: 'a_traiter',
        outcome: '',
        closedOn: '',
        closingComment: '',
        campaign: '2026-11',
        reappearedAt: '2026-11-29',
      },
    });
  });

  it('tells a young person already in solution apart, without touching the status', () => {
    const person = known('p1', { ine: '1234567890A', status: 'en_solution' });
    const [plan] = planSieiImport([row(2, { ...LIST })], [person], OPTIONS);
    expect(plan?.category).toBe('inSolution');
    expect(plan?.changes).not.toHaveProperty('status');
  });
});

describe('the counts', () => {
  it('counts every category, zero included', () => {
    const plans = planSieiImport([row(2, HELENE), row(3, HELENE), { ...row(4, HELENE), lastName: '' }], [], OPTIONS);
    expect(countCategories(plans)).toEqual({
      new: 1,
      update: 0,
      unchanged: 0,
      inSolution: 0,
      reopen: 0,
      duplicate: 1,
      rejected: 1,
    });
  });
});
