import type { MutationResult, PushRequest, PushResponse } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import { HttpError } from '../http/http-error';
import type { Database } from '../store/database';
import {
  findMutationById,
  findMutationsByIds,
  findProcessedMutation,
  lockDeviceAndClock,
  trailResult,
  type MutationLogEntry,
} from '../store/mutations-repo';
import { writePushEnd } from '../store/push-end-repo';
import { applyMutation } from './apply-mutation';
import { BatchedRecordStore } from './batched-record-store';

/**
 * Applies a device's batch of mutations, each exactly once, in one transaction.
 *
 * 1. Lock the device row: two pushes of one device (a retry racing the
 *    original, two tabs) run one after the other, never interleaved. Then
 *    lock the platform's clock, before any record: writes take it anyway, and
 *    taking it after a record lock lets two pushes deadlock. (One statement.)
 * 2. For each mutation, in the device's numbering order:
 *    a. already processed (seq ≤ last_seq): answer the stored result, change
 *       nothing — this is what makes a retry after a lost response harmless.
 *       The same number with another mutation id means the device lost its
 *       state: refuse the batch rather than guess. The same mutation id under
 *       another number (renumbered after a new login, replayed from an
 *       emergency export) is the same mutation: its first result, again.
 *    b. a number is missing before it: defer it and the rest; the device
 *       sends them again after the missing one.
 *    c. otherwise validate, authorise and apply it; a rejection is a result
 *       like any other, recorded and not retried, so it never blocks the
 *       mutations behind it.
 *    d. record the mutation and its result.
 * 3. Write the batch's records, its log, and the device's last number, in
 *    one statement: all commit or none.
 *
 * The work is done by the batch, not the mutation: the new mutations' ids
 * are looked up once (step 2a, under another number), the records they name
 * read and locked together before the loop, and their writes and log kept
 * to be written in a few statements after it (BatchedRecordStore), all in
 * the same transaction.
 */
export async function pushMutations(
  db: Database,
  actor: Actor,
  request: PushRequest,
  clock: Clock,
): Promise<PushResponse> {
  if (request.deviceId !== actor.deviceId) {
    throw new HttpError(403, 'wrong_device', "Ces modifications viennent d'un autre appareil que celui de la session");
  }
  const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
  return db.transaction(async (tx) => {
    const now = clock();
    const device = await lockDeviceAndClock(tx, actor.deviceId, actor.platformId); // step 1
    if (!device) throw new HttpError(401, 'unknown_device', 'Appareil inconnu : reconnectez-vous');
    const store = new BatchedRecordStore(tx);
    if (actor.platformId && device.clock !== null) store.knowClock(actor.platformId, device.clock);
    let lastSeq = device.lastSeq;
    const results: MutationResult[] = [];
    const fresh = mutations.filter((mutation) => mutation.seq > device.lastSeq);
    const processedElsewhere = await findMutationsByIds(
      tx,
      fresh.map((mutation) => mutation.mutationId),
    );
    await store.preload(fresh.filter((mutation) => !processedElsewhere.has(mutation.mutationId)));
    const log: MutationLogEntry[] = [];
    for (const mutation of mutations) {
      const ids = { seq: mutation.seq, mutationId: mutation.mutationId };
      if (mutation.seq <= lastSeq) {
        const inThisBatch = log.find((entry) => entry.mutation.seq === mutation.seq); // not logged until the end
        const processed = inThisBatch
          ? { mutationId: inThisBatch.mutation.mutationId, result: trailResult(inThisBatch.result) }
          : ((await findProcessedMutation(tx, actor.deviceId, mutation.seq)) ??
            (await findMutationById(tx, mutation.mutationId))); // step 2a
        if (!processed || processed.mutationId !== mutation.mutationId) {
          throw new HttpError(
            409,
            'sequence_mismatch',
            'La numérotation des modifications de cet appareil ne correspond pas',
          );
        }
        results.push(processed.result);
        continue;
      }
      if (mutation.seq > lastSeq + 1) {
        results.push({ ...ids, status: 'deferred' }); // step 2b
        continue;
      }
      const elsewhere = processedElsewhere.get(mutation.mutationId); // step 2a, under another number
      if (elsewhere) {
        results.push({ ...elsewhere.result, ...ids });
        lastSeq = mutation.seq;
        continue;
      }
      const result: MutationResult = { ...ids, ...(await applyMutation(store, actor, mutation, now)) }; // step 2c
      log.push({ deviceId: actor.deviceId, agentId: actor.agentId, mutation, result, now }); // step 2d
      // The same id again later in this batch gets the result as the trail keeps it, as from the table.
      processedElsewhere.set(mutation.mutationId, { mutationId: mutation.mutationId, result: trailResult(result) });
      results.push(result);
      lastSeq = mutation.seq;
    }
    await writePushEnd(tx, { ...store.takeWrites(), log, device: { id: actor.deviceId, lastSeq, now } }); // step 3
    return { results, lastSeq };
  });
}
