import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import CaseAccessExport from '../../src/app/components/case-file/CaseAccessExport.vue';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import { ApiFailure } from '../../src/app/sync/api-client';
import NoticeView from '../../src/app/views/NoticeView.vue';
import type { Agent } from '../../src/domain/auth-messages';
import type { Notice } from '../../src/domain/notice';

const api = vi.hoisted(() => ({ download: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({
  api,
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));
const saved = vi.hoisted(() => vi.fn());
vi.mock('../../src/app/composables/save-blob', () => ({ saveBlob: saved }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CASE = '5d0c7a3e-8b1f-4e2a-9c6d-0f1e2d3c4b5a';

const NOTICE: Notice = {
  title: 'Information sur l’utilisation de vos données personnelles',
  sections: [
    { heading: '', blocks: [{ kind: 'paragraph', text: 'Cette notice est remise au jeune.' }] },
    {
      heading: 'Combien de temps',
      blocks: [{ kind: 'paragraph', text: 'Vos données sont conservées 2 ans après la clôture de votre dossier.' }],
    },
    { heading: 'Vos droits', blocks: [{ kind: 'list', items: ['obtenir une copie', 'faire corriger'] }] },
  ],
};

const agent = (role: Agent['role']): Agent => ({
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a03',
  displayName: 'Sophie Lefèvre',
  email: 'x@example.org',
  role,
  platformId: PLATFORM,
  platformName: 'PSAD',
});

async function mountAs(component: unknown, role: Agent['role'], props: Record<string, unknown> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', agent: agent(role) };
  const wrapper = mount(component as never, { props: props as never, global: { plugins: [pinia] } });
  await flushPromises();
  return wrapper;
}

describe('the information notice for young people and their families', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
  });

  it('shows the notice kept on the device (from the last sync), sections and lists, with a way to print it', async () => {
    await writeMeta(appDb, 'directory', {
      platform: { id: PLATFORM, name: 'PSAD', departement: 'Rhône', academie: 'Lyon' },
      agents: [],
      notice: NOTICE,
    });
    const wrapper = await mountAs(NoticeView, 'conseiller');
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe(NOTICE.title));
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual(['Combien de temps', 'Vos droits']);
    expect(wrapper.text()).toContain('conservées 2 ans après la clôture');
    expect(wrapper.findAll('li').map((item) => item.text())).toEqual(['obtenir une copie', 'faire corriger']);
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true }); // happy-dom has none
    await wrapper.get('button').trigger('click');
    expect(print).toHaveBeenCalled();
  });

  it('says when the device has not received it yet', async () => {
    await writeMeta(appDb, 'directory', { platform: null, agents: [] });
    const wrapper = await mountAs(NoticeView, 'conseiller');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notice-missing"]').exists()).toBe(true));
    expect(wrapper.text()).toContain('arrive avec la prochaine synchronisation');
  });
});

describe('the right-of-access export from the case file', () => {
  beforeEach(() => {
    api.download.mockReset();
    saved.mockReset();
  });

  it('is offered to the platform’s coordinator only', async () => {
    expect((await mountAs(CaseAccessExport, 'coordinateur', { youngPersonId: CASE })).text()).toContain(
      'Exporter le dossier (droit d’accès)',
    );
    for (const role of ['conseiller', 'mlds', 'tuteur'] as const) {
      expect((await mountAs(CaseAccessExport, role, { youngPersonId: CASE })).find('section').exists()).toBe(false);
    }
  });

  it('saves the readable document or the data under the endpoint’s file name', async () => {
    const blob = new Blob(['<!doctype html>']);
    api.download.mockResolvedValue({ blob, fileName: 'droit-acces-5d0c7a3e-2026-10-05.html' });
    const wrapper = await mountAs(CaseAccessExport, 'coordinateur', { youngPersonId: CASE });
    await wrapper.findAll('button')[0]!.trigger('click');
    await flushPromises();
    expect(api.download).toHaveBeenCalledWith(`/api/cases/${CASE}/export?format=html`);
    expect(saved).toHaveBeenCalledWith('droit-acces-5d0c7a3e-2026-10-05.html', blob);
    expect(wrapper.get('[data-testid="access-export-saved"]').text()).toContain('contient des données personnelles');

    api.download.mockResolvedValue({ blob, fileName: 'droit-acces-5d0c7a3e-2026-10-05.json' });
    await wrapper.findAll('button')[1]!.trigger('click');
    await flushPromises();
    expect(api.download).toHaveBeenLastCalledWith(`/api/cases/${CASE}/export?format=json`);
  });

  it('says plainly that it needs the network, and the endpoint’s reason otherwise', async () => {
    api.download.mockRejectedValue(new ApiFailure('offline', 'Pas de connexion au serveur'));
    const wrapper = await mountAs(CaseAccessExport, 'coordinateur', { youngPersonId: CASE });
    await wrapper.findAll('button')[0]!.trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain('cette action demande le réseau');

    api.download.mockRejectedValue(
      new ApiFailure('client', 'Les données personnelles de ce dossier ont été effacées', 404),
    );
    await wrapper.findAll('button')[0]!.trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain('ont été effacées');
    expect(saved).not.toHaveBeenCalled();
  });
});
