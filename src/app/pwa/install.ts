import { computed, ref } from 'vue';

/** The event Chromium fires when the app can be installed (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const deferred = ref<BeforeInstallPromptEvent | null>(null);
const installed = ref(false);

/** True when the app already runs installed (from the home screen). */
export function runsInstalled(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia('(display-mode: standalone)').matches;
}

/** iPad or iPhone (an iPad says "Macintosh" but has a touch screen), where installing is done by hand. */
export function isAppleMobile(userAgent = navigator.userAgent, touchPoints = navigator.maxTouchPoints): boolean {
  return /iPad|iPhone|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && touchPoints > 1);
}

/** Keeps the browser's offer to install, to show our own "Installer l'application" action when it comes. */
export function listenForInstallOffer(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred.value = event as BeforeInstallPromptEvent;
  });
  window.addEventListener('appinstalled', () => {
    installed.value = true;
    deferred.value = null;
  });
}

export const canInstall = computed(() => deferred.value !== null && !installed.value);

/** Shows the browser's install dialog; the offer is used once. */
export async function installApp(): Promise<boolean> {
  const offer = deferred.value;
  if (!offer) return false;
  deferred.value = null;
  await offer.prompt();
  return (await offer.userChoice).outcome === 'accepted';
}
