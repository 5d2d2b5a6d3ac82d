import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import MeetingForm from '../../src/app/components/meeting/MeetingForm.vue';
import { appDb } from '../../src/app/db/instance';
import { readMeta, writeMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import ContractView from '../../src/app/views/ContractView.vue';
import { blankYoungPerson } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PERSON = '3f0b6d2e-5a4c-4e1b-9d8f-7a6b5c4d3e21';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const NOTES = 'Première rencontre.\nSouhaite une formation en mécanique.';
const FULL_MESSAGE =
  'L’espace de stockage de l’appareil est plein : rien n’a été enregistré, votre saisie est conservée dans le ' +
  'formulaire, libérez de l’espace ou synchronisez puis réessayez.';
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('a save on a device whose storage is full', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('says so plainly, writes nothing, keeps the typed text in the form, and saves it once there is room', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(MeetingForm, {
      props: { youngPersonId: PERSON, kind: 'entretien', authorId: AGENT, contracts: [] },
      global: { plugins: [pinia] },
      attachTo: document.body,
    });
    await vi.waitFor(() => expect(wrapper.find('form').exists()).toBe(true));
    await wrapper.get('#meeting-notes').setValue(NOTES);

    const full = vi.spyOn(appDb.outbox, 'add').mockRejectedValue(quotaError());
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('p[role="alert"]').exists()).toBe(true));

    expect(wrapper.get('p[role="alert"]').text()).toBe(FULL_MESSAGE);
    expect(await appDb.meetings.count()).toBe(0);
    expect(await appDb.outbox.count()).toBe(0);
    expect((await readMeta(appDb, 'device'))?.nextSeq).toBe(1);
    expect((wrapper.get('#meeting-notes').element as HTMLTextAreaElement).value).toBe(NOTES);
    expect(wrapper.emitted('saved')).toBeUndefined();

    full.mockRestore(); // space freed: the same form saves what was typed
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1));
    expect((await appDb.meetings.toArray()).map((meeting) => meeting.notes)).toEqual([NOTES]);
    expect(await appDb.outbox.count()).toBe(1);
    wrapper.unmount();
  });

  it('keeps what was typed in a contract when even its draft cannot be written, though the form is redrawn', async () => {
    const person = { ...blankYoungPerson(PERSON, PLATFORM, AGENT), lastName: 'Hoarau', firstNames: 'Maëlys' };
    await appDb.youngPeople.put({ ...person, birthDate: '2000-01-15', serverVersion: 3, serverUpdatedAt: null });
    const pinia = createPinia();
    setActivePinia(pinia);
    useSessionStore().session = {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      agent: {
        id: AGENT,
        displayName: 'Camille Durand',
        email: 'c@example.org',
        role: 'conseiller',
        platformId: PLATFORM,
        platformName: 'PSAD',
      },
    };
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/jeunes', name: 'caseload', component: { template: '<p>liste</p>' } },
        { path: '/jeunes/:id', name: 'case-file', component: { template: '<p>dossier</p>' } },
        { path: '/jeunes/:id/contrats/:contractId', name: 'contract', component: ContractView, props: true },
      ],
    });
    await router.push(`/jeunes/${PERSON}/contrats/nouveau`);
    const wrapper = mount(
      { template: '<RouterView />' },
      { attachTo: document.body, global: { plugins: [pinia, router] } },
    );
    await vi.waitFor(() => expect(wrapper.find('#contract-objectives').exists()).toBe(true));

    // The disk fills up: neither the record, nor its outbox entry, nor the draft can be written any more.
    vi.spyOn(appDb.outbox, 'add').mockRejectedValue(quotaError());
    vi.spyOn(appDb.drafts, 'put').mockRejectedValue(quotaError());
    await wrapper.get('#contract-solutionLabel').setValue('CFA des métiers de bouche (fictif)');
    await wrapper.get('#contract-objectives').setValue('Obtenir un CAP cuisine en apprentissage');
    await flushPromises();
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.text()).toContain(FULL_MESSAGE));

    await flushPromises();
    expect((wrapper.get('#contract-objectives').element as HTMLTextAreaElement).value).toBe(
      'Obtenir un CAP cuisine en apprentissage',
    );
    expect((wrapper.get('#contract-solutionLabel').element as HTMLInputElement).value).toBe(
      'CFA des métiers de bouche (fictif)',
    );
    expect(await appDb.contracts.count()).toBe(0);
    expect(await appDb.outbox.count()).toBe(0);
    wrapper.unmount();
  });
});
