import type { RaccrocheDatabase } from '../../../src/app/db/database';
import { CASELOAD_PAGE, type useCaseloadStore } from '../../../src/app/stores/caseload';
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
  /** To the first rows on screen. */
  loadMs: number;
  /** To the last contact of each shown too. */
  contactsMs: number;
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
 * 1. Open: from nothing to the first rows on screen (`open` resolves then),
 *    and to the last contacts shown.
 * 2. Each keystroke of a few searches, until shown (`settle`).
 * 3. Each change of sort or filter, until shown.
 * The caseload is left sorted by name, unfiltered.
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
  while (!caseload.contactsKnown) await new Promise((resolve) => setTimeout(resolve, 1));
  await settle();
  const contactsMs = performance.now() - loadStart;

  // Each search typed three times, each change made five times (undone in between): medians, not one lucky run.
  const keystrokes: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const query of QUERIES) {
      for (let length = 1; length <= query.length; length += 1) {
        keystrokes.push(await timed(() => (caseload.query = query.slice(0, length))));
      }
      await timed(() => (caseload.query = ''));
    }
  }
  keystrokes.sort((a, b) => a - b);

  const changes: [string, () => void, () => void][] = [
    ['"à relancer"', () => (caseload.filters.callBackOnly = true), () => (caseload.filters.callBackOnly = false)],
    ['minors only', () => (caseload.filters.minorsOnly = true), () => (caseload.filters.minorsOnly = false)],
    ['one status', () => (caseload.filters.status = 'contact_en_cours'), () => (caseload.filters.status = '')],
    ['sort by last contact', () => (caseload.sort = 'lastContact'), () => (caseload.sort = 'name')],
    ['sort by age', () => (caseload.sort = 'age'), () => (caseload.sort = 'name')],
    ['sort by name', () => (caseload.sort = 'name'), () => (caseload.sort = 'age')],
  ];
  const measured = [];
  for (const [label, change, undo] of changes) {
    const times: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      times.push(await timed(change));
      await timed(undo);
    }
    measured.push({
      label,
      ms: percentile(
        times.sort((a, b) => a - b),
        50,
      ),
    });
  }

  return {
    ...filled,
    loadMs,
    contactsMs,
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
    `- open the caseload (IndexedDB read, search index, first ${CASELOAD_PAGE} rows): ${ms(figures.loadMs)}`,
    `- last contact of everyone shown (one pass over the index keys): ${ms(figures.contactsMs)}`,
    `- search keystroke (${keystrokes.count}): median ${ms(keystrokes.medianMs)}, p95 ${ms(keystrokes.p95Ms)}, max ${ms(keystrokes.maxMs)}`,
    ...figures.changes.map((change) => `- ${change.label} (median of 5): ${ms(change.ms)}`),
  ].join('\n');
}
