import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import type { Keyring } from '../../src/app/db/database';
import { wipeDevice } from '../../src/app/db/device-session';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { PROTECTED_DEVICE_KEY } from '../../src/app/db/protection-hint';
import { createAppRouter } from '../../src/app/router';
import { useDeviceLockStore } from '../../src/app/stores/device-lock';
import { useSessionStore } from '../../src/app/stores/session';

vi.mock('../../src/app/sync/api', () => ({
  api: { get: vi.fn(), post: vi.fn(), patch: vi.fn() },
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));

/** Holds the start's reading of the device's database until a test lets it go (open by default). */
const databaseRead = vi.hoisted(() => ({ gate: Promise.resolve() }));
vi.mock('../../src/app/db/crypto/device-lock', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/app/db/crypto/device-lock')>();
  return {
    ...actual,
    startLocked: async (...args: Parameters<typeof actual.startLocked>) => {
      await databaseRead.gate;
      return actual.startLocked(...args);
    },
  };
});

/** A keyring as a PIN leaves it (the key itself is never unwrapped here: nothing is unlocked). */
const wrapped = () => ({ salt: new Uint8Array(16), iv: new Uint8Array(12), wrapped: new Uint8Array(48) });
const KEYRING: Keyring = { sealing: 2, pin: wrapped(), password: wrapped(), failedAttempts: 0 };

/** The app starting on `path`: its router, and the screen it shows. */
async function start(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter();
  const root = defineComponent({ render: () => h(RouterView) });
  const wrapper = mount(root, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await router.push(path);
  return { router, wrapper, session: useSessionStore(), deviceLock: useDeviceLockStore() };
}

const routeName = (router: ReturnType<typeof createAppRouter>) => String(router.currentRoute.value.name);

describe('the first screen at start, and the device’s note that it is protected', () => {
  beforeEach(async () => {
    appDb.encryption.mode = 'off';
    appDb.encryption.key = null;
    await Promise.all(appDb.tables.map((table) => table.clear()));
    localStorage.clear();
    document.body.innerHTML = '';
    databaseRead.gate = Promise.resolve();
  });

  it('without the note, waits for the device’s database, then asks a login', async () => {
    const { router, session } = await start('/jeunes');
    expect(session.restored).toBe(true);
    expect(routeName(router)).toBe('login');
  }, 30_000); // the first navigation compiles the screens it loads

  it('on a protected device, shows the lock screen and stays there once the database says it is locked', async () => {
    await writeMeta(appDb, 'keyring', KEYRING);
    localStorage.setItem(PROTECTED_DEVICE_KEY, '1');
    let letGo!: () => void;
    databaseRead.gate = new Promise((resolve) => (letGo = resolve));
    const { router, wrapper, session, deviceLock } = await start('/jeunes');
    // At once: the database is still being read.
    expect(session.restored).toBe(false);
    expect(routeName(router)).toBe('lock');
    expect(router.currentRoute.value.query.suite).toBe('/jeunes');
    letGo();
    await vi.waitFor(() => expect(session.restored).toBe(true));
    await flushPromises();
    expect(deviceLock.locked).toBe(true);
    expect(routeName(router)).toBe('lock');
    expect(wrapper.get('h1').text()).toBe('Raccroche est verrouillé');
    expect(localStorage.getItem(PROTECTED_DEVICE_KEY)).toBe('1');
  }, 30_000);

  it('leaves the lock screen by itself when the note was stale (the database wiped), and forgets the note', async () => {
    localStorage.setItem(PROTECTED_DEVICE_KEY, '1');
    const { router, session } = await start('/jeunes');
    await vi.waitFor(() => expect(routeName(router)).toBe('login'));
    expect(session.restored).toBe(true);
    expect(router.currentRoute.value.query.suite).toBe('/jeunes');
    expect(localStorage.getItem(PROTECTED_DEVICE_KEY)).toBeNull();
  }, 30_000);

  it('is written when the device’s state is read with a keyring, and removed when the device is wiped', async () => {
    setActivePinia(createPinia());
    await writeMeta(appDb, 'keyring', KEYRING);
    await useDeviceLockStore().restore();
    expect(localStorage.getItem(PROTECTED_DEVICE_KEY)).toBe('1');
    await wipeDevice(appDb);
    expect(localStorage.getItem(PROTECTED_DEVICE_KEY)).toBeNull();
  });
});
