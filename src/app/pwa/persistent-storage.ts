import { ref } from 'vue';

/**
 * Persistent storage: a browser may delete a site's data when the disk runs
 * low (Chrome, Firefox) or after 7 days without use (Safari, for sites not
 * installed on the home screen), unless the site's storage is "persistent".
 * Chrome grants it without asking, on its own criteria (an installed app,
 * engagement); Firefox asks the user; Safari grants it to installed apps.
 */
export type Persistence = 'unknown' | 'granted' | 'not-granted' | 'unsupported';

/** What this browser answered last (shown on the "Données sur cet appareil" screen). */
export const persistence = ref<Persistence>('unknown');

function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Reads whether the storage is already persistent, without asking. */
export async function readPersistence(): Promise<Persistence> {
  const storage = storageManager();
  if (!storage?.persisted) persistence.value = 'unsupported';
  else persistence.value = (await storage.persisted().catch(() => false)) ? 'granted' : 'not-granted';
  return persistence.value;
}

/** Asks for persistent storage (at login, at start, or from the screen's button); never asks again once granted. */
export async function requestPersistence(): Promise<Persistence> {
  const storage = storageManager();
  if (!storage?.persist) {
    persistence.value = 'unsupported';
  } else if ((await readPersistence()) !== 'granted') {
    persistence.value = (await storage.persist().catch(() => false)) ? 'granted' : 'not-granted';
  }
  return persistence.value;
}

export interface StorageEstimate {
  /** Bytes used by this site. */
  usage: number;
  /** Bytes this site may use in all. */
  quota: number;
}

/** The space used and allowed, as the browser estimates it; null where it cannot tell. */
export async function estimateStorage(): Promise<StorageEstimate | null> {
  const storage = storageManager();
  if (!storage?.estimate) return null;
  const estimate = await storage.estimate().catch(() => null);
  if (!estimate || estimate.usage === undefined || estimate.quota === undefined) return null;
  return { usage: estimate.usage, quota: estimate.quota };
}
