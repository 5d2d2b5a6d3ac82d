import { browserStorage } from './storage-health';

/**
 * Whether this device's data is sealed, noted OUTSIDE IndexedDB (in
 * localStorage) so that a start can show the lock screen at once: on a
 * tablet just switched on, opening IndexedDB alone takes a fifth of a second
 * (`npm run bench`, cold start). The note says nothing of the data or of
 * the PIN; the keyring in IndexedDB stays the truth, read meanwhile (the
 * router leaves the lock screen if the device turns out not to be locked,
 * and an unlock waits for it). A stale or missing note only costs that wait.
 */
export const PROTECTED_DEVICE_KEY = 'raccroche:protected';

export function rememberProtection(isProtected: boolean, storage = browserStorage()): void {
  try {
    if (isProtected) storage?.setItem(PROTECTED_DEVICE_KEY, '1');
    else storage?.removeItem(PROTECTED_DEVICE_KEY);
  } catch {
    // A full or refused localStorage: the start waits for IndexedDB, as without the note.
  }
}

export function probablyProtected(storage = browserStorage()): boolean {
  try {
    return storage?.getItem(PROTECTED_DEVICE_KEY) === '1';
  } catch {
    return false;
  }
}
