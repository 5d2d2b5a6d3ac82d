import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldHeader, mapHeader } from '../../src/domain/siei/columns';
import { decodeCsv, readCsv } from '../../src/domain/siei/csv';
import { planSieiImport } from '../../src/domain/siei/plan';
import { MAX_IMPORT_ROWS } from '../../src/domain/siei/messages';
import { readSieiFile } from '../../src/domain/siei/read-file';
import { importRowIssues, readSieiRow } from '../../src/domain/siei/row';
import { readFrenchDate, readLevel, readPhone, readPostalCode, readSex } from '../../src/domain/siei/values';
import { generateSieiFile } from '../support/siei/generate-siei-list';

const FIXTURES = new URL('../fixtures/siei/', import.meta.url);
const fixtureNames = readdirSync(FIXTURES).filter((name) => name.endsWith('.csv'));

/** What a fixture's expected preview says (tests/fixtures/siei/*.expected.json). */
interface Expected {
  error?: string;
  encoding?: string;
  delimiter?: string;
  headerLine?: number;
  imported?: string[];
  rejected?: { line: number; reasons: string[] }[];
  warnings?: string[];
  onEmptyPlatform?: string[];
}

const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

describe('the awkward real-world SIEI files (tests/fixtures/siei)', () => {
  it('has a fixture of each kind', () => {
    expect(fixtureNames).toEqual(
      expect.arrayContaining(['excel-windows-1252.csv', 'utf8-bom-comma.csv', 'rejets.csv', 'doublons.csv']),
    );
  });

  it.each(fixtureNames)('%s gives its expected preview', (name) => {
    const expected = JSON.parse(
      readFileSync(new URL(name.replace('.csv', '.expected.json'), FIXTURES), 'utf8'),
    ) as Expected;
    const result = readSieiFile(bytesOf(name));
    if (!result.ok) {
      expect(result.error).toBe(expected.error);
      return;
    }
    const { reading } = result;
    expect({
      encoding: reading.encoding,
      delimiter: reading.delimiter,
      headerLine: reading.headerLine,
      imported: reading.rows.map((row) =>
        `${row.line} ${row.lastName} ${row.firstNames} ${row.birthDate} ${row.ine}`.trim(),
      ),
      rejected: reading.rejected.map((row) => ({ line: row.line, reasons: row.reasons })),
      warnings: reading.warnings.map((warning) => `${warning.line} ${warning.message}`),
      onEmptyPlatform: planSieiImport(reading.rows, [], {
        campaign: '2026-11',
        day: '2026-11-29',
        endpointWriter: 'server',
      }).map(
        (plan) =>
          `${plan.line} ${plan.category}${plan.duplicateOf ? ` of ${plan.duplicateOf}` : ''}` +
          (plan.reasons.length ? `: ${plan.reasons.join(' / ')}` : ''),
      ),
    }).toEqual(expected);
  });

  it('reads Excel’s Windows-1252 file into the record’s values (accents, dropped zeros, guardian’s relation)', () => {
    const result = readSieiFile(bytesOf('excel-windows-1252.csv'));
    if (!result.ok) throw new Error(result.error);
    const [helene, moussa, zoe] = result.reading.rows;
    expect(helene).toMatchObject({
      lastName: 'Lefèvre',
      firstNames: 'Hélène',
      address: '3 rue des Érables',
      phone: '06 12 34 56 78', // written 612345678 by a spreadsheet that took it for a number
      guardianName: 'Sophie Lefèvre',
      guardianRelation: 'mere',
      guardianPhone: '03 20 00 00 01',
      lastSchoolUai: '0590001A',
      level: 'niveau_3',
      leftSchoolOn: '2026-06-30',
      leavingReason: 'Abandon en cours d’année'.replace('’', "'"),
    });
    expect(moussa).toMatchObject({
      ine: '234567890BC',
      postalCode: '01000',
      phone: '06 98 76 54 32',
      level: 'niveau_4',
    });
    expect(zoe).toMatchObject({ sex: 'F', birthDate: '2010-05-07', level: 'infra_3', guardianRelation: '' });
  });

  it('keeps separators, quotes and line breaks of quoted cells, and counts lines after them', () => {
    const result = readSieiFile(bytesOf('utf8-bom-comma.csv'));
    if (!result.ok) throw new Error(result.error);
    const [lucas, ines] = result.reading.rows;
    expect(lucas).toMatchObject({
      line: 2,
      ine: '3456789012D',
      lastName: 'Moreau, dit "Momo"',
      address: 'Résidence Les Tilleuls, bât. B appartement 12',
      guardianName: 'Moreau, Nathalie',
      lastSchoolName: 'Lycée du Parc, site nord (fictif)',
      formationLabel: 'CAP Électricien option B',
      leavingReason: 'Déménagement, puis abandon',
    });
    expect(ines?.line).toBe(5); // row 2 spans lines 2 to 4
  });
});

describe('decoding and cutting a CSV', () => {
  it('takes valid UTF-8 as UTF-8 (dropping a BOM) and anything else as Windows-1252', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x4e, 0xc3, 0xa9]))).toEqual({ text: 'Né', encoding: 'utf-8' });
    expect(decodeCsv(new Uint8Array([0x4e, 0xe9, 0x80, 0x92, 0x9c]))).toEqual({
      text: 'Né€’œ',
      encoding: 'windows-1252',
    });
  });

  it('numbers the rows by the line they start on (Excel: CRLF between rows, LF inside a cell)', () => {
    const reading = readCsv('a;b\r\n1;"x\ny"\r\n2;z\r\n3;w');
    expect(reading.rows.map((row) => [row.line, row.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\ny']],
      [4, ['2', 'z']],
      [5, ['3', 'w']],
    ]);
    expect(reading.delimiter).toBe(';');
    expect(readCsv('a,b\r1,"x\ry"\r2,z').rows.map((row) => row.line)).toEqual([1, 2, 4]); // old Mac line ends
  });

  it('tells its progress, from the first rows to the end', () => {
    const shares: number[] = [];
    const result = readSieiFile(generateSieiFile(3_000), { onProgress: (share) => shares.push(share) });
    expect(result.ok).toBe(true);
    expect(shares.length).toBeGreaterThan(4);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });

  it(`refuses a file of more than ${MAX_IMPORT_ROWS} rows, saying how to proceed`, () => {
    const result = readSieiFile(generateSieiFile(MAX_IMPORT_ROWS + 1));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Découpez-le') });
  });
});

