import Dexie from 'dexie';
import type { MutationResult } from '../../domain/sync-messages';
import type { DeviceInfo, OutboxEntry, RaccrocheDatabase } from './database';
import { readMeta, writeMeta } from './meta';

/**
 * Appends a mutation to the outbox with the device's next number. Must be
 * called inside the transaction that changes the record (tables outbox and
 * meta included), so the change and its mutation commit together. A caller
 * that read the device's registration already (with its other reads, in one
 * go) passes it.
 */
export async function appendToOutbox(
  db: RaccrocheDatabase,
  entry: Omit<OutboxEntry, 'seq' | 'mutationId' | 'createdAt' | 'state'>,
  deviceRead?: DeviceInfo,
): Promise<OutboxEntry> {
  if (!Dexie.currentTransaction) throw new Error('appendToOutbox must run inside the change transaction');
  const device = deviceRead ?? (await readMeta(db, 'device'));
  if (!device) throw new Error('Appareil non enregistré : connectez-vous');
  const full: OutboxEntry = {
    ...entry,
    seq: device.nextSeq,
    mutationId: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    state: 'pending',
  };
  // Both writes issued at once: IndexedDB keeps their order, the transaction commits both or neither.
  await Promise.all([db.outbox.add(full), writeMeta(db, 'device', { ...device, nextSeq: device.nextSeq + 1 })]);
  return full;
}

/** Pending mutations in the device's numbering order. */
export function pendingMutations(db: RaccrocheDatabase, limit = Infinity): Promise<OutboxEntry[]> {
  return db.outbox.where('state').equals('pending').limit(limit).sortBy('seq');
}

/**
 * Records the endpoint's answers: applied and conflicting mutations leave the
 * outbox (a conflict is kept on the endpoint with both values); rejected ones
 * stay, marked, for the user to see; deferred ones stay pending.
 */
export async function settleMutations(db: RaccrocheDatabase, results: MutationResult[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const result of results) {
      if (result.status === 'applied' || result.status === 'conflict') {
        await db.outbox.delete(result.seq);
      } else if (result.status === 'rejected') {
        await db.outbox.update(result.seq, { state: 'rejected', reason: result.reason, issues: result.issues });
      }
    }
  });
}
