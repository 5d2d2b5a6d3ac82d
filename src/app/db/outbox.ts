import Dexie from 'dexie';
import type { MutationResult } from '../../domain/sync-messages';
import type { DeviceInfo, OutboxEntry, RaccrocheDatabase } from './database';
import { readMeta, writeMeta } from './meta';

export type NewMutation = Omit<OutboxEntry, 'seq' | 'mutationId' | 'createdAt' | 'state'>;

/** A mutation as it enters the outbox, with the device's next number (written with the device's next state). */
export function numberedEntry(entry: NewMutation, device: DeviceInfo): OutboxEntry {
  return {
    ...entry,
    seq: device.nextSeq,
    mutationId: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    state: 'pending',
  };
}

/** The device once a mutation took its number. */
export function afterNumbering(device: DeviceInfo): DeviceInfo {
  return { ...device, nextSeq: device.nextSeq + 1 };
}

/**
 * Appends a mutation to the outbox with the device's next number. Must be
 * called inside the transaction that changes the record (tables outbox and
 * meta included), so the change and its mutation commit together. A caller
 * that read the device's registration already (with its other reads, in one
 * go) passes it, with any change of its own to it.
 */
export async function appendToOutbox(
  db: RaccrocheDatabase,
  entry: NewMutation,
  deviceRead?: DeviceInfo,
): Promise<OutboxEntry> {
  if (!Dexie.currentTransaction) throw new Error('appendToOutbox must run inside the change transaction');
  const device = deviceRead ?? (await readMeta(db, 'device'));
  if (!device) throw new Error('Appareil non enregistré : connectez-vous');
  const full = numberedEntry(entry, device);
  // Both writes issued at once: IndexedDB keeps their order, the transaction commits both or neither.
  await Promise.all([db.outbox.add(full), writeMeta(db, 'device', afterNumbering(device))]);
  return full;
}

/** Pending mutations in the device's numbering order. */
export function pendingMutations(db: RaccrocheDatabase, limit = Infinity): Promise<OutboxEntry[]> {
  return db.outbox.where('state').equals('pending').limit(limit).sortBy('seq');
}

/**
 * Records the endpoint's answers: applied and conflicting mutations leave the
 * outbox (a conflict is kept on the endpoint with both values); rejected ones
 * stay, marked, for the user to see, and their records join the device's
 * list of records with a refused change; deferred ones stay pending.
 */
export async function settleMutations(db: RaccrocheDatabase, results: MutationResult[]): Promise<void> {
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const refusedRecordIds: string[] = [];
    for (const result of results) {
      if (result.status === 'applied' || result.status === 'conflict') {
        await db.outbox.delete(result.seq);
      } else if (result.status === 'rejected') {
        const entry = await db.outbox.get(result.seq);
        if (!entry) continue;
        await db.outbox.update(result.seq, { state: 'rejected', reason: result.reason, issues: result.issues });
        refusedRecordIds.push(entry.recordId);
      }
    }
    if (refusedRecordIds.length > 0) await listRefusedRecords(db, refusedRecordIds);
  });
}

/** Adds records to the device's list of records with a refused change. Inside a transaction over meta. */
async function listRefusedRecords(db: RaccrocheDatabase, recordIds: readonly string[]): Promise<void> {
  const device = await readMeta(db, 'device');
  if (!device) return;
  const listed = new Set([...(device.refusedRecordIds ?? []), ...recordIds]);
  await writeMeta(db, 'device', { ...device, refusedRecordIds: [...listed] });
}
