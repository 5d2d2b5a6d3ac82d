import type { Budget, Measure } from '../lib/results';
import { EDITS, PAGE_SIZE, RAW_APP_EDIT, type DeviceOp, type SetupInfo } from './protocol';

/**
 * How each operation's times become rows: its name as the issue words it,
 * which variant is the baseline, and the budgets.
 */
const RAW = 'raw IndexedDB';
const n = (value: number) => value.toLocaleString('en');

interface Shape {
  operation: string;
  unit?: 'ms' | 'records/s';
  /** Turns a duration into the row's unit (a throughput). */
  convert?: (ms: number) => number;
  baseline?: string;
  budgets: Record<string, Budget>;
  notes?: Record<string, string>;
}

function shapeOf(op: DeviceOp, info: SetupInfo): Shape {
  switch (op) {
    case 'pullPage':
      return {
        operation: `apply one pull page of ${PAGE_SIZE} records`,
        baseline: RAW,
        budgets: { 'app (encrypted)': { ratioMax: 1.3, text: '≤ 1.3× raw' } },
      };
    case 'catchUp':
      return {
        operation: `catch-up: ${n(info.changed)} changed records in pages of ${PAGE_SIZE}`,
        unit: 'records/s',
        convert: (ms) => info.changed / (ms / 1000),
        baseline: RAW,
        budgets: { 'app (encrypted)': { ratioMin: 0.9, text: '≥ 0.9× raw' } },
      };
    case 'edits':
      return {
        operation: `${EDITS} user edits in a row, each atomic with its outbox entry`,
        baseline: RAW,
        budgets: { 'app (encrypted)': { ratioMax: 1.3, text: '≤ 1.3× raw' } },
        notes: {
          'RxDB (Dexie storage)': 'one patch each: no outbox, no transaction',
          [RAW_APP_EDIT]: 'the Dexie path’s 7 requests over 4 stores, natively',
        },
      };
    case 'openCase':
      return {
        operation: `open a case file with ${info.focusRecords} timeline entries`,
        baseline: RAW,
        budgets: { 'app (encrypted)': { max: 30, text: '≤ 30 ms' } },
      };
    case 'search':
      return {
        operation: `search keystroke on ${n(info.people)} cases`,
        baseline: RAW,
        budgets: {
          'app: in-memory index (store)': { max: 16, on: 'p95', text: 'p95 ≤ 16 ms' },
          'app: screen updated': { max: 16, on: 'p95', text: 'p95 ≤ 16 ms' },
        },
        notes: { [RAW]: 'one scan of every case', 'RxDB (Dexie storage)': 'regex query, accents not folded' },
      };
    case 'caseload':
    case 'caseloadPlain':
      return {
        operation: `caseload of ${n(info.caseload)} open cases`,
        baseline: RAW,
        budgets: {
          'app (encrypted): data loaded': { ratioMax: 1.1, text: '≤ 1.1× raw' },
          'app (encrypted): first rows visible': { max: 100, text: '≤ 100 ms' },
        },
        notes: { [RAW]: 'index read' },
      };
    case 'unlock':
      return {
        operation: `unlock with ${n(info.unlockCases)} cases (PIN, caseload and search index ready)`,
        budgets: { 'app (encrypted)': { max: 1000, text: '≤ 1 s' } },
      };
  }
}

export function describeOp(op: DeviceOp, info: SetupInfo, samples: Map<string, number[]>): Measure[] {
  const shape = shapeOf(op, info);
  const convert = shape.convert ?? ((ms: number) => ms);
  return [...samples].map(([variant, values]) => ({
    section: 'device' as const,
    operation: shape.operation,
    variant,
    unit: shape.unit ?? 'ms',
    samples: values.map(convert),
    ...(shape.baseline && variant !== shape.baseline ? { baseline: shape.baseline } : {}),
    ...(shape.budgets[variant] ? { budget: shape.budgets[variant] } : {}),
    ...(shape.notes?.[variant] ? { note: shape.notes[variant] } : {}),
  }));
}
