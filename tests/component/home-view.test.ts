import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appDb } from '../../src/app/db/instance';
import HomeView from '../../src/app/views/HomeView.vue';
import type { Contract } from '../../src/domain/contract';
import { blankYoungPerson, todayIso, type YoungPerson } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

function inDays(days: number): string {
  const date = new Date(`${todayIso()}T10:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function person(lastName: string, status: YoungPerson['status'] = 'contact_en_cours'): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName,
    firstNames: 'Léa',
    birthDate: '2008-01-01',
    status,
    ...(status === 'clos' ? { outcome: 'emploi' as const, closedOn: todayIso() } : {}),
  };
}

function contract(youngPersonId: string, overrides: Partial<Contract>): Contract {
  return {
    id: crypto.randomUUID(),
    youngPersonId,
    solutionId: '',
    solutionLabel: 'CAP Cuisine – CFA (fictif)',
    establishmentName: '',
    establishmentUai: '',
    youngPersonName: 'X',
    guardianName: '',
    psadName: 'PSAD',
    tutorName: '',
    tutorId: '',
    objectives: 'Obtenir le CAP',
    commitments: { jeune: '', famille: '', psad: '', tuteur: '', etablissement: '' },
    startDate: inDays(-60),
    endDate: inDays(120),
    checkpoints: [],
    signedOn: inDays(-65),
    state: 'en_cours',
    endedOn: '',
    endReason: '',
    ...overrides,
  };
}

async function mountHome() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const stub = { template: '<p>écran</p>' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/jeunes', name: 'caseload', component: stub },
      { path: '/jeunes/:id', name: 'case-file', component: stub },
      { path: '/jeunes/:id/contrats/:contractId', name: 'contract', component: stub },
    ],
  });
  await router.push('/');
  const wrapper = mount(HomeView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await vi.waitFor(() => expect(wrapper.find('[data-testid="day-call-backs"]').exists()).toBe(true));
  return wrapper;
}

const local = <T>(record: T) => ({ ...record, serverVersion: 1, serverUpdatedAt: null });

describe('the home screen of the day', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
  });

  it('says in French when there is nothing to do', async () => {
    const wrapper = await mountHome();
    expect(wrapper.get('h1').text()).toBe('Aujourd’hui');
    expect(wrapper.get('[data-testid="day-call-backs"]').text()).toContain('Personne à relancer');
    expect(wrapper.get('[data-testid="day-checkpoints"]').text()).toContain(
      'Aucun point d’étape prévu dans les 14 prochains jours.',
    );
    expect(wrapper.get('[data-testid="day-contracts-ending"]').text()).toContain(
      'Aucun contrat ne se termine dans les 30 prochains jours.',
    );
    wrapper.unmount();
  });

  it('lists the cases to call back, the checkpoints coming and the contracts ending, each opening its case', async () => {
    const toHandle = person('Arnaud', 'a_traiter');
    const neverCalled = person('Aubry', 'joint');
    const calledRecently = person('Bertin');
    const following = person('Chevalier', 'en_solution');
    const closed = person('Dupré', 'clos');
    await appDb.youngPeople.bulkAdd([toHandle, neverCalled, calledRecently, following, closed].map(local));
    await appDb.contactAttempts.add(
      local({
        id: crypto.randomUUID(),
        youngPersonId: calledRecently.id,
        authorId: AGENT,
        occurredAt: new Date().toISOString(),
        channel: 'telephone' as const,
        target: 'jeune' as const,
        guardianName: '',
        result: 'joint' as const,
        note: '',
      }),
    );
    const running = contract(following.id, {
      endDate: inDays(10),
      checkpoints: [
        { date: inDays(3), label: 'Point d’étape n° 3' },
        { date: inDays(40), label: 'Point d’étape n° 4' },
      ],
    });
    const ofClosedCase = contract(closed.id, { endDate: inDays(5), checkpoints: [{ date: inDays(1), label: 'X' }] });
    await appDb.contracts.bulkAdd([running, ofClosedCase].map(local));

    const wrapper = await mountHome();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="day-checkpoint"]')).toHaveLength(1));
    const callBacks = wrapper.findAll('[data-testid="day-call-back"]');
    expect(callBacks.map((item) => item.get('a').text())).toEqual(['AUBRY Léa']);
    expect(callBacks[0]!.text()).toContain('Dernier contact : jamais');
    expect(callBacks[0]!.get('a').attributes('href')).toBe(`/jeunes/${neverCalled.id}`);
    expect(wrapper.get('[data-testid="day-call-backs"]').text()).toContain('Voir le jeune à relancer');
    const waiting = wrapper.get('[data-testid="day-to-handle"]');
    expect(waiting.text()).toContain('1 dossier à traiter attend un premier contact.');
    expect(waiting.get('a').attributes('href')).toBe('/jeunes?statut=a_traiter');

    const checkpoint = wrapper.get('[data-testid="day-checkpoint"]');
    expect(checkpoint.text()).toContain('(dans 3 j)');
    expect(checkpoint.text()).toContain('CHEVALIER Léa');
    expect(checkpoint.text()).toContain('Point d’étape n° 3 – CAP Cuisine – CFA (fictif)');

    const endings = wrapper.findAll('[data-testid="day-contract-ending"]');
    expect(endings).toHaveLength(1);
    expect(endings[0]!.text()).toContain('(dans 10 j)');
    expect(endings[0]!.findAll('a')[1]!.attributes('href')).toBe(`/jeunes/${following.id}/contrats/${running.id}`);
    wrapper.unmount();
  });
});
