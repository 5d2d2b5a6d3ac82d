import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import ContractForm from '../../src/app/components/contract/ContractForm.vue';
import ContractPrintView from '../../src/app/views/ContractPrintView.vue';
import ContractView from '../../src/app/views/ContractView.vue';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import { prefillContract } from '../../src/app/composables/contract-prefill';
import type { Contract } from '../../src/domain/contract';
import { blankYoungPerson, todayIso, type YoungPerson } from '../../src/domain/young-person';

// Saving nudges the sync; these tests stay on the device.
vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const TUTOR = '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const SOLUTION = '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918';

const yearsAgo = (years: number) => `${new Date().getUTCFullYear() - years}-01-15`;
const ADULT: YoungPerson = {
  ...blankYoungPerson('3f8e2a41-7c5d-4b9e-a1f0-2d6c8b4e9a73', PLATFORM, AGENT),
  lastName: 'Hoarau',
  firstNames: 'Maëlys',
  birthDate: yearsAgo(19),
};
const MINOR: YoungPerson = {
  ...ADULT,
  birthDate: yearsAgo(16),
  guardians: [{ relation: 'mere', name: 'Sandrine Hoarau', phone: '', email: '' }],
};

let pinia: Pinia;
let mounted: VueWrapper | null = null;

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Attente trop longue : ${what}`);
}

function contract(overrides: Partial<Contract> = {}, person: YoungPerson = ADULT): Contract {
  return {
    ...prefillContract({ id: crypto.randomUUID(), person, psadName: 'PSAD Test' }),
    solutionLabel: 'Micro-lycée de Saint-Denis',
    ...overrides,
  };
}

const SIGNABLE: Partial<Contract> = {
  objectives: 'Reprendre une scolarité en seconde professionnelle',
  startDate: '2026-04-01',
  endDate: '2026-07-03',
};

async function mountForm(initial: Contract, base: Contract | null, isMinor = false) {
  mounted = mount(ContractForm, {
    props: { contract: initial, base, draftKey: base ? `contract:${initial.id}` : `contract:new:${ADULT.id}`, isMinor },
    attachTo: document.body,
    global: { plugins: [pinia] },
  });
  await until(() => mounted!.find('form').exists(), 'le formulaire');
  return mounted;
}

async function mountRoute(path: string): Promise<{ wrapper: VueWrapper; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/jeunes', name: 'caseload', component: { template: '<p>liste</p>' } },
      { path: '/jeunes/:id', name: 'case-file', component: { template: '<p>dossier</p>' } },
      { path: '/jeunes/:id/contrats/:contractId', name: 'contract', component: ContractView, props: true },
      {
        path: '/jeunes/:id/contrats/:contractId/impression',
        name: 'contract-print',
        component: ContractPrintView,
        props: true,
      },
    ],
  });
  await router.push(path);
  mounted = mount({ template: '<RouterView />' }, { attachTo: document.body, global: { plugins: [pinia, router] } });
  await flushPromises();
  return { wrapper: mounted, router };
}

const button = (wrapper: VueWrapper, label: string) => {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === label);
  if (!found) throw new Error(`Bouton introuvable : ${label}`);
  return found;
};

async function seedPerson(person: YoungPerson): Promise<void> {
  await appDb.youngPeople.put({ ...person, status: 'solution_proposee', serverVersion: 3, serverUpdatedAt: null });
}

beforeEach(async () => {
  await Promise.all(
    [appDb.contracts, appDb.drafts, appDb.outbox, appDb.youngPeople, appDb.proposals, appDb.solutions].map((table) =>
      table.clear(),
    ),
  );
  await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  await writeMeta(appDb, 'directory', {
    platform: { id: PLATFORM, name: 'PSAD Test (annuaire)', departement: '974', academie: 'La Réunion' },
    agents: [
      { id: AGENT, displayName: 'Camille Durand', role: 'conseiller', structure: 'CIO', active: true },
      { id: TUTOR, displayName: 'Luc Payet', role: 'tuteur', structure: 'Lycée (fictif)', active: true },
    ],
  });
  await seedPerson(ADULT);
  pinia = createPinia();
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
      platformName: 'PSAD Test',
    },
  };
});

afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('the contract form validates in French', () => {
  it('asks for the solution, dates in order and dated checkpoints before saving a draft', async () => {
    const wrapper = await mountForm(contract({ solutionLabel: '' }), null);
    await wrapper.get('#contract-startDate').setValue('2026-06-01');
    await wrapper.get('#contract-endDate').setValue('2026-05-01');
    await button(wrapper, 'Ajouter un point d’étape').trigger('click');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#contract-solutionLabel-message').text()).toBe('La solution retenue est obligatoire');
    expect(wrapper.get('#contract-endDate-message').text()).toBe('La date de fin doit suivre la date de début');
    expect(wrapper.get('#checkpoint-0-date-message').text()).toContain('Date invalide');
    expect(wrapper.get('[role="alert"].fr-error-text').text()).toMatch(/3 champs sont à corriger/);
    expect(wrapper.emitted('saved')).toBeUndefined();
    expect(await appDb.contracts.count()).toBe(0);
  });

  it('asks, to sign, for the objectives, both dates, and the guardian of a minor', async () => {
    const wrapper = await mountForm(contract({}, { ...MINOR, guardians: [] }), null, true);
    await button(wrapper, 'Marquer comme signé').trigger('click');
    expect((wrapper.get('#contract-signedOn').element as HTMLInputElement).value).toBe(todayIso());
    await button(wrapper, 'Confirmer la signature').trigger('click');
    await flushPromises();
    expect(wrapper.get('#contract-objectives-message').text()).toBe('Les objectifs sont obligatoires pour signer');
    expect(wrapper.get('#contract-startDate-message').text()).toBe('La date de début est obligatoire pour signer');
    expect(wrapper.get('#contract-endDate-message').text()).toBe('La date de fin est obligatoire pour signer');
    expect(wrapper.get('#contract-guardianName-message').text()).toBe(
      'Le jeune est mineur : le contrat doit nommer le représentant légal signataire',
    );
    expect(wrapper.emitted('saved')).toBeUndefined();
  });
});

describe('the contract form keeps every keystroke and signs', () => {
  it('autosaves to IndexedDB and restores the text when it opens again', async () => {
    const key = `contract:new:${ADULT.id}`;
    const first = await mountForm(contract(), null);
    await first.get('#contract-objectives').setValue('Obtenir un CAP');
    await first.get('#contract-commitment-jeune').setValue('Être présent chaque jour');
    await until(async () => {
      const saved = (await appDb.drafts.get(key))?.value as { record?: Contract } | undefined;
      return saved?.record?.commitments.jeune === 'Être présent chaque jour';
    }, 'le brouillon');
    first.unmount();
    mounted = null;

    const second = await mountForm(contract(), null);
    expect((second.get('#contract-objectives').element as HTMLTextAreaElement).value).toBe('Obtenir un CAP');
    expect((second.get('#contract-commitment-jeune').element as HTMLTextAreaElement).value).toBe(
      'Être présent chaque jour',
    );
    expect(second.text()).toContain('Votre saisie non enregistrée a été restaurée.');
  });

  it('signs with the date given: state, date and the case moves to "contrat signé", draft removed', async () => {
    const existing = contract({ ...SIGNABLE, guardianName: 'Sandrine Hoarau' }, MINOR);
    await seedPerson(MINOR);
    await appDb.contracts.add({ ...existing, serverVersion: 2, serverUpdatedAt: null });
    const wrapper = await mountForm(existing, existing, true);
    await until(() => wrapper.find(`#contract-tutorId option[value="${TUTOR}"]`).exists(), 'l’annuaire des tuteurs');
    await wrapper.get('#contract-tutorId').setValue(TUTOR);
    expect((wrapper.get('#contract-tutorName').element as HTMLInputElement).value).toBe('Luc Payet');
    await button(wrapper, 'Marquer comme signé').trigger('click');
    await wrapper.get('#contract-signedOn').setValue('2026-03-20');
    await button(wrapper, 'Confirmer la signature').trigger('click');
    await until(() => wrapper.emitted('saved') !== undefined, 'la signature');
    expect(await appDb.contracts.get(existing.id)).toMatchObject({
      state: 'signe',
      signedOn: '2026-03-20',
      tutorId: TUTOR,
      tutorName: 'Luc Payet',
    });
    const [entry] = await appDb.outbox.toArray();
    expect(entry).toMatchObject({ op: 'update', baseVersion: 2, event: { kind: 'contractState', state: 'signe' } });
    expect((await appDb.youngPeople.get(ADULT.id))?.status).toBe('contrat_signe');
    expect(await appDb.drafts.get(`contract:${existing.id}`)).toBeUndefined();
  });
});

