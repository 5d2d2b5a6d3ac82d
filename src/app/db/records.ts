import { caseIdOf, entities } from '../../domain/entities';
import { plainCopy } from '../../domain/plain-copy';
import type { EntityName } from '../../domain/sync-messages';
import { statusAfter, type CaseEvent } from '../../domain/workflow';
import type { DeviceInfo, RaccrocheDatabase } from './database';
import { readMeta } from './meta';
import { DEXIE_PATH, nativeUpdate } from './native-edit';
import { appendToOutbox } from './outbox';
import { caseRecordTables, changeTables, tableOf, withoutSyncMeta } from './tables';
import { LocalRefusal, movesCaseStatus, planUpdate } from './update-plan';

export { changedFields, LocalRefusal } from './update-plan';

type Data = Record<string, unknown> & { id: string };

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
  const plan = planUpdate(entity, current, edited);
  if (!plan) return 0;
  const { changes, next, event, caseId } = plan;
  const refused = outboxOfRecord.filter((entry) => entry.state === 'rejected' && entry.op !== 'delete');
  if (movesCaseStatus(entity, plan)) await moveLocalStatus(db, caseId, event!);
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
      device && withoutRefusal(device, edited.id),
    ),
  ]);
  return Object.keys(changes).length;
}

/** The device with a record's refused change taken over: no longer listed (see DeviceInfo.refusedRecordIds). */
function withoutRefusal(device: DeviceInfo, recordId: string): DeviceInfo {
  if (!device.refusedRecordIds?.includes(recordId)) return device;
  const refusedRecordIds = device.refusedRecordIds.filter((id) => id !== recordId);
  if (refusedRecordIds.length > 0) return { ...device, refusedRecordIds };
  const { refusedRecordIds: _none, ...rest } = device;
  return rest;
}

/** One record created, in its own transaction. */
export function createRecord(db: RaccrocheDatabase, entity: EntityName, record: Data): Promise<void> {
  return localChange(db, () => stageCreate(db, entity, record));
}

/**
 * One record edited, in its own transaction; returns the number of fields
 * changed. The common edit is written natively (native-edit.ts: a small
 * transaction costs Dexie as much as IndexedDB itself), any other by Dexie.
 */
export async function updateRecord(db: RaccrocheDatabase, entity: EntityName, edited: Data): Promise<number> {
  const changed = await nativeUpdate(db, entity, edited);
  if (changed !== DEXIE_PATH) return changed;
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
