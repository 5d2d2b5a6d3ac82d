import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import DeviceStorageGuard from '../../src/app/components/device/DeviceStorageGuard.vue';
import type { SessionInfo } from '../../src/app/db/database';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { DEVICE_DATA_KEY, EVICTION_NOTICE_KEY } from '../../src/app/db/storage-health';
import { useSessionStore } from '../../src/app/stores/session';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const OTHER_AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a02';
const LAST_SYNC = '2026-03-02T09:00:00.000Z';

const sessionOf = (agentId: string): SessionInfo => ({
  token: 't',
  expiresAt: '2026-12-31T00:00:00.000Z',
  agent: {
    id: agentId,
    displayName: 'Camille Durand',
    email: 'c@example.org',
    role: 'conseiller',
    platformId: PLATFORM,
    platformName: 'PSAD',
  },
});

/** The app starting: the guard mounted, nobody logged in yet. */
async function start() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(DeviceStorageGuard, {
    global: { plugins: [pinia], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

/** A login: the device registered, then the session (as storeLogin and the session store do). */
async function logIn(agentId: string) {
  await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId, nextSeq: 1 });
  useSessionStore().session = sessionOf(agentId);
  await flushPromises();
}

const notice = (wrapper: Awaited<ReturnType<typeof start>>) => wrapper.find('[data-testid="eviction-notice"]');

describe('a database wiped by the browser, told after the next login', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    localStorage.clear();
  });

  it('is detected at start, told to the agent after login, then says the data is back once the first sync ends', async () => {
    localStorage.setItem(DEVICE_DATA_KEY, JSON.stringify({ agentId: AGENT, lastSyncAt: LAST_SYNC }));
    const wrapper = await start();
    expect(notice(wrapper).exists()).toBe(false); // nobody to tell yet
    expect(localStorage.getItem(EVICTION_NOTICE_KEY)).not.toBeNull();

    await logIn(AGENT);
    await vi.waitFor(() => expect(notice(wrapper).exists()).toBe(true));
    expect(notice(wrapper).attributes('role')).toBe('alert');
    expect(notice(wrapper).text()).toContain('Les données de cet appareil avaient été effacées par le navigateur');
    expect(notice(wrapper).text()).toContain('dernière synchronisation le 02/03/2026');
    expect(notice(wrapper).text()).toContain('elles sont en cours de rechargement depuis le serveur');
    expect(notice(wrapper).text()).toContain(
      'Les modifications non synchronisées à ce moment-là n’ont pas pu être récupérées',
    );

    // The first sync (a normal one, from an empty device) ends.
    await writeMeta(appDb, 'lastSyncAt', new Date(Date.now() + 1000).toISOString());
    await vi.waitFor(() => expect(notice(wrapper).text()).toContain('elles ont été rechargées depuis le serveur'));
    expect(JSON.parse(localStorage.getItem(DEVICE_DATA_KEY)!)).toMatchObject({ agentId: AGENT });

    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'J’ai compris')!
      .trigger('click');
    expect(notice(wrapper).exists()).toBe(false);
    expect(localStorage.getItem(EVICTION_NOTICE_KEY)).toBeNull();
    wrapper.unmount();
  });

  it('says nothing when the database is there, and marks the browser as holding the agent’s data', async () => {
    localStorage.setItem(DEVICE_DATA_KEY, JSON.stringify({ agentId: AGENT, lastSyncAt: LAST_SYNC }));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
    const wrapper = await start();
    await logIn(AGENT);
    expect(notice(wrapper).exists()).toBe(false);
    expect(localStorage.getItem(EVICTION_NOTICE_KEY)).toBeNull();
    expect(JSON.parse(localStorage.getItem(DEVICE_DATA_KEY)!)).toEqual({ agentId: AGENT, lastSyncAt: LAST_SYNC });
    wrapper.unmount();
  });

  it('does not tell another agent about the previous one’s data', async () => {
    localStorage.setItem(DEVICE_DATA_KEY, JSON.stringify({ agentId: AGENT, lastSyncAt: LAST_SYNC }));
    const wrapper = await start();
    await logIn(OTHER_AGENT);
    expect(notice(wrapper).exists()).toBe(false);
    expect(JSON.parse(localStorage.getItem(DEVICE_DATA_KEY)!)).toEqual({ agentId: OTHER_AGENT, lastSyncAt: null });
    wrapper.unmount();
  });
});
