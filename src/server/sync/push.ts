import type { Mutation, MutationResult, PushRequest, PushResponse } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import { HttpError } from '../http/http-error';
import type { Database, SqlExecutor } from '../store/database';
import {
  findMutationById,
  findMutationsByIds,
  findProcessedMutation,
  lockDevicesAndClock,
  trailResult,
  type MutationLogEntry,
} from '../store/mutations-repo';
import { writePushEnd } from '../store/push-end-repo';
import { applyMutation } from './apply-mutation';
import { BatchedRecordStore } from './batched-record-store';

/**
 * Applies a device's batch of mutations, each exactly once, in one transaction
 * — or several devices' batches of one platform, together (push-groups.ts).
 *
 * 1. Lock the devices' rows, in the order of their ids: two pushes of one
 *    device (a retry racing the original, two tabs) run one after the other,
 *    never interleaved. Then lock the platform's clock, before any record:
 *    writes take it anyway, and taking it after a record lock lets two
 *    pushes deadlock. (One statement.)
 * 2. For each device's batch in turn, for each mutation in the device's
 *    numbering order:
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
 * 3. Write the records, the log, and each device's last number, in one
 *    statement: all commit or none.
 *
 * The work is done by the batch, not the mutation: the new mutations' ids
 * are looked up once (step 2a, under another number), the records they name
 * read and locked together before the loop, and their writes and log kept
 * to be written in a few statements after it (BatchedRecordStore), all in
 * the same transaction. A group costs the round trips of one batch: each
 * batch sees the writes of those before it through that store, as if each
 * had committed in turn. A device comes at most once in a group: its last
 * number is read once, in step 1.
 */
export async function pushMutations(
  db: Database,
  actor: Actor,
  request: PushRequest,
  clock: Clock,
): Promise<PushResponse> {
  checkPushDevice(actor, request);
  return db.transaction(async (tx) => (await applyPushes(tx, [{ actor, request }], clock()))[0]!);
}

/** A device's push: its session's actor (for a replay, the device the export came from) and its batch. */
export interface DevicePush {
  actor: Actor;
  request: PushRequest;
}

/** A push is its session's device's own (the replay of an emergency export names its device in the actor). */
export function checkPushDevice(actor: Actor, request: PushRequest): void {
  if (request.deviceId !== actor.deviceId) {
    throw new HttpError(403, 'wrong_device', "Ces modifications viennent d'un autre appareil que celui de la session");
  }
}

/** The steps above, for pushes of one platform and distinct devices, in a transaction the caller opened and commits. */
export async function applyPushes(tx: SqlExecutor, pushes: readonly DevicePush[], now: Date): Promise<PushResponse[]> {
  const platformId = pushes[0]?.actor.platformId ?? null;
  const locked = await lockDevicesAndClock(
    tx,
    pushes.map(({ actor }) => actor.deviceId),
    platformId,
  ); // step 1
  const store = new BatchedRecordStore(tx);
  if (platformId && locked.clock !== null) store.knowClock(platformId, locked.clock);
  const batches = pushes.map(({ actor, request }) => {
    const lastSeq = locked.lastSeqs.get(actor.deviceId);
    if (lastSeq === undefined) throw new HttpError(401, 'unknown_device', 'Appareil inconnu : reconnectez-vous');
    return { actor, lastSeq, mutations: [...request.mutations].sort((a, b) => a.seq - b.seq) };
  });
  const fresh = batches.flatMap(({ mutations, lastSeq }) => mutations.filter((mutation) => mutation.seq > lastSeq));
  const processedElsewhere = await findMutationsByIds(
    tx,
    fresh.map((mutation) => mutation.mutationId),
  );
  await store.preload(fresh.filter((mutation) => !processedElsewhere.has(mutation.mutationId)));
  const log: MutationLogEntry[] = [];
  const responses: PushResponse[] = [];
  for (const batch of batches) {
    const applied = await applyBatch(store, batch, processedElsewhere, now); // step 2
    log.push(...applied.log);
    responses.push(applied.response);
  }
  const devices = batches.map((batch, index) => ({ id: batch.actor.deviceId, lastSeq: responses[index]!.lastSeq }));
  await writePushEnd(tx, { ...store.takeWrites(), log, devices, now }); // step 3
  return responses;
}

/** Step 2, for one device's batch: its answer, and the log of what it applied. */
async function applyBatch(
  store: BatchedRecordStore,
  batch: { actor: Actor; lastSeq: number; mutations: readonly Mutation[] },
  processedElsewhere: Map<string, { mutationId: string; result: MutationResult }>,
  now: Date,
): Promise<{ response: PushResponse; log: MutationLogEntry[] }> {
  const { actor, mutations } = batch;
  const tx = store.tx;
  let lastSeq = batch.lastSeq;
  const results: MutationResult[] = [];
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
    // The same id again later (in this batch, or another of the group) gets the result as the trail keeps it, as from the table.
    processedElsewhere.set(mutation.mutationId, { mutationId: mutation.mutationId, result: trailResult(result) });
    results.push(result);
    lastSeq = mutation.seq;
  }
  return { response: { results, lastSeq }, log };
}
