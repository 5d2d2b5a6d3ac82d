import Papa from 'papaparse';

/**
 * A CSV file as French spreadsheets write it, read into rows of cells with
 * the line each row starts on. Parsing is papaparse's (quotes, separators and
 * line breaks inside quoted cells, CRLF); this file only decodes the bytes,
 * picks the separator and counts lines.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252,
 * which Excel uses for "CSV (séparateur : point-virgule)" in a French locale:
 * "é" there is the single byte E9, never valid UTF-8 on its own.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, windows1252Char);
    return { text, encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252 puts printable characters (€, ’, œ, –, …) where ISO-8859-1 has
 * control codes 80–9F. Browsers decode them right; Node 20 decodes the
 * 'windows-1252' label as ISO-8859-1, leaving the control codes, which never
 * belong in a list: they are mapped here, so both sides read the same text.
 */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const windows1252Char = (char: string) => WINDOWS_1252_80_9F[char.charCodeAt(0) - 0x80]!;

export interface CsvRow {
  /** The file line the row starts on (1 is the first line of the file). */
  line: number;
  cells: string[];
  /** papaparse's complaint about the row (an unclosed quote), if any. */
  error?: string;
}

export interface CsvReading {
  delimiter: string;
  rows: CsvRow[];
}

/** Counts line breaks (CRLF, LF or a lone CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/**
 * Reads every row, the header included.
 * 1. Excel's "sep=;" first line names the separator: honour it and skip it.
 * 2. Otherwise papaparse guesses among ; , and tab from the first rows.
 * 3. Rows are taken one by one (papaparse's step): each row's end offset
 *    gives the next row's first line, so a quoted cell spanning lines does
 *    not shift the line numbers of the rows after it.
 * `onProgress` is told the share of the text read (0 to 1) every `progressEvery` rows.
 */
export function readCsv(
  text: string,
  options: { onProgress?: (share: number) => void; progressEvery?: number } = {},
): CsvReading {
  const sep = /^sep=(.)\r?\n/i.exec(text); // step 1
  const start = sep ? sep[0].length : 0;
  const body = text.slice(start);
  const rows: CsvRow[] = [];
  let line = sep ? 2 : 1;
  let offset = 0;
  let delimiter = sep?.[1] ?? '';
  const every = options.progressEvery ?? 1000;
  Papa.parse<string[]>(body, {
    delimiter: sep?.[1] ?? '', // step 2: '' lets papaparse guess
    delimitersToGuess: [';', ',', '\t'],
    skipEmptyLines: false,
    step: (result) => {
      // step 3
      const end = result.meta.cursor;
      const error = result.errors[0];
      rows.push({ line, cells: result.data, ...(error ? { error: error.message } : {}) });
      line += lineBreaks(body, offset, end);
      offset = end;
      delimiter = result.meta.delimiter;
      if (options.onProgress && rows.length % every === 0) options.onProgress(end / Math.max(body.length, 1));
    },
  });
  options.onProgress?.(1);
  return { delimiter, rows };
}
