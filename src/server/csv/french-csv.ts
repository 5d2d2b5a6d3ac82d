/**
 * CSV files as a spreadsheet opens them in France: `;` between cells, UTF-8
 * with a byte-order mark (so accents survive), CRLF line ends, a header row.
 */
const BOM = '\uFEFF';

/**
 * One cell. A value a spreadsheet would run as a formula (starting with
 * = + - @ or a tab/carriage return: free text typed by someone) is prefixed
 * with an apostrophe; a value holding the separator, a quote or a line break
 * is quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (typeof value === 'number') return value.toLocaleString('fr-FR', { useGrouping: false });
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: the header row, then one line per row. */
export function frenchCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(';'));
  return BOM + lines.join('\r\n') + '\r\n';
}
