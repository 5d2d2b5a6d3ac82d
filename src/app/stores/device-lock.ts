import { defineStore } from 'pinia';
import { ref } from 'vue';
import {
  changeSecret,
  lockDevice,
  MAX_PIN_ATTEMPTS,
  protectDevice,
  readKeyring,
  startLocked,
  unlockWithPassword,
  unlockWithPin,
  type UnlockOutcome,
} from '../db/crypto/device-lock';
import { dataGeneration } from '../composables/use-live-query';
import { appDb } from '../db/instance';
import { rememberProtection } from '../db/protection-hint';

/**
 * The lock of the device's data: whether it is locked, whether a PIN
 * protects it, and the unlocking itself (offline, with the PIN or the
 * password). Locking forgets the key and reloads the app, so no decrypted
 * record stays in memory; forms come back from their (sealed) drafts.
 */
export const useDeviceLockStore = defineStore('device-lock', () => {
  const locked = ref(false);
  const pinSet = ref(false);
  /** The PIN was disabled after too many wrong ones: the password (online login) is needed. */
  const pinDisabled = ref(false);
  const attemptsLeft = ref(MAX_PIN_ATTEMPTS);
  /** The password just checked by the endpoint, until the PIN is set (it wraps the key for recovery). */
  let passwordForSetup: string | null = null;

  async function refreshState(): Promise<void> {
    const keyring = await readKeyring(appDb);
    rememberProtection(Boolean(keyring));
    pinSet.value = Boolean(keyring?.pin);
    pinDisabled.value = Boolean(keyring) && !keyring?.pin;
    attemptsLeft.value = MAX_PIN_ATTEMPTS - (keyring?.failedAttempts ?? 0);
  }

  async function restore(): Promise<void> {
    locked.value = await startLocked(appDb);
    await refreshState();
  }

  /**
   * After a login checked by the endpoint: opens the device's sealed data with
   * the password when it is still locked, and keeps the password's wrapping
   * of the key current (the password may have changed since it was made).
   */
  async function afterPasswordLogin(password: string): Promise<void> {
    passwordForSetup = password;
    const keyring = await readKeyring(appDb);
    if (!keyring) {
      // Nothing sealed (a first login, or the previous user's data just wiped): the PIN is to be set.
      locked.value = false;
      await refreshState();
      return;
    }
    if (appDb.encryption.mode !== 'unlocked' && !(await unlockWithPassword(appDb, password))) return;
    opened();
    await changeSecret(appDb, 'password', password);
    await refreshState();
  }

  /** Sets (or sets again) the PIN that opens the device's data. */
  async function setUpPin(pin: string): Promise<void> {
    const keyring = await readKeyring(appDb);
    if (keyring && appDb.encryption.mode === 'unlocked') await changeSecret(appDb, 'pin', pin);
    else await protectDevice(appDb, { pin, password: passwordForSetup ?? pin });
    passwordForSetup = null;
    opened();
    await refreshState();
  }

  /** The data is readable again: what was read while locked is read again. */
  function opened(): void {
    locked.value = false;
    dataGeneration.value += 1;
  }

  async function unlockPin(pin: string): Promise<UnlockOutcome> {
    const outcome = await unlockWithPin(appDb, pin);
    if (outcome === 'unlocked') opened();
    await refreshState();
    return outcome;
  }

  async function unlockPassword(password: string): Promise<boolean> {
    const unlocked = await unlockWithPassword(appDb, password);
    if (unlocked) opened();
    await refreshState();
    return unlocked;
  }

  /** Locks now: the key is forgotten and the app starts again, locked. */
  function lockNow(): void {
    lockDevice(appDb);
    locked.value = true;
    window.location.reload();
  }

  return {
    locked,
    pinSet,
    pinDisabled,
    attemptsLeft,
    restore,
    afterPasswordLogin,
    setUpPin,
    unlockPin,
    unlockPassword,
    lockNow,
  };
});
