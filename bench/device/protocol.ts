import type { WorkloadSizes } from './workload';

/** What the bench page (page.ts, in Chromium) offers the Node side (suite.ts). */
export type DeviceOp =
  'pullPage' | 'catchUp' | 'edits' | 'search' | 'openCase' | 'caseload' | 'caseloadPlain' | 'unlock';

/** Per variant, one duration in ms (or several, for keystrokes). */
export type RoundTimes = Record<string, number | number[]>;

export interface SetupInfo {
  people: number;
  records: number;
  changed: number;
  caseload: number;
  focusRecords: number;
  unlockCases: number;
  setupMs: number;
}

export interface BenchPageApi {
  setup(sizes: WorkloadSizes & { unlockCases: number }): Promise<SetupInfo>;
  /** Gets the databases ready for an operation (fills, mounts); not measured. */
  prepare(op: DeviceOp): Promise<void>;
  round(op: DeviceOp, index: number): Promise<RoundTimes>;
  finish(op: DeviceOp): Promise<void>;
}

export const EDITS = 50;
/** The edits' second baseline: every request the app's Dexie path makes for an edit, natively (raw-idb.ts rawAppEdit). */
export const RAW_APP_EDIT = 'raw IndexedDB, the Dexie path’s requests';
export const PAGE_SIZE = 500;
/** What an adviser types, letter by letter, in the caseload's search. */
export const QUERIES = ['helene martin', 'lyon 3e', 'benali yanis', 'francois', 'venissieux cap'];
export const PIN = '482915';
