import { ref, watch } from 'vue';
import { appDb } from '../db/instance';
import {
  browserStorage,
  detectEviction,
  dismissEvictionNotice,
  evictionNoticeFor,
  rememberDeviceData,
  type EvictionNotice,
} from '../db/storage-health';
import { requestPersistence } from '../pwa/persistent-storage';
import { useSessionStore } from '../stores/session';
import { useSyncStore } from '../stores/sync';

/**
 * What the app does for its storage while it runs (mounted once, in App.vue):
 * 1. At start: finds out whether the browser wiped the database since the
 *    last run (see storage-health.ts); the notice waits for the next login.
 * 2. When someone is logged in: asks for persistent storage, and shows them
 *    the wipe notice meant for them (the first sync, a normal one from an
 *    empty device, reloads their data).
 * 3. At login and after each successful sync: notes, outside IndexedDB,
 *    that this browser holds the agent's data.
 */
export function useDeviceStorageGuard() {
  const session = useSessionStore();
  const sync = useSyncStore();
  const storage = browserStorage();
  const notice = ref<EvictionNotice | null>(null);
  const checked = detectEviction(appDb, storage).catch(() => null); // step 1

  function showNoticeFor(agentId: string | undefined): void {
    notice.value = agentId ? evictionNoticeFor(storage, agentId) : null;
  }

  watch(
    () => session.agent?.id,
    async (agentId) => {
      await checked;
      showNoticeFor(agentId); // step 2
      if (agentId) void requestPersistence();
    },
    { immediate: true },
  );

  watch(
    [() => session.agent?.id, () => sync.lastSyncAt],
    async ([agentId, lastSyncAt]) => {
      await checked;
      if (agentId) rememberDeviceData(storage, { agentId, lastSyncAt }); // step 3
    },
    { immediate: true },
  );

  function dismiss(): void {
    dismissEvictionNotice(storage);
    notice.value = null;
  }

  return { notice, dismiss };
}
