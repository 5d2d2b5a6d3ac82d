import type { Conflict } from './conflict';
import { crossFieldIssues, youngPersonFieldsShape, type YoungPerson, type YoungPersonField } from './young-person';

/** What a person chose on the conflict screen: one of the two values, or a third one typed. */
export type ConflictChoice = { kind: 'kept' } | { kind: 'other' } | { kind: 'typed'; value: unknown };

/** The changes that close a conflict (status, resolution, value, who and when). */
export type ConflictResolutionChanges = Pick<
  Conflict,
  'status' | 'resolution' | 'resolvedValue' | 'resolvedBy' | 'resolvedAt'
>;

/**
 * A person's choice, turned into what the device writes:
 * 1. the value the record's field must hold (the kept one, the other one,
 *    or the typed one);
 * 2. the conflict's resolution: 'conservee' (the value the endpoint kept
 *    stays), 'remplacee' (the other value replaces it), 'saisie' (a third
 *    value was typed), with the value, the person and the moment.
 */
export function resolutionOf(
  conflict: Pick<Conflict, 'keptValue' | 'otherValue'>,
  choice: ConflictChoice,
  agentId: string,
  now: Date,
): { value: unknown; changes: ConflictResolutionChanges } {
  const value =
    choice.kind === 'kept' ? conflict.keptValue : choice.kind === 'other' ? conflict.otherValue : choice.value;
  const resolution = choice.kind === 'kept' ? 'conservee' : choice.kind === 'other' ? 'remplacee' : 'saisie';
  return {
    value,
    changes: { status: 'resolu', resolution, resolvedValue: value, resolvedBy: agentId, resolvedAt: now.toISOString() },
  };
}

/** The conflicts still waiting for a person, oldest clash first. */
export function openConflicts<T extends Pick<Conflict, 'status' | 'occurredAt'>>(conflicts: readonly T[]): T[] {
  return conflicts
    .filter((conflict) => conflict.status === 'ouvert')
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/**
 * Why a value typed for a young person's field is refused, or null: the
 * field's own rule first, then the rules across fields on the record holding
 * that value (only the problems that value would bring).
 */
export function typedValueError(record: YoungPerson, field: string, value: unknown): string | null {
  if (!(field in youngPersonFieldsShape)) return 'Ce champ ne se saisit pas ici';
  const own = youngPersonFieldsShape[field as YoungPersonField].safeParse(value);
  if (!own.success) return own.error.issues[0]?.message ?? 'Valeur invalide';
  const before = new Set(crossFieldIssues(record).map((issue) => issue.message));
  const brought = crossFieldIssues({ ...record, [field]: own.data }).find((issue) => !before.has(issue.message));
  return brought?.message ?? null;
}
