import { caseIdOf, entities } from '../../domain/entities';
import { sameValue } from '../../domain/merge';
import { plainCopy } from '../../domain/plain-copy';
import type { EntityName } from '../../domain/sync-messages';
import type { CaseEvent } from '../../domain/workflow';
import { withoutSyncMeta, type AnyLocalRecord } from './tables';

/** An edit the device itself refuses (locked bilan, signed contract): the screens should not offer it. */
export class LocalRefusal extends Error {}

/** The editable fields of `edited` that differ from `current`. */
export function changedFields(entity: EntityName, current: Record<string, unknown>, edited: Record<string, unknown>) {
  const changes: Record<string, unknown> = {};
  for (const field of entities[entity].editableFields) {
    if (field in edited && !sameValue(current[field], edited[field])) changes[field] = edited[field];
  }
  return plainCopy(changes);
}

/** What an edit writes: the fields changed, the record after them, the case event it stands for. */
export interface UpdatePlan {
  changes: Record<string, unknown>;
  next: AnyLocalRecord;
  event: CaseEvent | undefined;
  caseId: string;
}

/**
 * An edit of the record the device holds, before anything is written (the
 * Dexie path, records.ts stageUpdate, and the native one, native-edit.ts,
 * follow it alike): null when no editable field changed; throws
 * LocalRefusal when the record's rules refuse the change.
 */
export function planUpdate(entity: EntityName, current: AnyLocalRecord, edited: Record<string, unknown>) {
  const changes = changedFields(entity, current, edited);
  if (Object.keys(changes).length === 0) return null;
  const refusal = entities[entity].editRefusal?.(withoutSyncMeta(current), changes);
  if (refusal) throw new LocalRefusal(refusal);
  const next: AnyLocalRecord = { ...current, ...changes };
  const event = entities[entity].eventOf?.(withoutSyncMeta(current), withoutSyncMeta(next)) ?? undefined;
  return { changes, next, event, caseId: caseIdOf(entity, next) ?? '' } satisfies UpdatePlan;
}

/** Whether the edit moves its case's status: a record of the case with an event (the young person's own is its record). */
export function movesCaseStatus(entity: EntityName, plan: UpdatePlan): boolean {
  return Boolean(plan.event && entity !== 'youngPerson' && plan.caseId);
}
