import type { RaccrocheDatabase } from '../../../src/app/db/database';
import type { useCaseloadStore } from '../../../src/app/stores/caseload';
import { generateCaseload } from './generate-caseload';

/**
 * The caseload measured the way an adviser uses it, on the app's own store:
 * opening it, typing a search letter by letter, changing filters and sorts.
 * The same routine runs in Node (store only) and in Chromium (the real
 * caseload screen, each change measured until the DOM shows it).
 */
type CaseloadStore = ReturnType<typeof useCaseloadStore>;

export interface CaseloadFigures {
  people: number;
  contactAttempts: number;
  loadMs: number;
  keystrokes: { count: number; medianMs: number; p95Ms: number; maxMs: number };
  changes: { label: string; ms: number }[];
}

/** What the benchmark page (caseload-benchmark-page.ts) offers the script that drives Chromium. */
export interface CaseloadBenchmarkPage {
  measureCaseloadScreen(count: number): Promise<CaseloadFigures>;
}

const QUERIES = ['helene martin', 'lyon 3e', 'jacquard', '1234', 'benali yanis', 'venissieux cap'];

/** Fills the device database with `count` generated young people and their contact attempts. */
export async function fillCaseload(db: RaccrocheDatabase, count: number) {
  const { people, contactAttempts } = generateCaseload(count);
  const meta = { serverVersion: 1, serverUpdatedAt: null };
  await db.youngPeople.bulkAdd(people.map((person) => ({ ...person, ...meta })));
  await db.contactAttempts.bulkAdd(contactAttempts.map((attempt) => ({ ...attempt, ...meta })));
  return { people: people.length, contactAttempts: contactAttempts.length };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * 1. Open: from nothing to the first rows on screen (`open` resolves then).
 * 2. Each keystroke of a few searches, until shown (`settle`).
 * 3. Each change of sort or filter, until shown.
 */
export async function measureCaseload(
  filled: { people: number; contactAttempts: number },
  open: () => Promise<CaseloadStore>,
  settle: () => Promise<void>,
): Promise<CaseloadFigures> {
  const timed = async (change: () => void) => {
    const start = performance.now();
    change();
    await settle();
    return performance.now() - start;
  };

  const loadStart = performance.now();
  const caseload = await open();
  const loadMs = performance.now() - loadStart;

  const keystrokes: number[] = [];
  for (const query of QUERIES) {
    for (let length = 1; length <= query.length; length += 1) {
      keystrokes.push(await timed(() => (caseload.query = query.slice(0, length))));
    }
    await timed(() => (caseload.query = ''));
  }
  keystrokes.sort((a, b) => a - b);

  const changes: [string, () => void][] = [
    ['sort by last contact', () => (caseload.sort = 'lastContact')],
    ['sort by age', () => (caseload.sort = 'age')],
    ['sort by name', () => (caseload.sort = 'name')],
    ['"à relancer" (15 days)', () => (caseload.filters.callBackOnly = true)],
    ['"à relancer" after 30 days', () => (caseload.filters.callBackAfterDays = 30)],
    ['minors only', () => (caseload.filters.minorsOnly = true)],
    ['one status', () => (caseload.filters.status = 'contact_en_cours')],
    ['filters cleared', () => caseload.resetFilters()],
  ];
  const measured = [];
  for (const [label, change] of changes) measured.push({ label, ms: await timed(change) });

  return {
    ...filled,
    loadMs,
    keystrokes: {
      count: keystrokes.length,
      medianMs: percentile(keystrokes, 50),
      p95Ms: percentile(keystrokes, 95),
      maxMs: keystrokes.at(-1) ?? 0,
    },
    changes: measured,
  };
}

export function describeFigures(figures: CaseloadFigures, where: string): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const { keystrokes } = figures;
  return [
    `${where}: ${figures.people.toLocaleString('en')} young people, ${figures.contactAttempts.toLocaleString('en')} contact attempts`,
    `- open the caseload (IndexedDB read, last contacts, search index, first 200 rows): ${ms(figures.loadMs)}`,
    `- search keystroke (${keystrokes.count}): median ${ms(keystrokes.medianMs)}, p95 ${ms(keystrokes.p95Ms)}, max ${ms(keystrokes.maxMs)}`,
    ...figures.changes.map((change) => `- ${change.label}: ${ms(change.ms)}`),
  ].join('\n');
}
