import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../src/domain/sync-messages';
import {
  blankYoungPerson,
  isMinor,
  todayIso,
  YOUNG_PERSON_FIELDS,
  youngPersonChangesSchema,
  youngPersonSchema,
  type YoungPerson,
} from '../../src/domain/young-person';

const ID = '5b6c7d8e-2f3a-4b5c-8d9e-000000000001';
const PLATFORM_ID = '3f1c9a52-7d4e-4b1a-8c2d-1e0f5a6b7c01';
const REFERENT_ID = '7a2b3c4d-1e2f-4a5b-9c6d-000000000001';

/** An ISO date `years` years before today (the schema checks ages against the real date); 29 February counts as the 28th. */
function yearsAgo(years: number): string {
  const [year, month, day] = todayIso().split('-');
  return `${Number(year) - years}-${month}-${month === '02' && day === '29' ? '28' : day}`;
}

function validPerson(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    ...blankYoungPerson(ID, PLATFORM_ID, REFERENT_ID),
    ine: '123456789AB',
    lastName: 'Martin',
    firstNames: 'Léa',
    birthDate: yearsAgo(17),
    origin: 'siei',
    campaign: '2026-09',
    ...overrides,
  };
}

function issuesOf(value: unknown) {
  const result = youngPersonSchema.safeParse(value);
  return result.success ? [] : toFieldIssues(result.error);
}

describe('youngPersonSchema', () => {
  it('accepts a complete record and normalises what was typed', () => {
    const parsed = youngPersonSchema.parse(
      validPerson({
        lastName: '  Martin ',
        ine: '123456789ab',
        lastSchoolUai: '0691234a',
        guardians: [{ relation: 'mere', name: 'Anne Martin', phone: '06 39 98 00 01', email: '' }],
      }),
    );
    expect(parsed).toMatchObject({ lastName: 'Martin', ine: '123456789AB', lastSchoolUai: '0691234A' });
  });

  it('names each invalid field with its French message', () => {
    expect(issuesOf(validPerson({ lastName: '', firstNames: ' ', ine: '42', sex: 'X' as never }))).toEqual([
      { path: 'ine', message: 'INE invalide : 10 chiffres et une lettre, ou 9 chiffres et deux lettres' },
      { path: 'lastName', message: 'Le nom est obligatoire' },
      { path: 'firstNames', message: 'Le prénom est obligatoire' },
      { path: 'sex', message: 'Sexe invalide' },
    ]);
  });

  it('rejects an impossible birth date with one message, and an improbable age', () => {
    expect(issuesOf(validPerson({ birthDate: '2010-02-30' }))).toEqual([
      { path: 'birthDate', message: 'Date invalide (format attendu : JJ/MM/AAAA)' },
    ]);
    const improbable = "Date de naissance improbable : l'âge doit être compris entre 14 et 30 ans";
    expect(issuesOf(validPerson({ birthDate: yearsAgo(13) }))).toEqual([{ path: 'birthDate', message: improbable }]);
    expect(issuesOf(validPerson({ birthDate: yearsAgo(31) }))).toEqual([{ path: 'birthDate', message: improbable }]);
    expect(issuesOf(validPerson({ birthDate: yearsAgo(14) }))).toEqual([]);
    expect(issuesOf(validPerson({ birthDate: yearsAgo(30) }))).toEqual([]);
  });

  it('requires the campaign of a young person from the SIEI lists', () => {
    expect(issuesOf(validPerson({ origin: 'siei', campaign: '' }))).toEqual([
      { path: 'campaign', message: 'La campagne SIEI est obligatoire (AAAA-MM)' },
    ]);
    expect(issuesOf(validPerson({ origin: 'gpds', campaign: '' }))).toEqual([]);
  });

  it('requires an outcome and a closing date for a closed case, and an outcome only then', () => {
    expect(issuesOf(validPerson({ status: 'clos' }))).toEqual([
      { path: 'outcome', message: 'Un dossier clos doit avoir un code de sortie' },
      { path: 'closedOn', message: 'Un dossier clos doit avoir une date de clôture' },
    ]);
    expect(issuesOf(validPerson({ status: 'clos', outcome: 'apprentissage', closedOn: '2026-10-01' }))).toEqual([]);
    expect(issuesOf(validPerson({ status: 'joint', outcome: 'apprentissage' }))).toEqual([
      { path: 'outcome', message: 'Seul un dossier clos a un code de sortie' },
    ]);
  });

  it('refuses fields it does not know, and more than four guardians', () => {
    expect(issuesOf({ ...validPerson(), nir: '1 09 03 59 000 000' }).map((issue) => issue.path)).toEqual(['']);
    const guardian = { relation: 'autre', name: 'Tata', phone: '', email: '' } as const;
    expect(issuesOf(validPerson({ guardians: [guardian, guardian, guardian, guardian, guardian] }))).toEqual([
      { path: 'guardians', message: 'Quatre représentants légaux au maximum' },
    ]);
  });

  it('requires a platform and accepts an unassigned case', () => {
    expect(issuesOf(validPerson({ referentId: null }))).toEqual([]);
    expect(issuesOf(validPerson({ platformId: 'PSAD-69' }))).toEqual([
      { path: 'platformId', message: 'Identifiant invalide' },
    ]);
  });
});

