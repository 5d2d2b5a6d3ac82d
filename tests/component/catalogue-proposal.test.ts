import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import ProposalDecisionEditor from '../../src/app/components/proposal/ProposalDecisionEditor.vue';
import ProposalForm from '../../src/app/components/proposal/ProposalForm.vue';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import CatalogueView from '../../src/app/views/CatalogueView.vue';
import type { Proposal } from '../../src/domain/proposal';
import type { Solution } from '../../src/domain/solution';
import { blankYoungPerson, todayIso } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const PERSON = '3f0b6d2e-5a4c-4e1b-9d8f-7a6b5c4d3e21';

function solution(overrides: Partial<Solution>): Solution {
  return {
    id: crypto.randomUUID(),
    platformId: PLATFORM,
    type: 'apprentissage',
    name: 'CAP',
    structure: 'CFA (fictif)',
    uai: '',
    siret: '',
    address: '',
    postalCode: '',
    commune: 'Lyon 9e',
    levels: [],
    domains: [],
    placesTotal: 10,
    period: 'Entrées permanentes',
    contact: '',
    description: '',
    active: true,
    ...overrides,
  };
}

const cuisine = solution({ name: 'CAP Cuisine', levels: ['niveau_3'], domains: ['Restauration'] });
const microLycee = solution({ type: 'structure_retour', name: 'Micro-lycée de Lyon', commune: 'Lyon 3e' });
const civique = solution({ type: 'service_civique', name: 'Service civique – Sport', commune: 'Bron', levels: [] });
const closedSession = solution({ name: 'Session close', active: false });

async function mountWith<T>(component: T, props: Record<string, unknown> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const stub = { template: '<p>écran</p>' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/catalogue', name: 'catalogue', component: stub },
      { path: '/catalogue/:id', name: 'solution', component: stub },
    ],
  });
  await router.push('/catalogue');
  return mount(component as never, {
    props: props as never,
    global: { plugins: [pinia, router] },
    attachTo: document.body,
  });
}

type Wrapper = Awaited<ReturnType<typeof mountWith>>;
const buttonNamed = (wrapper: Wrapper, label: string) =>
  wrapper.findAll('button').find((button) => button.text() === label)!;

beforeEach(async () => {
  await Promise.all(appDb.tables.map((table) => table.clear()));
  await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  // The endpoint's count of places taken, brought by the directory at the last sync.
  await writeMeta(appDb, 'directory', {
    platform: null,
    agents: [],
    catalogueUse: [{ solutionId: cuisine.id, placesTaken: 7 }],
  });
  await appDb.solutions.bulkAdd(
    [cuisine, microLycee, civique, closedSession].map((s) => ({ ...s, serverVersion: 1, serverUpdatedAt: null })),
  );
  await appDb.youngPeople.add({
    ...blankYoungPerson(PERSON, PLATFORM, AGENT),
    lastName: 'Martin',
    firstNames: 'Léa',
    birthDate: '2008-01-01',
    status: 'bilan',
    serverVersion: 1,
    serverUpdatedAt: null,
  });
});

describe('the catalogue screen', () => {
  const entries = (wrapper: Wrapper) =>
    wrapper.findAll('[data-testid="catalogue-entry"] h2').map((heading) => heading.text());

  it('lists the active entries by name, each opening its details', async () => {
    const wrapper = await mountWith(CatalogueView);
    await vi.waitFor(() =>
      expect(entries(wrapper)).toEqual(['CAP Cuisine', 'Micro-lycée de Lyon', 'Service civique – Sport']),
    );
    expect(wrapper.get('[data-testid="catalogue-count"]').text()).toContain('3 solutions proposées');
    expect(wrapper.get('[data-testid="catalogue-entry"] a').attributes('href')).toBe(`/catalogue/${cuisine.id}`);
    expect(wrapper.get('[data-testid="catalogue-entry"]').text()).toContain('3 places libres sur 10');
    wrapper.unmount();
  });

  it('searches and filters by type, level and commune', async () => {
    const wrapper = await mountWith(CatalogueView);
    await vi.waitFor(() => expect(entries(wrapper)).toHaveLength(3));
    await wrapper.get('#catalogue-query').setValue('micro lycee');
    expect(entries(wrapper)).toEqual(['Micro-lycée de Lyon']);
    await wrapper.get('#catalogue-query').setValue('restauration');
    expect(entries(wrapper)).toEqual(['CAP Cuisine']);
    await wrapper.get('#catalogue-query').setValue('');
    await wrapper.get('#catalogue-type').setValue('service_civique');
    expect(entries(wrapper)).toEqual(['Service civique – Sport']);
    await wrapper.get('#catalogue-type').setValue('');
    await wrapper.get('#catalogue-level').setValue('niveau_4');
    expect(entries(wrapper)).toEqual(['Micro-lycée de Lyon', 'Service civique – Sport']);
    await wrapper.get('#catalogue-commune').setValue('Lyon 9e');
    expect(entries(wrapper)).toEqual([]);
    expect(wrapper.text()).toContain('Aucune solution ne correspond à ces critères.');
    wrapper.unmount();
  });
});

