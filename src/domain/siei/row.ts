import { z } from 'zod';
import { guardianRelation } from '../enums';
import { email, empty, phone, text } from '../formats';
import { youngPersonFieldsShape } from '../young-person';
import { SIEI_COLUMN_LABELS, SIEI_COLUMNS, type SieiColumn } from './columns';
import {
  cleanText,
  readFrenchDate,
  readIdentifier,
  readLevel,
  readPhone,
  readPostalCode,
  readRelation,
  readSex,
  splitGuardianName,
  type Reading,
} from './values';

/**
 * One row of a SIEI list, read and normalised: every value in the form the
 * young person record keeps ('' when absent), and the row's line in the file
 * (its first line, for a row whose quoted cell spans several).
 */
export type ImportRow = { line: number } & Record<SieiColumn, string>;

/** A row left out of the import, with why, in French. */
export interface RejectedRow {
  line: number;
  /** The name as the file writes it, to find the row again ('' when there is none). */
  name: string;
  reasons: string[];
}

/** A value of an imported row that was left out (the row itself is imported). */
export interface RowWarning {
  line: number;
  message: string;
}

/** Without a valid value here the row cannot be matched to a young person: it is rejected. */
const IDENTITY_COLUMNS = new Set<SieiColumn>(['ine', 'lastName', 'firstNames', 'birthDate']);

const MISSING: Partial<Record<SieiColumn, string>> = {
  lastName: 'Nom manquant',
  firstNames: 'Prénom manquant',
  birthDate: 'Date de naissance manquante',
};

/** How each value is checked once normalised: the young person's own field rules where there is one. */
const CHECKS: Record<SieiColumn, z.ZodType<string>> = {
  ine: youngPersonFieldsShape.ine,
  lastName: youngPersonFieldsShape.lastName,
  firstNames: youngPersonFieldsShape.firstNames,
  sex: youngPersonFieldsShape.sex,
  birthDate: youngPersonFieldsShape.birthDate,
  address: youngPersonFieldsShape.address,
  postalCode: youngPersonFieldsShape.postalCode,
  commune: youngPersonFieldsShape.commune,
  phone: youngPersonFieldsShape.phone,
  email: youngPersonFieldsShape.email,
  guardianName: text(120),
  guardianRelation: z.union([empty, z.enum(guardianRelation.values)], { error: 'Lien du représentant invalide' }),
  guardianPhone: phone,
  guardianEmail: email,
  lastSchoolUai: youngPersonFieldsShape.lastSchoolUai,
  lastSchoolName: youngPersonFieldsShape.lastSchoolName,
  lastSchoolCommune: youngPersonFieldsShape.lastSchoolCommune,
  formationMef: youngPersonFieldsShape.formationMef,
  formationLabel: youngPersonFieldsShape.formationLabel,
  level: youngPersonFieldsShape.level,
  leftSchoolOn: youngPersonFieldsShape.leftSchoolOn,
  leavingReason: youngPersonFieldsShape.leavingReason,
};

const asIs = (raw: string): Reading => ({ value: raw.trim() });
const asText = (raw: string): Reading => ({ value: cleanText(raw) });
const asDate = (raw: string): Reading => (raw.trim() === '' ? { value: '' } : readFrenchDate(raw));

/** How each cell as a spreadsheet writes it becomes the value the record keeps. */
const READERS: Record<SieiColumn, (raw: string) => Reading> = {
  ine: (raw) => ({ value: readIdentifier(raw) }),
  lastName: asText,
  firstNames: asText,
  sex: readSex,
  birthDate: asDate,
  address: asText,
  postalCode: (raw) => ({ value: readPostalCode(raw) }),
  commune: asText,
  phone: (raw) => ({ value: readPhone(raw) }),
  email: asIs,
  guardianName: asText,
  guardianRelation: (raw) => ({ value: readRelation(raw) }),
  guardianPhone: (raw) => ({ value: readPhone(raw) }),
  guardianEmail: asIs,
  lastSchoolUai: (raw) => ({ value: readIdentifier(raw) }),
  lastSchoolName: asText,
  lastSchoolCommune: asText,
  formationMef: (raw) => ({ value: readIdentifier(raw) }),
  formationLabel: asText,
  level: readLevel,
  leftSchoolOn: asDate,
  leavingReason: asText,
};

const shown = (raw: string) => `« ${cleanText(raw)} »`;

