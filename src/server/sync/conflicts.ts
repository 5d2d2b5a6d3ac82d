import { randomUUID } from 'node:crypto';
import { stampAll } from '../../domain/merge';
import type { FieldConflict } from '../../domain/sync-messages';
import type { Conflict } from '../../domain/conflict';
import type { Actor } from '../auth/actor';
import { findDeviceAgent } from '../store/sessions-repo';
import type { StoredRecord } from '../store/records-repo';
import { SERVER_WRITER } from './case-rules';
import type { RecordStore } from './record-store';

/**
 * Keeps both sides of each field clash as a conflict record of the case, in
 * the push's transaction, so that the referent's devices receive it and a
 * person chooses. `before` is the record as it was before this edit.
 */
export async function recordConflicts(
  store: RecordStore,
  actor: Actor,
  before: StoredRecord,
  conflicts: readonly FieldConflict[],
  now: Date,
): Promise<void> {
  const caseId = before.entity === 'youngPerson' ? before.id : before.youngPersonId;
  if (!caseId) return; // platform records (the catalogue) have no case to hold a conflict
  for (const clash of conflicts) {
    const writer = before.stamps[clash.field]?.d;
    const keptAuthorId = writer && writer !== SERVER_WRITER ? ((await findDeviceAgent(store.tx, writer)) ?? '') : '';
    const conflict: Conflict = {
      id: randomUUID(),
      youngPersonId: caseId,
      recordEntity: before.entity,
      recordId: before.id,
      field: clash.field,
      keptValue: clash.serverValue,
      keptAuthorId,
      otherValue: clash.deviceValue,
      otherAuthorId: actor.agentId,
      occurredAt: now.toISOString(),
      status: 'ouvert',
      resolution: '',
      resolvedValue: null,
      resolvedBy: '',
      resolvedAt: '',
    };
    const version = await store.nextVersion(before.platformId);
    const { id: _id, ...fields } = conflict;
    await store.insert({
      id: conflict.id,
      entity: 'conflict',
      platformId: before.platformId,
      referentId: before.referentId,
      youngPersonId: caseId,
      version,
      data: conflict,
      stamps: stampAll(fields, SERVER_WRITER, version),
      agentId: null,
      now,
    });
  }
}
