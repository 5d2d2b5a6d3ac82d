import type { PushRequest, PushResponse } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import type { Database } from '../store/database';
import { applyPushes, checkPushDevice, pushMutations, type DevicePush } from './push';

/** A group commits together at most this many mutations by default (a push carries up to MAX_PUSH_BATCH). */
const MAX_GROUP_MUTATIONS = 1_000;

/** A device's push waiting for its group, and how to answer it. */
interface Waiting extends DevicePush {
  resolve: (response: PushResponse) => void;
  reject: (error: unknown) => void;
}

/**
 * Pushes of one platform, committed in groups (group commit).
 *
 * Every push takes its platform's clock lock and holds it to commit, so the
 * pushes of a platform run one after the other whatever we do. When many
 * devices of a platform sync at once (a Monday morning), each waited for
 * that lock inside a transaction of its own, holding one of the pool's few
 * connections idle, and paid for its own BEGIN and COMMIT.
 *
 * 1. A push of a platform with no push at work runs at once, alone.
 * 2. Pushes arriving meanwhile wait here, in arrival order, without a
 *    connection. When the one at work ends, they run together: one
 *    transaction and the round trips of one push (applyPushes), each
 *    device's batch after the other, one COMMIT. A batch sees the writes of
 *    those before it, exactly as if each had committed in turn.
 * 3. Their answers are given only after that COMMIT: nothing is announced
 *    that could still roll back.
 * 4. If anything fails in a group (a device's numbering refused, a lost
 *    connection), the group rolls back and each push runs again alone, as
 *    in step 1: the failure is answered to its own device only. A push the
 *    group had in fact committed (a COMMIT whose answer was lost) is then
 *    answered from the mutations' log, like any retry.
 *
 * Within one process only; the clock lock still orders the pushes of
 * several processes.
 */
export function pushGroups(db: Database, clock: Clock, maxGroupMutations = MAX_GROUP_MUTATIONS) {
  const platforms = new Map<string, Waiting[]>();

  async function runAlone(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(await pushMutations(db, waiting.actor, waiting.request, clock));
    } catch (error) {
      waiting.reject(error);
    }
  }

  async function runTogether(group: Waiting[]): Promise<void> {
    let responses: PushResponse[];
    try {
      responses = await db.transaction((tx) => applyPushes(tx, group, clock())); // step 2
    } catch {
      for (const waiting of group) await runAlone(waiting); // step 4
      return;
    }
    group.forEach((waiting, index) => waiting.resolve(responses[index]!)); // step 3
  }

  /**
   * The next group: the waiting pushes in arrival order, up to
   * maxGroupMutations, each device once (a device's second push waits for
   * the next group, where it sees the first as processed); at least one push.
   */
  function takeGroup(queue: Waiting[]): Waiting[] {
    const devices = new Set<string>();
    let mutations = 0;
    let size = 0;
    for (const { actor, request } of queue) {
      const fits = size === 0 || mutations + request.mutations.length <= maxGroupMutations;
      if (!fits || devices.has(actor.deviceId)) break;
      devices.add(actor.deviceId);
      mutations += request.mutations.length;
      size += 1;
    }
    return queue.splice(0, size);
  }

  async function drain(platformId: string, queue: Waiting[]): Promise<void> {
    await runAlone(queue.shift()!); // step 1
    while (queue.length > 0) {
      const group = takeGroup(queue);
      await (group.length === 1 ? runAlone(group[0]!) : runTogether(group));
    }
    platforms.delete(platformId);
  }

  return function push(actor: Actor, request: PushRequest): Promise<PushResponse> {
    checkPushDevice(actor, request);
    const platformId = actor.platformId;
    if (platformId === null) return pushMutations(db, actor, request, clock);
    return new Promise((resolve, reject) => {
      const queue = platforms.get(platformId);
      if (queue) {
        queue.push({ actor, request, resolve, reject });
        return;
      }
      const started: Waiting[] = [{ actor, request, resolve, reject }];
      platforms.set(platformId, started);
      void drain(platformId, started);
    });
  };
}
