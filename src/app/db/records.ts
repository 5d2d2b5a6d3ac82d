import { caseIdOf, entities } from '../../domain/entities';
import { sameValue } from '../../domain/merge';
import { plainCopy } from '../../domain/plain-copy';
import type { EntityName } from '../../domain/sync-messages';
import { statusAfter, type CaseEvent } from '../../domain/workflow';
import type { RaccrocheDatabase } from './database';
import { readMeta } from './meta';
import { appendToOutbox } from './outbox';
import { caseRecordTables, changeTables, tableOf, withoutSyncMeta, type AnyLocalRecord } from './tables';

type Data = Record<string, unknown> & { id: string };

/** An edit the device itself refuses (locked bilan, signed contract): the screens should not offer it. */
export class LocalRefusal extends Error {}

/**
 * Runs local changes in one IndexedDB transaction: the records, their outbox
 * entries and the device's numbering commit together or not at all.
 * Inside `work`, await only IndexedDB operations (or functions that begin
 * with one): awaiting a promise that makes no request can lose Dexie's
 * transaction zone, and the writes after it would run in a transaction of
 * their own (appendToOutbox refuses to run outside one, so it shows).
 */
export function localChange<T>(db: RaccrocheDatabase, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', changeTables(db), work);
}

/**
 * Shows at once the status the endpoint will give the case (see workflow.ts).
 * Called only with an event (see localChange: no await without a request),
 * and before the record and outbox writes of the same change.
 */
async function moveLocalStatus(db: RaccrocheDatabase, youngPersonId: string, event: CaseEvent) {
  const person = await db.youngPeople.get(youngPersonId);
  if (!person) return;
  const next = statusAfter(person.status, event);
  if (next !== person.status) await db.youngPeople.update(youngPersonId, { status: next });
}

/** Creates a record on the device with its mutation. Call inside localChange. */
export async function stageCreate(db: RaccrocheDatabase, entity: EntityName, record: Data): Promise<void> {
  const data = plainCopy(record);
  const event = entities[entity].eventOf?.(null, data) ?? undefined;
  const caseId = caseIdOf(entity, data) ?? '';
  if (event && entity !== 'youngPerson' && caseId) await moveLocalStatus(db, caseId, event);
  await tableOf(db, entity).add({ ...data, serverVersion: 0, serverUpdatedAt: null });
  await appendToOutbox(db, { entity, recordId: data.id, caseId, op: 'create', baseVersion: 0, payload: data, event });
}

/** The editable fields of `edited` that differ from `current`. */
export function changedFields(entity: EntityName, current: Record<string, unknown>, edited: Record<string, unknown>) {
  const changes: Record<string, unknown> = {};
  for (const field of entities[entity].editableFields) {
    if (field in edited && !sameValue(current[field], edited[field])) changes[field] = edited[field];
  }
  return plainCopy(changes);
}

/**
 * Saves an edit: the changed fields go into the record and into one mutation
 * based on the server version the device had. Call inside localChange.
 * Returns the number of fields changed (0: nothing written).
 *
 * An edit of a record whose earlier change the endpoint refused is the
 * correction of it ("Corriger"): the refused change is taken over — its
 * fields go out again with the new ones (a refused creation goes out again as
 * a creation of the whole record) and the refused entry leaves the outbox.
 */
export async function stageUpdate(db: RaccrocheDatabase, entity: EntityName, edited: Data): Promise<number> {
  const table = tableOf(db, entity);
  // The reads issued together, then the writes together: an edit costs two waits on IndexedDB, not six.
  const [current, outboxOfRecord, device] = await Promise.all([
    table.get(edited.id),
    db.outbox.where('recordId').equals(edited.id).sortBy('seq'),
    readMeta(db, 'device'),
  ]);
  if (!current) throw new LocalRefusal("Cette fiche n'existe plus sur cet appareil");
  const changes = changedFields(entity, current, edited);
  if (Object.keys(changes).length === 0) return 0;
  const refusal = entities[entity].editRefusal?.(withoutSyncMeta(current), changes);
  if (refusal) throw new LocalRefusal(refusal);
  const next: AnyLocalRecord = { ...current, ...changes };
  const event = entities[entity].eventOf?.(withoutSyncMeta(current), withoutSyncMeta(next)) ?? undefined;
  const caseId = caseIdOf(entity, next) ?? '';
  const refused = outboxOfRecord.filter((entry) => entry.state === 'rejected' && entry.op !== 'delete');
  if (event && entity !== 'youngPerson' && caseId) await moveLocalStatus(db, caseId, event);
  const recreate = refused.some((entry) => entry.op === 'create');
  await Promise.all([
    table.put(next),
    ...refused.map((entry) => db.outbox.delete(entry.seq)),
    appendToOutbox(
      db,
      {
        entity,
        recordId: edited.id,
        caseId,
        op: recreate ? 'create' : 'update',
        baseVersion: current.serverVersion,
        payload: recreate
          ? plainCopy(withoutSyncMeta(next))
          : Object.assign({}, ...refused.map((entry) => entry.payload), changes),
        event,
      },
      device,
    ),
  ]);
  return Object.keys(changes).length;
}

/** One record created, in its own transaction. */
export function createRecord(db: RaccrocheDatabase, entity: EntityName, record: Data): Promise<void> {
  return localChange(db, () => stageCreate(db, entity, record));
}

/** One record edited, in its own transaction; returns the number of fields changed. */
export function updateRecord(db: RaccrocheDatabase, entity: EntityName, edited: Data): Promise<number> {
  return localChange(db, () => stageUpdate(db, entity, edited));
}

/**
 * Deletes a record created by mistake, with its mutation. Call inside
 * localChange. The device refuses what the endpoint would (see each entity's
 * deletion rule); a young person goes with every record of its case.
 */
export async function stageDelete(db: RaccrocheDatabase, entity: EntityName, id: string): Promise<void> {
  const table = tableOf(db, entity);
  const current = await table.get(id);
  if (!current) return;
  const refusal = entities[entity].deletionRefusal
    ? entities[entity].deletionRefusal(withoutSyncMeta(current))
    : 'Cet enregistrement ne se supprime pas';
  if (refusal) throw new LocalRefusal(refusal);
  const caseId = caseIdOf(entity, current) ?? '';
  if (entity === 'youngPerson') {
    for (const caseTable of caseRecordTables(db)) await caseTable.where('youngPersonId').equals(id).delete();
  }
  await table.delete(id);
  await appendToOutbox(db, {
    entity,
    recordId: id,
    caseId,
    op: 'delete',
    baseVersion: current.serverVersion,
    payload: {},
  });
}

/** One record deleted, in its own transaction. */
export function deleteRecord(db: RaccrocheDatabase, entity: EntityName, id: string): Promise<void> {
  return localChange(db, () => stageDelete(db, entity, id));
}
