import { sameValue } from '../../domain/merge';
import { plainCopy } from '../../domain/plain-copy';

/**
 * What a record form keeps in its autosaved draft: the record as typed, and
 * the record as it stood when the form opened (null for a new record).
 */
export type RecordDraft<T> = {
  record: T;
  base: T | null;
};

/**
 * The stored record with only the fields this form changed since it opened:
 * a field a colleague changed meanwhile (and the form did not) keeps the
 * colleague's value instead of being silently written back.
 *   1. No base (a new record, or an unknown one): everything typed is an edit.
 *   2. Otherwise each field the form left as it found it keeps the stored value.
 */
export function editsOnto<T extends Record<string, unknown>>(
  current: T,
  base: T | null,
  edited: T,
  fields: readonly string[],
): T {
  if (!base) return plainCopy({ ...current, ...pick(edited, fields) }); // 1
  const next: Record<string, unknown> = { ...current };
  for (const field of fields) {
    if (!sameValue(base[field], edited[field])) next[field] = edited[field]; // 2
  }
  return plainCopy(next as T);
}

function pick(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, record[field]]));
}
