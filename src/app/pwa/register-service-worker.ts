import { registerSW } from 'virtual:pwa-register';
import { ref } from 'vue';

/** True when a new version of the app is installed and waiting for the user's go-ahead. */
export const updateAvailable = ref(false);
let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;

/**
 * Registers the service worker (which precaches the whole shell, so the app
 * opens offline). A new version never reloads the page by itself: it waits
 * for the user to accept, or for the next cold start.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh() {
      updateAvailable.value = true;
    },
  });
}

export async function installUpdate(): Promise<void> {
  await applyUpdate?.(true);
}

/** Asks the server for a newer version now; true when one is (or was already) waiting. */
export async function checkForUpdate(): Promise<boolean> {
  const registration = await navigator.serviceWorker?.getRegistration();
  await registration?.update().catch(() => undefined);
  return updateAvailable.value || Boolean(registration?.waiting || registration?.installing);
}
