import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { loginResponseSchema, refreshResponseSchema, type RefreshRequest } from '../../domain/auth-messages';
import { describeDevice } from '../composables/device-name';
import type { SessionInfo } from '../db/database';
import { forgetSession, knownDeviceId, renewSession, storeLogin, unsentWork, wipeDevice } from '../db/device-session';
import { browserStorage, forgetDeviceData } from '../db/storage-health';
import { appDb } from '../db/instance';
import { readMeta, writeMeta } from '../db/meta';
import { api, setApiToken, setSessionEndHandler, setTokenRenewal } from '../sync/api';
import { z } from 'zod';
import { useDeviceLockStore } from './device-lock';

/** Who is logged in on this device. The session lives in IndexedDB, so the app opens offline. */
export const useSessionStore = defineStore('session', () => {
  const deviceLock = useDeviceLockStore();
  const session = ref<SessionInfo | null>(null);
  const restored = ref(false);
  /** Why the user was sent back to the login screen, shown there. */
  const endReason = ref<'session_ended' | 'device_revoked' | null>(null);
  const agent = computed(() => session.value?.agent ?? null);
  const isLoggedIn = computed(() => session.value !== null);

  function use(value: SessionInfo | null): void {
    session.value = value;
    setApiToken(value?.token);
  }

  /** An access token out of date: renewed with the refresh token (false when refused: the user logs in again). */
  setTokenRenewal(async (expiredToken) => {
    const refresh = (request: RefreshRequest) => api.post('/api/auth/refresh', request, refreshResponseSchema);
    const renewed = await renewSession(appDb, expiredToken, refresh).catch(() => undefined);
    if (renewed) use(renewed);
    return renewed !== undefined;
  });

  /**
   * The endpoint ended the session: expired, stolen refresh token, or the
   * device revoked (lost tablet). A revoked device wipes everything it holds;
   * an ended session keeps the data for the same user's next login.
   */
  setSessionEndHandler((reason) => {
    if (!session.value) return;
    endReason.value = reason;
    void (reason === 'device_revoked' ? wipeDevice(appDb) : forgetSession(appDb)).then(() => {
      forgetDeviceData(browserStorage());
      use(null);
    });
  });

  let starting: Promise<void> | null = null;
  /** The state read at start, once: the router waits for it, or shows the lock screen meanwhile. */
  function ready(): Promise<void> {
    starting ??= restore();
    return starting;
  }

  /** At start: a locked device shows nobody until unlocked (its session is sealed too). */
  async function restore(): Promise<void> {
    await deviceLock.restore();
    use(deviceLock.locked ? null : ((await readMeta(appDb, 'session')) ?? null));
    restored.value = true;
  }

  /**
   * Logs in (online). The device's sealed data of the same user is opened
   * with the password just checked; another user's goes away (storeLogin).
   */
  async function login(email: string, password: string): Promise<void> {
    const response = await api.post(
      '/api/auth/login',
      { email, password, deviceName: describeDevice(navigator.userAgent), deviceId: await knownDeviceId(appDb) },
      loginResponseSchema,
    );
    const device = await readMeta(appDb, 'device');
    if (!device || device.agentId === response.agent.id) await deviceLock.afterPasswordLogin(password);
    if (appDb.encryption.mode === 'locked' && device?.agentId === response.agent.id) {
      throw new Error(
        'Les données de cet appareil sont protégées par un autre mot de passe : déverrouillez-les avec votre code.',
      );
    }
    await storeLogin(appDb, response);
    if (device && device.agentId !== response.agent.id) await deviceLock.afterPasswordLogin(password);
    endReason.value = null;
    use((await readMeta(appDb, 'session')) ?? null);
  }

  /**
   * Logs out and removes this user's data from the device (a tablet may be
   * shared). Unsent work is never dropped silently: the caller first tries to
   * sync, and passes `discardUnsent` only after the user chose to drop what
   * could still not be sent (see the logout screen).
   */
  async function logout(options: { discardUnsent?: boolean } = {}): Promise<void> {
    const left = await unsentWork(appDb);
    if (left.pending + left.refused > 0 && !options.discardUnsent) {
      throw new Error('Des modifications ne sont pas envoyées : synchronisez, exportez-les ou confirmez leur abandon');
    }
    await api.post('/api/auth/logout', {}, z.unknown()).catch(() => undefined);
    await wipeDevice(appDb);
    forgetDeviceData(browserStorage());
    endReason.value = null;
    use(null);
  }

  /** The user chose their own password: the temporary one of a new account no longer holds the app back. */
  async function passwordChosen(): Promise<void> {
    if (!session.value?.agent.mustChangePassword) return;
    const updated = { ...session.value, agent: { ...session.value.agent, mustChangePassword: false } };
    await writeMeta(appDb, 'session', updated);
    use(updated);
  }

  return { session, restored, agent, isLoggedIn, endReason, ready, restore, login, logout, passwordChosen };
});
