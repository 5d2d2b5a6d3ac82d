import { contractRefusalForPerson, type Contract } from '../../domain/contract';
import type { CaseStatus } from '../../domain/enums';
import type { EntityName } from '../../domain/sync-messages';
import { statusAfter, type CaseEvent } from '../../domain/workflow';
import { isMinor, type YoungPerson } from '../../domain/young-person';
import type { StoredRecord } from '../store/records-repo';
import type { RecordStore } from './record-store';

/** Stamp of fields the endpoint itself writes (a status moved by a record, seeds, imports). */
export const SERVER_WRITER = 'server';

/** Rules between a record and its young person, or null when it may be written. */
export function checkAgainstCase(
  entity: EntityName,
  data: Record<string, unknown>,
  parent: StoredRecord,
): string | null {
  if (entity === 'contract') return contractRefusalForPerson(data as Contract, isMinor(parent.data as YoungPerson));
  return null;
}

/**
 * Moves the case status as the event requires (workflow.ts), in the same
 * transaction as the record that caused it, with a version of its own.
 *
 * The field's stamp is left as it was: a status moved by a record is not a
 * person's edit, so it never makes a person's later status change (closing
 * the case, setting it by hand, possibly from a device that had not seen the
 * move) a conflict. Only two people setting the status can conflict.
 */
export async function moveCaseStatus(
  store: RecordStore,
  parent: StoredRecord,
  event: CaseEvent | null,
  now: Date,
): Promise<void> {
  if (!event || !parent.data) return;
  const current = parent.data.status as CaseStatus;
  const next = statusAfter(current, event);
  if (next === current) return;
  const version = await store.nextVersion(parent.platformId);
  const data = { ...parent.data, status: next };
  await store.update({
    ...parent,
    version,
    data,
    stamps: parent.stamps,
    agentId: null,
    now,
  });
  parent.data = data;
  parent.version = version;
}