describe('youngPersonChangesSchema', () => {
  it('accepts any subset of the editable fields, normalised', () => {
    expect(youngPersonChangesSchema.parse({ phone: '06 39 98 00 02' })).toEqual({ phone: '06 39 98 00 02' });
    expect(youngPersonChangesSchema.parse({ ine: '1234567890a', commune: ' Bron ' })).toEqual({
      ine: '1234567890A',
      commune: 'Bron',
    });
  });

  it('refuses an empty edit', () => {
    const result = youngPersonChangesSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Aucune modification']);
  });

  it('refuses the assignment fields and the id, which a person edit never carries', () => {
    for (const field of ['referentId', 'platformId', 'id']) {
      const result = youngPersonChangesSchema.safeParse({ [field]: null, phone: '' });
      expect(result.success, field).toBe(false);
    }
  });

  it('checks each changed field like the whole record does', () => {
    const result = youngPersonChangesSchema.safeParse({ lastName: '', leftSchoolOn: '2026-02-30', status: 'fini' });
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!).map((issue) => issue.path)).toEqual(['lastName', 'leftSchoolOn', 'status']);
    expect(toFieldIssues(result.error!)[2]?.message).toBe('Statut à choisir dans la liste');
  });
});

describe('blankYoungPerson', () => {
  it('has every editable field, empty, on the given platform and referent', () => {
    const blank = blankYoungPerson(ID, PLATFORM_ID, null);
    expect(Object.keys(blank).sort()).toEqual(['id', 'platformId', 'referentId', ...YOUNG_PERSON_FIELDS].sort());
    expect(blank).toMatchObject({
      id: ID,
      platformId: PLATFORM_ID,
      referentId: null,
      status: 'a_traiter',
      origin: 'spontane',
      guardians: [],
    });
  });

  it('is valid once the required fields are filled in, and not before', () => {
    const blank = blankYoungPerson(ID, PLATFORM_ID, REFERENT_ID);
    expect(issuesOf(blank).map((issue) => issue.path)).toEqual(['lastName', 'firstNames', 'birthDate']);
    expect(issuesOf({ ...blank, lastName: 'Martin', firstNames: 'Léa', birthDate: yearsAgo(16) })).toEqual([]);
  });
});

describe('isMinor', () => {
  it('is true until the 18th birthday, on the given day', () => {
    expect(isMinor({ birthDate: '2008-10-05' }, '2026-10-04')).toBe(true);
    expect(isMinor({ birthDate: '2008-10-05' }, '2026-10-05')).toBe(false);
  });

  it('is false when the birth date is unknown', () => {
    expect(isMinor({ birthDate: '' }, '2026-10-05')).toBe(false);
  });

  it('uses today by default', () => {
    expect(isMinor({ birthDate: yearsAgo(17) })).toBe(true);
    expect(isMinor({ birthDate: yearsAgo(18) })).toBe(false);
  });
});