describe('the header', () => {
  it.each([
    ['Date de naissance ', 'birthDate'],
    ['DATE NAISSANCE', 'birthDate'],
    ['Date de naissance (JJ/MM/AAAA)', 'birthDate'],
    ['Né(e) le', 'birthDate'],
    ['Nom', 'lastName'],
    ['  NOM  DE FAMILLE', 'lastName'],
    ['Prénoms', 'firstNames'],
    ['N° INE', 'ine'],
    ['Téléphone représentant', 'guardianPhone'],
    ['Téléphone', 'phone'],
    ['UAI dernier établissement', 'lastSchoolUai'],
    ['ÉTABLISSEMENT', 'lastSchoolName'],
  ])('recognises %j', (header, column) => {
    expect(mapHeader([header]).indexOf).toEqual({ [column]: 0 });
  });

  it('folds case, accents, punctuation and a bracketed hint away', () => {
    expect(foldHeader(' Date de Naissance (JJ/MM/AAAA) ')).toBe('date de naissance');
  });

  it('lists the headers it does not know and the required columns missing', () => {
    expect(mapHeader(['Nom', 'Nom', 'Couleur préférée', 'Prénom'])).toEqual({
      indexOf: { lastName: 0, firstNames: 3 },
      ignored: ['Nom', 'Couleur préférée'],
      missing: ['birthDate'],
    });
  });
});

describe('values as spreadsheets write them', () => {
  it.each([
    ['14/03/2009', '2009-03-14'],
    ['7/5/2010', '2010-05-07'],
    ['14-03-2009', '2009-03-14'],
    ['14.03.2009', '2009-03-14'],
    ['14/03/2009 00:00', '2009-03-14'],
    ['2009-03-14', '2009-03-14'],
  ])('reads the date %j', (raw, iso) => {
    expect(readFrenchDate(raw)).toEqual({ value: iso });
  });

  it.each([
    ['31/02/2008', 'date impossible'],
    ['29/02/2007', 'date impossible'],
    ['14/03/09', 'année sur deux chiffres : écrire JJ/MM/AAAA'],
    ['mars 2009', 'date illisible, format attendu : JJ/MM/AAAA'],
    ['39521', 'date illisible, format attendu : JJ/MM/AAAA'],
  ])('refuses the date %j', (raw, problem) => {
    expect(readFrenchDate(raw)).toEqual({ problem });
  });

  it('gives phone numbers and postal codes back the zero a spreadsheet dropped', () => {
    expect(readPhone('612345678')).toBe('06 12 34 56 78');
    expect(readPhone('06.12.34.56.78')).toBe('06 12 34 56 78');
    expect(readPhone('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(readPhone('12')).toBe('12');
    expect(readPostalCode('1000')).toBe('01000');
    expect(readPostalCode('2A004')).toBe('2A004');
  });

  it('reads sexes and levels as lists write them', () => {
    expect(['F', 'féminin', 'Fille', 'Mme', '2', 'M', 'Masculin', 'garçon', '1', ''].map(readSex)).toEqual(
      ['F', 'F', 'F', 'F', 'F', 'M', 'M', 'M', 'M', ''].map((value) => ({ value })),
    );
    expect(readSex('X')).toEqual({ problem: 'sexe non reconnu, F ou M attendu' });
    expect(['3', 'CAP', 'Niveau 4', 'Bac pro', 'V', '5', 'infra 3', 'Niveau 3 (CAP, BEP)'].map(readLevel)).toEqual(
      ['niveau_3', 'niveau_3', 'niveau_4', 'niveau_4', 'niveau_3', 'niveau_5', 'infra_3', 'niveau_3'].map((value) => ({
        value,
      })),
    );
  });
});

describe('a row', () => {
  it('keeps a guardian’s contact only with the guardian’s name', () => {
    const read = readSieiRow(3, {
      lastName: 'Petit',
      firstNames: 'Inès',
      birthDate: '05/01/2010',
      guardianPhone: '0612345678',
    });
    expect(read).toEqual({
      row: expect.objectContaining({ guardianName: '', guardianPhone: '' }),
      warnings: [
        {
          line: 3,
          message: 'Téléphone représentant : valeur « 06 12 34 56 78 » ignorée (nom du représentant manquant)',
        },
      ],
    });
  });

  it('is checked again by the endpoint, which refuses a value the app would not have sent', () => {
    const read = readSieiRow(2, { lastName: 'Petit', firstNames: 'Inès', birthDate: '05/01/2010' });
    if (!('row' in read)) throw new Error('rejected');
    expect(importRowIssues(read.row)).toEqual([]);
    expect(importRowIssues({ ...read.row, birthDate: '05/01/2010', phone: '12' })).toEqual([
      'Date invalide (format attendu : JJ/MM/AAAA) (« 05/01/2010 »)',
      'Téléphone : valeur « 12 » ignorée (Numéro de téléphone invalide (ex. 06 12 34 56 78))',
    ]);
  });
});
