import type { Row } from './results';

/** The results as a table: a text one for the terminal, a markdown one for the README. */
const HEADERS = ['operation', 'variant', 'median', 'p95', 'spread', 'n', 'ratio', 'budget', 'result'];

function figure(value: number, unit: string): string {
  const digits = unit === 'ms' ? (value < 10 ? 2 : value < 100 ? 1 : 0) : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function cells(row: Row): string[] {
  const summary = row.summary;
  const verdict = row.error ? `ERROR: ${row.error}` : row.pass === null ? '' : row.pass ? 'pass' : 'FAIL';
  return [
    row.operation,
    row.variant,
    summary ? figure(summary.median, row.unit) : '—',
    summary ? figure(summary.p95, row.unit) : '—',
    summary ? `±${summary.spreadPct.toFixed(0)}%` : '—',
    summary ? String(summary.samples) : '0',
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`,
    row.budget?.text ?? (row.note ? `(${row.note})` : ''),
    verdict,
  ];
}

export function textTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((header, index) => Math.max(header.length, ...body.map((line) => line[index]!.length)));
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join('  ');
  const out = [line(HEADERS), widths.map((width) => '─'.repeat(width)).join('  ')];
  let section = '';
  for (const [index, row] of rows.entries()) {
    if (row.section !== section) {
      section = row.section;
      out.push(`[${section}]`);
    }
    out.push(line(body[index]!));
  }
  return out.join('\n');
}

export function markdownTable(rows: readonly Row[]): string {
  const escape = (value: string) => value.replace(/\|/g, '\\|');
  return [
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
  ].join('\n');
}
