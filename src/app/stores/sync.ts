import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useLiveQuery } from '../composables/use-live-query';
import { appDb } from '../db/instance';
import { readMeta } from '../db/meta';
import { api } from '../sync/api';
import { createSyncScheduler, type SyncRunResult } from '../sync/scheduler';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error';

/** What is waiting to be sent, when the last sync succeeded, and the sync itself. */
export const useSyncStore = defineStore('sync', () => {
  const phase = ref<SyncPhase>('idle');
  const lastError = ref<string | null>(null);
  const needsLogin = ref(false);
  const needsUpdate = ref(false);

  const pendingCount = useLiveQuery(() => appDb.outbox.where('state').equals('pending').count(), 0);
  const oldestPendingAt = useLiveQuery(
    async () => (await appDb.outbox.where('state').equals('pending').first())?.createdAt ?? null,
    null as string | null,
  );
  const rejected = useLiveQuery(() => appDb.outbox.where('state').equals('rejected').toArray(), []);
  const lastSyncAt = useLiveQuery(async () => (await readMeta(appDb, 'lastSyncAt')) ?? null, null as string | null);

  async function run(): Promise<SyncRunResult> {
    phase.value = 'syncing';
    // Loaded at the first sync, not with the app's first screen (precached: offline too).
    const { synchronise } = await import('../sync/sync-engine');
    const outcome = await synchronise(appDb, api);
    if (outcome.status === 'done' || outcome.status === 'busy') {
      phase.value = 'idle';
      lastError.value = null;
      return outcome.status;
    }
    const { failure } = outcome;
    needsLogin.value = failure.kind === 'unauthenticated';
    needsUpdate.value = failure.kind === 'upgrade';
    phase.value = failure.kind === 'offline' ? 'offline' : 'error';
    lastError.value = failure.message;
    return 'failed';
  }

  const scheduler = createSyncScheduler({ run });

  return {
    phase,
    lastError,
    needsLogin,
    needsUpdate,
    pendingCount,
    oldestPendingAt,
    rejected,
    lastSyncAt,
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    syncNow: () => scheduler.now(),
  };
});
