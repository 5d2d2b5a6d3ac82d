import type { RecordChange } from '../../src/domain/sync-messages';
import { storedForm } from './workload';

/**
 * The limit: IndexedDB itself, no Dexie, no app logic, with the app's stores
 * and indexes (src/app/db/database.ts, version 5), doing the same reads and
 * writes as the app, each as directly as IndexedDB allows (every request of
 * a transaction issued at once, one wait for its completion).
 */
const STORES: Record<string, { keyPath: string; autoIncrement?: boolean; indexes: [string, string | string[]][] }> = {
  youngPeople: {
    keyPath: 'id',
    indexes: [
      ['status', 'status'],
      ['referentId', 'referentId'],
    ],
  },
  contactAttempts: {
    keyPath: 'id',
    indexes: [
      ['youngPersonId', 'youngPersonId'],
      ['[youngPersonId+occurredAt]', ['youngPersonId', 'occurredAt']],
    ],
  },
  meetings: { keyPath: 'id', indexes: [['youngPersonId', 'youngPersonId']] },
  statusChanges: { keyPath: 'id', indexes: [['youngPersonId', 'youngPersonId']] },
  bilans: { keyPath: 'id', indexes: [['youngPersonId', 'youngPersonId']] },
  proposals: { keyPath: 'id', indexes: [['youngPersonId', 'youngPersonId']] },
  contracts: { keyPath: 'id', indexes: [['youngPersonId', 'youngPersonId']] },
  outbox: {
    keyPath: 'seq',
    indexes: [
      ['recordId', 'recordId'],
      ['state', 'state'],
      ['caseId', 'caseId'],
    ],
  },
  meta: { keyPath: 'key', indexes: [] },
  caseloadDirty: { keyPath: 'seq', autoIncrement: true, indexes: [] },
};
const CASE_STORES = ['contactAttempts', 'meetings', 'statusChanges', 'bilans', 'proposals', 'contracts'];
export const STORE_OF: Record<string, string> = {
  youngPerson: 'youngPeople',
  contactAttempt: 'contactAttempts',
  meeting: 'meetings',
};

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });

const result = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('request failed'));
  });

export async function openRaw(name: string): Promise<IDBDatabase> {
  await result(indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>);
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    for (const [store, shape] of Object.entries(STORES)) {
      const created = request.result.createObjectStore(store, {
        keyPath: shape.keyPath,
        autoIncrement: shape.autoIncrement ?? false,
      });
      for (const [index, keyPath] of shape.indexes) created.createIndex(index, keyPath);
    }
  };
  return result(request);
}

/** One pull page: every record put in its store and the cursor, in one transaction. */
export async function rawApplyPage(db: IDBDatabase, changes: readonly RecordChange[], cursor: string): Promise<void> {
  const tx = db.transaction([...new Set(changes.map((change) => STORE_OF[change.entity]!)), 'meta'], 'readwrite');
  for (const change of changes) tx.objectStore(STORE_OF[change.entity]!).put(storedForm(change));
  tx.objectStore('meta').put({ key: 'cursor', value: cursor });
  await done(tx);
}

/** The outbox entry of a young person's phone edited, as the app writes it. */
function phoneEdit(seq: number, id: string, baseVersion: unknown, phone: string) {
  return {
    seq,
    mutationId: crypto.randomUUID(),
    entity: 'youngPerson',
    recordId: id,
    caseId: id,
    op: 'update',
    baseVersion,
    payload: { phone },
    createdAt: new Date().toISOString(),
    state: 'pending',
  };
}

/** A user edit: read the record, write it changed and its outbox entry, in one two-store transaction. */
export async function rawEdit(db: IDBDatabase, id: string, seq: number, phone: string): Promise<void> {
  const tx = db.transaction(['youngPeople', 'outbox'], 'readwrite');
  const people = tx.objectStore('youngPeople');
  const current = (await result(people.get(id))) as Record<string, unknown>;
  people.put({ ...current, phone });
  tx.objectStore('outbox').put(phoneEdit(seq, id, current.serverVersion, phone));
  await done(tx);
}

/**
 * A user edit with every request the app's Dexie path makes for it
 * (src/app/db/records.ts stageUpdate: a correction of a refused change, an
 * edit that moves its case's status), natively: the record, its earlier
 * outbox entries and the device's numbering read together; then the record,
 * its outbox entry, the numbering and the caseload's dirty mark written
 * together. Not the budget's baseline (rawEdit is): what those guarantees
 * cost IndexedDB itself. The common edit (native-edit.ts) makes five requests.
 */
export async function rawAppEdit(db: IDBDatabase, id: string, phone: string): Promise<void> {
  const tx = db.transaction(['youngPeople', 'outbox', 'meta', 'caseloadDirty'], 'readwrite');
  const people = tx.objectStore('youngPeople');
  const outbox = tx.objectStore('outbox');
  const meta = tx.objectStore('meta');
  const [current, , device] = (await Promise.all([
    result(people.get(id)),
    result(outbox.index('recordId').getAll(id)),
    result(meta.get('device')),
  ])) as [Record<string, unknown>, unknown[], { key: string; value: { nextSeq: number } }];
  const seq = device.value.nextSeq;
  people.put({ ...current, phone });
  outbox.put(phoneEdit(seq, id, current.serverVersion, phone));
  meta.put({ ...device, value: { ...device.value, nextSeq: seq + 1 } });
  tx.objectStore('caseloadDirty').add({ ids: [id] });
  await done(tx);
}

/** The device's numbering, as the app's registration writes it (rawAppEdit reads it). */
export async function rawRegisterDevice(db: IDBDatabase): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put({ key: 'device', value: { id: crypto.randomUUID(), nextSeq: 1_000_000 } });
  await done(tx);
}

/** An adviser's cases by the referent index. */
export async function rawReadCaseload(db: IDBDatabase, referentId: string): Promise<unknown[]> {
  const tx = db.transaction('youngPeople', 'readonly');
  return result(tx.objectStore('youngPeople').index('referentId').getAll(referentId));
}

/** Every young person on the device: what a search without an in-memory index would have to scan. */
export async function rawScanPeople(db: IDBDatabase): Promise<unknown[]> {
  return result(db.transaction('youngPeople', 'readonly').objectStore('youngPeople').getAll());
}

/** A case file: the person, every record of the case by index, and its outbox entries. */
export async function rawReadCase(db: IDBDatabase, personId: string): Promise<unknown[][]> {
  const tx = db.transaction(['youngPeople', ...CASE_STORES, 'outbox'], 'readonly');
  return Promise.all([
    result(tx.objectStore('youngPeople').get(personId)).then((person) => [person]),
    ...CASE_STORES.map((store) => result(tx.objectStore(store).index('youngPersonId').getAll(personId))),
    result(tx.objectStore('outbox').index('caseId').getAll(personId)),
  ]);
}
