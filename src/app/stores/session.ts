import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { loginResponseSchema, refreshResponseSchema } from '../../domain/auth-messages';
import { describeDevice } from '../composables/device-name';
import type { SessionInfo } from '../db/database';
import { forgetSession, knownDeviceId, renewSession, storeLogin } from '../db/device-session';
import { appDb } from '../db/instance';
import { readMeta } from '../db/meta';
import { api, setApiToken, setTokenRenewal } from '../sync/api';
import { z } from 'zod';

/** Who is logged in on this device. The session lives in IndexedDB, so the app opens offline. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null);
  const restored = ref(false);
  const agent = computed(() => session.value?.agent ?? null);
  const isLoggedIn = computed(() => session.value !== null);

  function use(value: SessionInfo | null): void {
    session.value = value;
    setApiToken(value?.token);
  }

  /** An access token out of date: renewed with the refresh token (false when refused: the user logs in again). */
  setTokenRenewal(async (expiredToken) => {
    const refresh = (refreshToken: string) => api.post('/api/auth/refresh', { refreshToken }, refreshResponseSchema);
    const renewed = await renewSession(appDb, expiredToken, refresh).catch(() => undefined);
    if (renewed) use(renewed);
    return renewed !== undefined;
  });

  async function restore(): Promise<void> {
    use((await readMeta(appDb, 'session')) ?? null);
    restored.value = true;
  }

  async function login(email: string, password: string): Promise<void> {
    const response = await api.post(
      '/api/auth/login',
      { email, password, deviceName: describeDevice(navigator.userAgent), deviceId: await knownDeviceId(appDb) },
      loginResponseSchema,
    );
    await storeLogin(appDb, response);
    use((await readMeta(appDb, 'session')) ?? null);
  }

  /** Ends the session; the device keeps its data and unsent changes for the next login of the same user. */
  async function logout(): Promise<void> {
    await api.post('/api/auth/logout', {}, z.unknown()).catch(() => undefined);
    await forgetSession(appDb);
    use(null);
  }

  return { session, restored, agent, isLoggedIn, restore, login, logout };
});
