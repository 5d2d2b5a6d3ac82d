import { foldCaseloadChanges } from '../../src/app/db/caseload-snapshot';
import { loadFastChaChaPoly } from '../../src/app/db/crypto/chacha-poly';
import { newDataKey } from '../../src/app/db/crypto/sealing';
import type { LocalYoungPerson, RaccrocheDatabase } from '../../src/app/db/database';
import { writeMeta } from '../../src/app/db/meta';
import { tableOf, type AnyLocalRecord } from '../../src/app/db/tables';
import { getYoungPerson, updateYoungPerson } from '../../src/app/db/young-people';
import { readCase } from '../../src/app/composables/use-case-file';
import { applyPullPage } from '../../src/app/sync/pull';
import { buildTimeline } from '../../src/domain/timeline';
import type { RecordChange } from '../../src/domain/sync-messages';
import { ADVISER_ID, storedForm } from './workload';

/**
 * The app's own code paths on its Dexie database, with the encryption
 * middleware unlocked (what users run) or off: the pull's page apply, the
 * user's edit with its outbox entry, the case file's read and timeline.
 */
export async function unlockWithNewKey(db: RaccrocheDatabase): Promise<void> {
  await loadFastChaChaPoly(); // as unlocking does (device-lock.ts)
  db.encryption.mode = 'unlocked';
  db.encryption.key = newDataKey();
}

export function encryptionOff(db: RaccrocheDatabase): void {
  db.encryption.mode = 'off';
  db.encryption.key = null;
}

/** Empties every table, then registers the device (edits need its numbering). */
export async function resetAppDb(db: RaccrocheDatabase): Promise<void> {
  await db.open();
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
  await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: ADVISER_ID, nextSeq: 1 });
}

/**
 * Loads records quickly (bulk writes through Dexie and its middleware), then
 * folds the young people into the caseload's buckets, as the app does once
 * its caseload has read them after a sync: setting up, not measured.
 */
export async function fillAppDb(db: RaccrocheDatabase, changes: readonly RecordChange[]): Promise<void> {
  const byEntity = new Map<RecordChange['entity'], AnyLocalRecord[]>();
  for (const change of changes) {
    const rows = byEntity.get(change.entity) ?? [];
    rows.push(storedForm(change) as AnyLocalRecord);
    byEntity.set(change.entity, rows);
  }
  for (const [entity, rows] of byEntity) {
    for (let start = 0; start < rows.length; start += 5_000) {
      await tableOf(db, entity).bulkPut(rows.slice(start, start + 5_000));
    }
  }
  await foldCaseloadChanges(db);
}

export function appApplyPage(db: RaccrocheDatabase, changes: RecordChange[], cursor: string): Promise<void> {
  return applyPullPage(db, { changes, cursor, hasMore: true, serverTime: new Date().toISOString() });
}

/** The records as the edit form holds them (read before the user types: not measured). */
export async function readForEdit(db: RaccrocheDatabase, ids: readonly string[]): Promise<LocalYoungPerson[]> {
  return Promise.all(ids.map(async (id) => (await getYoungPerson(db, id))!));
}

/** The user saves each edit in turn: the record and its outbox entry in one transaction each. */
export async function appEdits(
  db: RaccrocheDatabase,
  people: readonly LocalYoungPerson[],
  phone: (n: number) => string,
) {
  for (const [n, person] of people.entries()) {
    const changed = await updateYoungPerson(db, { ...person, phone: phone(n) });
    if (changed !== 1) throw new Error(`edit ${n} changed ${changed} fields`);
  }
}

export async function clearOutbox(db: RaccrocheDatabase): Promise<void> {
  await db.outbox.clear();
}

/** Opening a case file: its records read (and opened) and its timeline built. */
export async function appOpenCase(db: RaccrocheDatabase, personId: string): Promise<number> {
  const snapshot = await readCase(db, personId);
  return buildTimeline(snapshot.records).length;
}