describe('the contract screens', () => {
  it('fill a new contract from the case: name, guardian of a minor, PSAD, accepted solution and its establishment', async () => {
    await seedPerson(MINOR);
    await appDb.solutions.add({
      id: SOLUTION,
      platformId: PLATFORM,
      type: 'structure_retour',
      name: 'Micro-lycée (fictif)',
      structure: 'Lycée Leconte-de-Lisle (fictif)',
      uai: '9740001A',
      siret: '',
      address: '',
      postalCode: '97400',
      commune: 'Saint-Denis',
      levels: [],
      domains: [],
      placesTotal: 20,
      period: '',
      contact: '',
      description: '',
      active: true,
      serverVersion: 1,
      serverUpdatedAt: null,
    });
    await appDb.proposals.add({
      id: crypto.randomUUID(),
      youngPersonId: MINOR.id,
      authorId: AGENT,
      solutionId: SOLUTION,
      solutionName: 'Micro-lycée (fictif)',
      solutionType: 'structure_retour',
      date: '2026-03-01',
      decision: 'acceptee',
      decidedOn: '2026-03-05',
      reason: '',
      serverVersion: 1,
      serverUpdatedAt: null,
    });
    const { wrapper, router } = await mountRoute(`/jeunes/${MINOR.id}/contrats/nouveau`);
    await until(() => wrapper.find('#contract-objectives').exists(), 'le formulaire');
    const value = (id: string) => (wrapper.get(id).element as HTMLInputElement).value;
    expect(value('#contract-youngPersonName')).toBe('HOARAU Maëlys');
    expect(value('#contract-guardianName')).toBe('Sandrine Hoarau');
    expect(value('#contract-psadName')).toBe('PSAD Test');
    expect(value('#contract-solutionLabel')).toBe('Micro-lycée (fictif)');
    expect(value('#contract-establishmentName')).toBe('Lycée Leconte-de-Lisle (fictif)');
    expect(value('#contract-establishmentUai')).toBe('9740001A');

    await wrapper.get('form').trigger('submit');
    await until(() => router.currentRoute.value.params.contractId !== 'nouveau', 'l’enregistrement');
    const saved = await appDb.contracts.get(String(router.currentRoute.value.params.contractId));
    expect(saved).toMatchObject({ state: 'brouillon', solutionId: SOLUTION, guardianName: 'Sandrine Hoarau' });
    await until(() => wrapper.text().includes('Version imprimable'), 'le lien vers la version imprimable');
  });

  it('show a signed contract read-only, with only its state to move on', async () => {
    const signed = contract({ ...SIGNABLE, state: 'signe', signedOn: '2026-03-20' });
    await appDb.contracts.add({ ...signed, serverVersion: 5, serverUpdatedAt: null });
    const { wrapper } = await mountRoute(`/jeunes/${ADULT.id}/contrats/${signed.id}`);
    await until(() => wrapper.find('[data-testid="contract-locked"]').exists(), 'le contrat verrouillé');
    expect(wrapper.findAll('input, textarea, select')).toHaveLength(0);
    expect(wrapper.text()).toContain('Reprendre une scolarité en seconde professionnelle');
    expect(wrapper.findAll('.contract-actions button').map((b) => b.text())).toEqual(['Démarrer', 'Rompre']);

    await button(wrapper, 'Démarrer').trigger('click');
    await until(async () => (await appDb.contracts.get(signed.id))?.state === 'en_cours', 'le démarrage');
    await until(() => wrapper.text().includes('Terminer'), 'les actions d’un contrat en cours');

    await button(wrapper, 'Rompre').trigger('click');
    await flushPromises();
    await button(wrapper, 'Confirmer la rupture').trigger('click');
    await flushPromises();
    expect(wrapper.get('#contract-endReason-message').text()).toBe('Le motif de la rupture est obligatoire');
    await wrapper.get('#contract-endReason').setValue('Déménagement de la famille');
    await button(wrapper, 'Confirmer la rupture').trigger('click');
    await until(async () => (await appDb.contracts.get(signed.id))?.state === 'rompu', 'la rupture');
    const stored = await appDb.contracts.get(signed.id);
    expect(stored).toMatchObject({ endedOn: todayIso(), endReason: 'Déménagement de la famille', ...SIGNABLE });
    const updates = (await appDb.outbox.orderBy('seq').toArray()).map((entry) => entry.payload);
    expect(updates).toEqual([
      { state: 'en_cours' },
      { state: 'rompu', endedOn: todayIso(), endReason: 'Déménagement de la famille' },
    ]);
  });

  it('print an A4 document with every signature block and "Fait à … le …" lines', async () => {
    await seedPerson(MINOR);
    const signed = contract({ ...SIGNABLE, guardianName: 'Sandrine Hoarau', tutorName: 'Luc Payet' }, MINOR);
    await appDb.contracts.add({ ...signed, serverVersion: 5, serverUpdatedAt: null });
    const print = vi.fn();
    window.print = print;
    const { wrapper } = await mountRoute(`/jeunes/${MINOR.id}/contrats/${signed.id}/impression`);
    await until(() => wrapper.find('.contract-document').exists(), 'le document');
    expect(wrapper.get('h1').text()).toBe('Contrat Formation Qualification Emploi');
    const blocks = wrapper.findAll('.contract-document__signature');
    expect(blocks.map((block) => block.find('p').text())).toEqual([
      'Le jeune',
      'Le représentant légal',
      'Pour la plateforme de suivi (PSAD)',
      'Le tuteur·rice de l’Éducation nationale',
      'Le chef d’établissement d’accueil',
    ]);
    expect(blocks.every((block) => block.text().includes('Fait à'))).toBe(true);
    expect(wrapper.text()).toContain('Sandrine Hoarau');
    expect(wrapper.get('.no-print').text()).toContain('Imprimer');
    await button(wrapper, 'Imprimer').trigger('click');
    expect(print).toHaveBeenCalledOnce();
  });
});
