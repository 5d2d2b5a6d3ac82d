import Dexie, { cmp, RangeSet, type IndexableType, type ObservabilitySet } from 'dexie';
import type { RaccrocheDatabase } from './database';

type Row = Record<string, unknown>;

/** A row written beside Dexie, in a native IndexedDB transaction: its fields before (absent: a new row) and after. */
export interface RowWritten {
  table: string;
  key: IndexableType;
  before?: Row;
  after: Row;
}

function sameKey(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == b;
  return cmp(a, b) === 0;
}

/**
 * Notices go out at most once per frame: a burst of edits (a form saved
 * field by field, a list of contacts entered in a row) tells the screens
 * once, not once per edit — each notice wakes every live query that read
 * what changed, in this tab and, through a message, in the app's others.
 * A first edit is told at once; those within the same frame after it, at
 * its end, together.
 */
const FRAME_MS = 16;
let waiting: ObservabilitySet | null = null;
let lastToldAt = -Infinity;

function tell(parts: ObservabilitySet): void {
  lastToldAt = performance.now();
  Dexie.on.storagemutated.fire(parts);
}

function tellWaiting(): void {
  const parts = waiting!;
  waiting = null;
  tell(parts);
}

/**
 * Tells Dexie's live queries — in this tab and, through Dexie's own relay,
 * in the app's other tabs — about rows written beside Dexie, as its change
 * tracking does at the commit of its own transactions:
 * 1. each row's primary key, also as a possible deletion (":dels") for a
 *    new row, as Dexie marks a write whose previous row it did not read;
 * 2. for each index, the row's old and new keys where they differ;
 * 3. told now, or with the frame's other notices (above).
 * A live query reads again when what it read overlaps. Call after the commit.
 */
export function announceWrites(db: RaccrocheDatabase, rows: readonly RowWritten[]): void {
  const parts: Record<string, RangeSet> = {};
  const rangeOf = (table: string, index: string) => (parts[`idb://${db.name}/${table}/${index}`] ??= new RangeSet());
  for (const row of rows) {
    rangeOf(row.table, '').addKey(row.key); // step 1
    if (!row.before) rangeOf(row.table, ':dels').addKey(row.key);
    for (const index of db.core.table(row.table).schema.indexes) {
      if (!index.name || !index.extractKey) continue;
      const before: unknown = row.before ? index.extractKey(row.before) : undefined;
      const after: unknown = index.extractKey(row.after);
      if (row.before && sameKey(before, after)) continue; // step 2
      for (const key of [before, after]) {
        if (key == null) continue;
        if (index.multiEntry && Array.isArray(key)) rangeOf(row.table, index.name).addKeys(key as IndexableType[]);
        else rangeOf(row.table, index.name).addKey(key as IndexableType);
      }
    }
  }
  // Step 3.
  if (waiting) {
    Dexie.extendObservabilitySet(waiting, parts);
    return;
  }
  const wait = lastToldAt + FRAME_MS - performance.now();
  if (wait <= 0) return tell(parts);
  waiting = parts;
  setTimeout(tellWaiting, wait);
}
