import type { FieldConflict } from './sync-messages';

/** Who last wrote a field, and at which server version. */
export interface FieldStamp {
  v: number;
  d: string;
}
export type FieldStamps = Record<string, FieldStamp>;

export interface FieldMergeInput {
  current: Record<string, unknown>;
  stamps: FieldStamps;
  changes: Record<string, unknown>;
  /** The server version the device had when the edit was made. */
  baseVersion: number;
  deviceId: string;
  /** The version this write will carry. */
  version: number;
}

export interface FieldMergeResult {
  next: Record<string, unknown>;
  stamps: FieldStamps;
  conflicts: FieldConflict[];
}

/** JSON with object keys sorted: equal values give equal text whatever the key order (jsonb reorders keys). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Deep equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Field-by-field three-way merge of one edit into the server record.
 *
 * For each changed field:
 * 1. Unchanged since the edit's base version, or last written by this same
 *    device (whose later edits were made seeing its own earlier ones): the
 *    edit wins.
 * 2. Changed meanwhile by someone else, but to the same value: nothing to decide.
 * 3. Changed meanwhile by someone else to another value: the server value is
 *    kept and both values are returned as a conflict — nothing is discarded
 *    until a person chooses.
 * Fields the edit did not touch keep the server value, so edits of different
 * fields on two devices both win.
 */
export function mergeFields(input: FieldMergeInput): FieldMergeResult {
  const next = { ...input.current };
  const stamps = { ...input.stamps };
  const conflicts: FieldConflict[] = [];
  for (const [field, deviceValue] of Object.entries(input.changes)) {
    const stamp = stamps[field];
    const untouchedSinceBase = !stamp || stamp.v <= input.baseVersion || stamp.d === input.deviceId;
    if (untouchedSinceBase) {
      next[field] = deviceValue;
      stamps[field] = { v: input.version, d: input.deviceId };
    } else if (!sameValue(next[field], deviceValue)) {
      conflicts.push({ field, serverValue: next[field], deviceValue });
    }
  }
  return { next, stamps, conflicts };
}

/** Stamps for a record written whole (creation): every field by this device at this version. */
export function stampAll(record: Record<string, unknown>, deviceId: string, version: number): FieldStamps {
  return Object.fromEntries(Object.keys(record).map((field) => [field, { v: version, d: deviceId }]));
}