/**
 * Checks values already in their record form, column by column:
 * 1. an identity value (name, first name, birth date, INE) missing or wrong
 *    rejects the row — it could not be matched to the right young person;
 * 2. any other wrong value is left out with a warning, and the row imported:
 *    a young person is not kept off the list for a mistyped phone number.
 */
function checkValues(
  line: number,
  values: Record<SieiColumn, Reading>,
  rawOf: (column: SieiColumn) => string,
): { row: ImportRow; reasons: string[]; warnings: RowWarning[] } {
  const row = { line } as ImportRow;
  const reasons: string[] = [];
  const warnings: RowWarning[] = [];
  for (const column of SIEI_COLUMNS) {
    const raw = rawOf(column);
    const reading = values[column];
    row[column] = '';
    if ('problem' in reading) {
      // A value the reader could not make sense of: its problem is worded without the column's name.
      if (IDENTITY_COLUMNS.has(column))
        reasons.push(`${SIEI_COLUMN_LABELS[column]} ${shown(raw)} : ${reading.problem}`);
      else
        warnings.push({
          line,
          message: `${SIEI_COLUMN_LABELS[column]} : valeur ${shown(raw)} ignorée (${reading.problem})`,
        });
      continue;
    }
    const missing = MISSING[column];
    if (reading.value === '') {
      // Every column but the required ones may be empty: no rule to run (a 20,000-row list has many).
      if (missing) reasons.push(missing);
      continue;
    }
    const checked = CHECKS[column].safeParse(reading.value);
    if (checked.success) {
      row[column] = checked.data;
      continue;
    }
    // The field's own rule refused it: its message names the field ("INE invalide : …").
    const message = checked.error.issues[0]?.message ?? 'valeur invalide';
    if (IDENTITY_COLUMNS.has(column)) reasons.push(`${message} (${shown(raw)})`);
    else warnings.push({ line, message: `${SIEI_COLUMN_LABELS[column]} : valeur ${shown(raw)} ignorée (${message})` });
  }
  return { row, reasons, warnings };
}

/** A guardian's contact without the guardian's name cannot be kept (a guardian is someone). */
function dropNamelessGuardian(row: ImportRow, warnings: RowWarning[]): void {
  if (row.guardianName !== '') return;
  for (const column of ['guardianPhone', 'guardianEmail', 'guardianRelation'] as const) {
    if (row[column] === '') continue;
    warnings.push({
      line: row.line,
      message: `${SIEI_COLUMN_LABELS[column]} : valeur « ${row[column]} » ignorée (nom du représentant manquant)`,
    });
    row[column] = '';
  }
}

export type RowReading = { row: ImportRow; warnings: RowWarning[] } | { rejected: RejectedRow };

/** Reads one row of the file (its cells by column) into an import row, or says why it is rejected. */
export function readSieiRow(line: number, cells: Partial<Record<SieiColumn, string>>): RowReading {
  const rawOf = (column: SieiColumn) => cells[column] ?? '';
  const values = Object.fromEntries(SIEI_COLUMNS.map((column) => [column, READERS[column](rawOf(column))])) as Record<
    SieiColumn,
    Reading
  >;
  const guardian = values.guardianName;
  if ('value' in guardian && rawOf('guardianRelation').trim() === '') {
    const split = splitGuardianName(rawOf('guardianName'));
    values.guardianName = { value: split.name };
    values.guardianRelation = { value: split.relation };
  }
  const { row, reasons, warnings } = checkValues(line, values, rawOf);
  if (reasons.length > 0) {
    return { rejected: { line, name: cleanText(`${rawOf('lastName')} ${rawOf('firstNames')}`), reasons } };
  }
  dropNamelessGuardian(row, warnings);
  return { row, warnings };
}

/**
 * What is wrong with a row received by the endpoint (values in record form,
 * as readSieiRow makes them): every problem is a reason to reject it, since
 * a row read by the app has none.
 */
export function importRowIssues(row: ImportRow): string[] {
  const values = Object.fromEntries(SIEI_COLUMNS.map((column) => [column, { value: row[column] }])) as Record<
    SieiColumn,
    Reading
  >;
  const { reasons, warnings } = checkValues(row.line, values, (column) => row[column]);
  const nameless =
    row.guardianName === '' && (row.guardianPhone !== '' || row.guardianEmail !== '' || row.guardianRelation !== '');
  return [
    ...reasons,
    ...warnings.map((warning) => warning.message),
    ...(nameless ? ['Coordonnées d’un représentant légal sans son nom'] : []),
  ];
}
