import type { Table } from 'dexie';
import type { EntityName } from '../../domain/sync-messages';
import type { RaccrocheDatabase, SyncMeta } from './database';

export type AnyLocalRecord = Record<string, unknown> & SyncMeta & { id: string };

/** The table that holds each kind of record on the device. */
export function tableOf(db: RaccrocheDatabase, entity: EntityName): Table<AnyLocalRecord, string> {
  const tables = {
    youngPerson: db.youngPeople,
    contactAttempt: db.contactAttempts,
    meeting: db.meetings,
    statusChange: db.statusChanges,
    bilan: db.bilans,
    proposal: db.proposals,
    contract: db.contracts,
    solution: db.solutions,
    conflict: db.conflicts,
  } satisfies Record<EntityName, Table>;
  return tables[entity] as unknown as Table<AnyLocalRecord, string>;
}

/** The tables one local change may touch: every record table, the outbox and the device's numbering. */
export function changeTables(db: RaccrocheDatabase): Table[] {
  return [
    db.youngPeople,
    db.contactAttempts,
    db.meetings,
    db.statusChanges,
    db.bilans,
    db.proposals,
    db.contracts,
    db.solutions,
    db.conflicts,
    db.outbox,
    db.meta,
    db.drafts,
  ];
}

/** The record's fields, without what the device adds to keep it in sync. */
export function withoutSyncMeta<T extends SyncMeta>(record: T): Omit<T, keyof SyncMeta> {
  const { serverVersion: _version, serverUpdatedAt: _updatedAt, ...data } = record;
  return data;
}

/** Every table holding records of a young person's case (indexed by youngPersonId). */
export function caseRecordTables(db: RaccrocheDatabase): Table<AnyLocalRecord, string>[] {
  return [db.contactAttempts, db.meetings, db.statusChanges, db.bilans, db.proposals, db.contracts, db.conflicts].map(
    (table) => table as unknown as Table<AnyLocalRecord, string>,
  );
}