describe('proposing a solution', () => {
  const mountForm = async (props: Record<string, unknown> = {}) => {
    const wrapper = await mountWith(ProposalForm, { youngPersonId: PERSON, authorId: AGENT, ...props });
    await vi.waitFor(() => expect(wrapper.findAll('input[type="radio"]')).toHaveLength(3));
    return wrapper;
  };

  it('asks for a solution, and writes nothing without one', async () => {
    const wrapper = await mountForm();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#proposal-solution-error').text()).toBe('Choisissez une solution du catalogue');
    expect(wrapper.get('fieldset').attributes('aria-describedby')).toBe('proposal-solution-error');
    expect(await appDb.proposals.count()).toBe(0);
    wrapper.unmount();
  });

  it('saves the chosen entry, dated today and waiting for a decision, with its outbox entry, and drops the draft', async () => {
    const wrapper = await mountForm();
    expect((wrapper.get('#proposal-date').element as HTMLInputElement).value).toBe(todayIso());
    expect((wrapper.get('#proposal-decision').element as HTMLSelectElement).value).toBe('en_attente');
    await wrapper.get('#proposal-catalogue-query').setValue('cuisine');
    await wrapper.get(`#proposal-solution-${cuisine.id}`).setValue(true);
    expect(wrapper.get('[data-testid="proposal-selected-solution"]').text()).toBe('Solution choisie : CAP Cuisine');
    await buttonNamed(wrapper, 'Enregistrer la proposition').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1));

    const [saved] = await appDb.proposals.toArray();
    expect(saved).toMatchObject({
      youngPersonId: PERSON,
      authorId: AGENT,
      solutionId: cuisine.id,
      solutionName: 'CAP Cuisine',
      solutionType: 'apprentissage',
      date: todayIso(),
      decision: 'en_attente',
      serverVersion: 0,
    });
    const [entry] = await appDb.outbox.toArray();
    expect(entry).toMatchObject({ entity: 'proposal', op: 'create', recordId: saved!.id, caseId: PERSON });
    expect(await appDb.drafts.count()).toBe(0);
    expect((await appDb.youngPeople.get(PERSON))?.status).toBe('solution_proposee');
    wrapper.unmount();
  });

  it('starts on the entry it was opened from, asks a date and reason for a refusal, and keeps the draft', async () => {
    const wrapper = await mountForm({ solutionId: microLycee.id });
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="proposal-selected-solution"]').text()).toContain('Micro-lycée de Lyon'),
    );
    await wrapper.get('#proposal-decision').setValue('refusee');
    expect((wrapper.get('#proposal-decidedOn').element as HTMLInputElement).value).toBe(todayIso());
    await buttonNamed(wrapper, 'Enregistrer la proposition').trigger('click');
    await flushPromises();
    expect(wrapper.get('#proposal-reason-message').text()).toBe('Le motif du refus est obligatoire');
    await wrapper.get('#proposal-reason').setValue('Trop loin du domicile');
    await vi.waitFor(async () =>
      expect((await appDb.drafts.toArray())[0]?.value).toMatchObject({ reason: 'Trop loin du domicile' }),
    );
    wrapper.unmount();

    const reopened = await mountForm();
    await vi.waitFor(() => expect(reopened.text()).toContain('Brouillon restauré'));
    expect((reopened.get('#proposal-reason').element as HTMLTextAreaElement).value).toBe('Trop loin du domicile');
    expect(reopened.get('[data-testid="proposal-selected-solution"]').text()).toContain('Micro-lycée de Lyon');
    reopened.unmount();
  });
});

describe('recording the decision later', () => {
  const proposal: Proposal = {
    id: crypto.randomUUID(),
    youngPersonId: PERSON,
    authorId: AGENT,
    solutionId: cuisine.id,
    solutionName: 'CAP Cuisine',
    solutionType: 'apprentissage',
    date: '2026-11-02',
    decision: 'en_attente',
    decidedOn: '',
    reason: '',
  };

  it('sends only the decision fields that changed, based on the server version', async () => {
    await appDb.proposals.add({ ...proposal, serverVersion: 7, serverUpdatedAt: null });
    const wrapper = await mountWith(ProposalDecisionEditor, { proposal });
    const id = `decision-${proposal.id}`;
    expect(wrapper.find(`#${id}-date`).exists()).toBe(false);
    await wrapper.get(`#${id}-decision`).setValue('refusee');
    await buttonNamed(wrapper, 'Enregistrer la décision').trigger('click');
    await flushPromises();
    expect(wrapper.get(`#${id}-reason-message`).text()).toBe('Le motif du refus est obligatoire');
    expect(await appDb.outbox.count()).toBe(0);

    await wrapper.get(`#${id}-decision`).setValue('acceptee');
    await wrapper.get(`#${id}-decidedOn`).setValue('2026-11-20');
    await buttonNamed(wrapper, 'Enregistrer la décision').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1));
    expect(wrapper.get('[role="status"]').text()).toBe('Décision enregistrée.');
    const [entry] = await appDb.outbox.toArray();
    expect(entry).toMatchObject({
      entity: 'proposal',
      op: 'update',
      baseVersion: 7,
      payload: { decision: 'acceptee', decidedOn: '2026-11-20' },
    });
    expect(await appDb.proposals.get(proposal.id)).toMatchObject({ decision: 'acceptee', decidedOn: '2026-11-20' });
    wrapper.unmount();
  });
});
