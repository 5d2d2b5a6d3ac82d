import type { Conflict } from '../../domain/conflict';
import { openConflicts } from '../../domain/conflict-resolution';
import type { EntityName } from '../../domain/sync-messages';
import { fullName } from '../../domain/young-person';
import type { Local, OutboxEntry, RaccrocheDatabase } from '../db/database';
import { stageDiscard } from '../db/discard';
import { appDb } from '../db/instance';
import { localChange } from '../db/records';
import { useSyncStore } from '../stores/sync';
import { markForRefresh } from '../sync/refresh';
import { useLiveQuery } from './use-live-query';

/** The unsent changes of one record, oldest first. */
export interface RecordChanges {
  recordId: string;
  entity: EntityName;
  caseId: string;
  /** The young person's name ("DURAND Léa"), or null when the device no longer has them. */
  personName: string | null;
  entries: OutboxEntry[];
}

export interface RefusedChange {
  entry: OutboxEntry;
  personName: string | null;
}

export interface ConflictToResolve {
  conflict: Local<Conflict>;
  personName: string | null;
}

/** What the synchronisation page lists: pending changes by record, refused changes, conflicts to resolve. */
export interface SyncDetail {
  pending: RecordChanges[];
  refused: RefusedChange[];
  conflicts: ConflictToResolve[];
}

/** Pending entries (in seq order) grouped by record, in the order each record was first changed. */
export function groupByRecord(
  entries: readonly OutboxEntry[],
  nameOf: (caseId: string) => string | null,
): RecordChanges[] {
  const groups = new Map<string, RecordChanges>();
  for (const entry of entries) {
    const group = groups.get(entry.recordId) ?? {
      recordId: entry.recordId,
      entity: entry.entity,
      caseId: entry.caseId,
      personName: nameOf(entry.caseId),
      entries: [],
    };
    group.entries.push(entry);
    groups.set(entry.recordId, group);
  }
  return [...groups.values()];
}

/** Reads the outbox and the open conflicts, with the names of the young people concerned. */
export async function readSyncDetail(db: RaccrocheDatabase): Promise<SyncDetail> {
  const [outbox, conflicts] = await Promise.all([
    db.outbox.orderBy('seq').toArray(),
    db.conflicts.where('status').equals('ouvert').toArray(),
  ]);
  const caseIds = [...new Set([...outbox.map((e) => e.caseId), ...conflicts.map((c) => c.youngPersonId)])].filter(
    Boolean,
  );
  const people = await db.youngPeople.bulkGet(caseIds);
  const names = new Map(people.flatMap((person) => (person ? [[person.id, fullName(person)] as const] : [])));
  const nameOf = (caseId: string) => names.get(caseId) ?? null;
  return {
    pending: groupByRecord(
      outbox.filter((entry) => entry.state === 'pending'),
      nameOf,
    ),
    refused: outbox
      .filter((entry) => entry.state === 'rejected')
      .map((entry) => ({ entry, personName: nameOf(entry.caseId) })),
    conflicts: openConflicts(conflicts).map((conflict) => ({ conflict, personName: nameOf(conflict.youngPersonId) })),
  };
}

/**
 * The synchronisation detail, followed live, and the discarding of a
 * refused change: its entry goes and the record is marked to be fetched
 * again, in one transaction (so it works offline: the next sync puts the
 * record back); then a sync is asked for.
 */
export function useSyncDetail() {
  const sync = useSyncStore();
  const detail = useLiveQuery<SyncDetail | null>(() => readSyncDetail(appDb), null);

  async function discard(seq: number): Promise<void> {
    await localChange(appDb, async () => markForRefresh(appDb, await stageDiscard(appDb, seq)));
    void sync.syncNow();
  }

  return { detail, discard };
}
