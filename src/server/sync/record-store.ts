import type { CaseAccess } from '../auth/scope';
import { caseAccessOf } from '../store/case-tutors-repo';
import type { SqlExecutor } from '../store/database';
import {
  findRecordForUpdate,
  insertRecord,
  nextVersion,
  updateRecord,
  type RecordWrite,
  type StoredRecord,
} from '../store/records-repo';

/**
 * How a push reads and writes records, inside its transaction. Two
 * implementations: straight to SQL (below), and batched (batched-record-store.ts:
 * a whole push read in a few statements and written in a few more).
 */
export interface RecordStore {
  readonly tx: SqlExecutor;
  /** A record, locked until the end of the transaction. */
  find(id: string): Promise<StoredRecord | undefined>;
  /** The case of a record as scopes see it: platform, referent, tutors. */
  caseAccess(record: Pick<StoredRecord, 'platformId' | 'referentId' | 'youngPersonId'>): Promise<CaseAccess>;
  /** The next version of a platform's clock (locked until the end of the transaction). */
  nextVersion(platformId: string): Promise<number>;
  insert(write: RecordWrite): Promise<void>;
  update(write: RecordWrite): Promise<void>;
  /**
   * Runs work that reads or writes the database by other statements than
   * these (a deletion with its case, a contract's tutors, a conflict's
   * resolution): the store first writes what it holds, and trusts nothing it
   * read before once the work is done.
   */
  direct<T>(work: (store: RecordStore) => Promise<T>): Promise<T>;
}

/** Every read and write as its own statement. */
export function directRecordStore(tx: SqlExecutor): RecordStore {
  const store: RecordStore = {
    tx,
    find: (id) => findRecordForUpdate(tx, id),
    caseAccess: (record) => caseAccessOf(tx, record),
    nextVersion: (platformId) => nextVersion(tx, platformId),
    insert: (write) => insertRecord(tx, write),
    update: (write) => updateRecord(tx, write),
    direct: (work) => work(store),
  };
  return store;
}
