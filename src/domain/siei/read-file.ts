import { mapHeader, SIEI_COLUMN_LABELS, SIEI_COLUMNS, type SieiColumn } from './columns';
import { decodeCsv, readCsv, type CsvEncoding, type CsvRow } from './csv';
import { MAX_IMPORT_ROWS } from './messages';
import { readSieiRow, type ImportRow, type RejectedRow, type RowWarning } from './row';

/** A header is looked for among the first rows: some exports put a title and a blank line above it. */
const HEADER_SEARCH_ROWS = 10;

export interface SieiFileReading {
  encoding: CsvEncoding;
  delimiter: string;
  /** The list's columns found in the file, in the list's order. */
  columns: SieiColumn[];
  /** Headers of the file that name no column of the list (their values are not imported). */
  ignoredHeaders: string[];
  /** The line of the header. */
  headerLine: number;
  rows: ImportRow[];
  rejected: RejectedRow[];
  warnings: RowWarning[];
}

export type SieiFileResult = { ok: true; reading: SieiFileReading } | { ok: false; error: string };

const isBlank = (row: CsvRow) => row.cells.every((cell) => cell.trim() === '');

/** The first row, among the first few, that names every required column. */
function findHeader(rows: CsvRow[]): { index: number; mapping: ReturnType<typeof mapHeader> } | string {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS).filter((row) => !isBlank(row));
  for (const row of candidates) {
    const mapping = mapHeader(row.cells);
    if (mapping.missing.length === 0) return { index: rows.indexOf(row), mapping };
  }
  const first = candidates[0];
  if (!first) return 'Le fichier est vide.';
  const missing = mapHeader(first.cells).missing.map((column) => `« ${SIEI_COLUMN_LABELS[column]} »`);
  return (
    `Colonnes obligatoires introuvables : ${missing.join(', ')}. ` +
    `Ligne d’en-tête lue (ligne ${first.line}) : ${first.cells.map((cell) => cell.trim()).join(' | ')}.`
  );
}

const shiftedColumns = (row: CsvRow, headerLength: number, delimiter: string) =>
  `${row.cells.length} valeurs pour ${headerLength} colonnes : un « ${delimiter} » hors guillemets décale sans doute les colonnes`;

/**
 * Why a row's cells cannot be trusted, or null. More cells than the header
 * with values beyond it: the columns are shifted. Empty cells beyond it are
 * the trailing separators some exports add; such a row is read, and the
 * shift is only given as a likely cause if the row is rejected.
 */
function shapeProblem(row: CsvRow, headerLength: number, delimiter: string): string | null {
  if (row.error) return 'Guillemets non refermés : la suite du fichier est lue comme une seule valeur';
  const extra = row.cells.slice(headerLength).filter((cell) => cell.trim() !== '');
  return extra.length === 0 ? null : shiftedColumns(row, headerLength, delimiter);
}

/** The name of a rejected row as shown (a runaway quoted cell could make it the rest of the file). */
const shortName = (name: string) => {
  const clean = name.replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
};

/**
 * Reads a SIEI list from the file's bytes.
 * 1. Decode (UTF-8 or Windows-1252) and cut into rows (csv.ts).
 * 2. Find the header and which column holds what (columns.ts); a file
 *    without the name, first name and birth date columns is refused whole.
 * 3. Read each row after it (row.ts): blank rows are skipped, a row whose
 *    cells are shifted or whose quote never closes is rejected as such, the
 *    others are normalised, checked, and kept or rejected with their reasons.
 * `onProgress` follows the work from 0 to 1 (cutting is the first 40 %).
 */
export function readSieiFile(
  bytes: Uint8Array,
  options: { onProgress?: (share: number) => void } = {},
): SieiFileResult {
  const progress = options.onProgress;
  const { text, encoding } = decodeCsv(bytes); // step 1
  const csv = readCsv(text, { onProgress: progress && ((share) => progress(share * 0.4)) });

  const header = findHeader(csv.rows); // step 2
  if (typeof header === 'string') return { ok: false, error: header };
  const { index, mapping } = header;
  const dataRows = csv.rows.slice(index + 1).filter((row) => !isBlank(row));
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      error: `Le fichier compte ${dataRows.length} lignes de données : ${MAX_IMPORT_ROWS} au plus par import. Découpez-le en plusieurs fichiers.`,
    };
  }

  const reading: SieiFileReading = {
    encoding,
    delimiter: csv.delimiter,
    columns: SIEI_COLUMNS.filter((column) => mapping.indexOf[column] !== undefined),
    ignoredHeaders: mapping.ignored,
    headerLine: csv.rows[index]!.line,
    rows: [],
    rejected: [],
    warnings: [],
  };
  const headerLength = csv.rows[index]!.cells.length;
  dataRows.forEach((row, done) => {
    // step 3
    const problem = shapeProblem(row, headerLength, csv.delimiter);
    const cells = Object.fromEntries(
      Object.entries(mapping.indexOf).map(([column, at]) => [column, row.cells[at] ?? '']),
    ) as Partial<Record<SieiColumn, string>>;
    if (problem) {
      const name = shortName(`${cells.lastName ?? ''} ${cells.firstNames ?? ''}`);
      reading.rejected.push({ line: row.line, name, reasons: [problem] });
    } else {
      const result = readSieiRow(row.line, cells);
      if ('rejected' in result) {
        const { rejected } = result;
        if (row.cells.length > headerLength) rejected.reasons.unshift(shiftedColumns(row, headerLength, csv.delimiter));
        reading.rejected.push({ ...rejected, name: shortName(rejected.name) });
      } else {
        reading.rows.push(result.row);
        reading.warnings.push(...result.warnings);
      }
    }
    if (progress && (done + 1) % 1000 === 0) progress(0.4 + (0.6 * (done + 1)) / dataRows.length);
  });
  progress?.(1);
  return { ok: true, reading };
}
