import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appDb } from '../../src/app/db/instance';
import { useSessionStore } from '../../src/app/stores/session';
import CaseloadView from '../../src/app/views/CaseloadView.vue';
import { blankYoungPerson, todayIso, type YoungPerson } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

function daysAgo(days: number): string {
  const date = new Date(`${todayIso()}T10:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString();
}
const yearsAgo = (years: number) => `${Number(todayIso().slice(0, 4)) - years}-01-01`;

function person(overrides: Partial<YoungPerson>): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Martin',
    firstNames: 'Léa',
    birthDate: yearsAgo(19),
    ...overrides,
  };
}

async function store(people: YoungPerson[], contacts: [YoungPerson, number][] = []) {
  await appDb.youngPeople.bulkAdd(people.map((p) => ({ ...p, serverVersion: 1, serverUpdatedAt: null })));
  await appDb.contactAttempts.bulkAdd(
    contacts.map(([p, days]) => ({
      id: crypto.randomUUID(),
      youngPersonId: p.id,
      authorId: AGENT,
      occurredAt: daysAgo(days),
      channel: 'telephone' as const,
      target: 'jeune' as const,
      guardianName: '',
      result: 'message_laisse' as const,
      note: '',
      serverVersion: 1,
      serverUpdatedAt: null,
    })),
  );
}

async function mountCaseload() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().session = {
    token: 't',
    expiresAt: '2099-01-01T00:00:00.000Z',
    agent: {
      id: AGENT,
      email: 'conseillere@raccroche.example',
      displayName: 'Camille Durand',
      role: 'conseiller',
      platformId: PLATFORM,
      platformName: 'PSAD',
    },
  };
  const stub = { template: '<p>écran</p>' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/jeunes', name: 'caseload', component: CaseloadView },
      { path: '/jeunes/nouveau', name: 'young-person-new', component: stub },
      { path: '/jeunes/:id', name: 'case-file', component: stub },
    ],
  });
  await router.push('/jeunes');
  const wrapper = mount(CaseloadView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await vi.waitFor(() => expect(wrapper.text()).not.toContain('Chargement'));
  return wrapper;
}

type Wrapper = Awaited<ReturnType<typeof mountCaseload>>;
const rowNames = (wrapper: Wrapper) =>
  wrapper.findAll('[data-testid="caseload-row"] td:first-child').map((cell) => cell.text());
const waitForRows = (wrapper: Wrapper, names: string[]) =>
  vi.waitFor(() => expect(rowNames(wrapper).sort()).toEqual([...names].sort()));

const helene = person({ lastName: 'Lemaître', firstNames: 'Hélène', ine: '123456789AB', commune: 'Vénissieux' });
const noe = person({
  commune: 'Lyon 9e',
  lastName: 'Da Silva',
  firstNames: 'Noé',
  status: 'joint',
  birthDate: yearsAgo(16),
  lastSchoolName: 'Lycée Jacquard (fictif)',
});
const ines = person({ lastName: 'Caron', firstNames: 'Inès', status: 'contact_en_cours', commune: 'Bron' });
const closed = person({
  lastName: 'Bernard',
  firstNames: 'Zoé',
  status: 'clos',
  outcome: 'emploi',
  closedOn: todayIso(),
});

describe('the caseload', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
  });

  it('lists the open cases with their counts per status; closed cases only when asked for', async () => {
    await store([helene, noe, ines, closed], [[noe, 3]]);
    const wrapper = await mountCaseload();
    await waitForRows(wrapper, ['LEMAÎTRE Hélène', 'DA SILVA Noé', 'CARON Inès']);
    expect(wrapper.get('h1').text()).toBe('Mes jeunes');
    expect(wrapper.get('[data-testid="caseload-count"]').text()).toContain('3 jeunes suivis');
    expect(wrapper.get('[data-testid="status-count-a_traiter"]').text()).toBe('À traiter\u00a0: 1');

    await wrapper.get('[data-testid="status-count-joint"]').trigger('click');
    await waitForRows(wrapper, ['DA SILVA Noé']);
    expect(wrapper.get('[data-testid="status-count-joint"]').attributes('aria-pressed')).toBe('true');

    await wrapper.get('[data-testid="status-count-clos"]').trigger('click');
    await waitForRows(wrapper, ['BERNARD Zoé']);
    await wrapper.get('[data-testid="status-count-clos"]').trigger('click');
    await waitForRows(wrapper, ['LEMAÎTRE Hélène', 'DA SILVA Noé', 'CARON Inès']);
    wrapper.unmount();
  });

  it('shows age with a Mineur badge, status and days since the last contact; names open the case file', async () => {
    await store([noe, helene], [[noe, 12]]);
    const wrapper = await mountCaseload();
    await waitForRows(wrapper, ['DA SILVA Noé', 'LEMAÎTRE Hélène']);
    const row = () => wrapper.findAll('[data-testid="caseload-row"]').find((r) => r.text().includes('Noé'))!;
    // The last contacts are read after the people: their column fills in a moment later.
    await vi.waitFor(() => expect(row().findAll('td')[4]!.text()).toBe('il y a 12 j'));
    const cells = row()
      .findAll('td')
      .map((cell) => cell.text());
    expect(cells[1]).toMatch(/^\d\d ans\s*Mineur$/);
    expect(cells[2]).toMatch(/^Lyon 9e\s+Lycée Jacquard \(fictif\)$/);
    expect(cells[3]).toBe('Joint');
    expect(row().get('a').attributes('href')).toBe(`/jeunes/${noe.id}`);

    // A contact logged meanwhile (here, or by a sync) shows at once.
    await store([], [[noe, 0]]);
    await vi.waitFor(() => expect(row().findAll('td')[4]!.text()).toBe('aujourd’hui'));
    wrapper.unmount();
  });

  it('searches as you type, without accents or case, across name, INE, commune and school', async () => {
    await store([helene, noe, ines]);
    const wrapper = await mountCaseload();
    const search = wrapper.get('#caseload-search');
    expect(wrapper.get('label[for="caseload-search"]').text()).toBe('Rechercher un jeune');
    for (const [query, names] of [
      ['helene', ['LEMAÎTRE Hélène']],
      ['LEMAITRE hel', ['LEMAÎTRE Hélène']],
      ['123456789ab', ['LEMAÎTRE Hélène']],
      ['bron', ['CARON Inès']],
      ['jacquard', ['DA SILVA Noé']],
      ['personne', []],
    ] as const) {
      await search.setValue(query);
      await waitForRows(wrapper, [...names]);
    }
    expect(wrapper.text()).toContain('Aucun jeune ne correspond à ces critères.');
    expect(wrapper.get('[data-testid="caseload-results"]').text()).toBe('0 résultat');
    wrapper.unmount();
  });

  it('filters the cases to call back, with an adjustable delay (15 days by default)', async () => {
    await store(
      [helene, noe, ines],
      [
        [noe, 3],
        [ines, 20],
      ],
    );
    const wrapper = await mountCaseload();
    await wrapper.get('#caseload-call-back').setValue(true);
    // Hélène, still "à traiter", waits for her first contact: she is not called back.
    await waitForRows(wrapper, ['CARON Inès']);
    await wrapper.get('#caseload-call-back-days').setValue('2');
    await waitForRows(wrapper, ['CARON Inès', 'DA SILVA Noé']);
    await wrapper.get('#caseload-call-back-days').setValue('0');
    expect(wrapper.get('#caseload-call-back-days-message').text()).toBe('Un nombre de jours entre 1 et 365');
    await wrapper.get('#caseload-minors').setValue(true);
    await waitForRows(wrapper, ['DA SILVA Noé']);
    wrapper.unmount();
  });

  it('sorts by last contact, oldest first and never contacted on top', async () => {
    await store(
      [helene, noe, ines],
      [
        [noe, 3],
        [ines, 20],
      ],
    );
    const wrapper = await mountCaseload();
    await wrapper.get('#caseload-sort').setValue('lastContact');
    await vi.waitFor(() => expect(rowNames(wrapper)).toEqual(['LEMAÎTRE Hélène', 'CARON Inès', 'DA SILVA Noé']));
    await wrapper.get('#caseload-sort').setValue('name');
    await vi.waitFor(() => expect(rowNames(wrapper)).toEqual(['CARON Inès', 'DA SILVA Noé', 'LEMAÎTRE Hélène']));
    wrapper.unmount();
  });

  it('shows the first 50 rows and more on demand', async () => {
    await store(Array.from({ length: 80 }, (_, i) => person({ lastName: `Nom${String(i).padStart(3, '0')}` })));
    const wrapper = await mountCaseload();
    await vi.waitFor(() => expect(rowNames(wrapper)).toHaveLength(50));
    const more = wrapper.findAll('button').find((button) => button.text().startsWith('Afficher'))!;
    expect(more.text()).toBe('Afficher 30 de plus (30 restants)');
    await more.trigger('click');
    await flushPromises();
    expect(rowNames(wrapper)).toHaveLength(80);
    // Each name links to its case file, by the router's address.
    const link = wrapper.find('[data-testid="caseload-row"] a');
    expect(link.attributes('href')).toMatch(/^\/jeunes\/[0-9a-f-]{36}$/);
    wrapper.unmount();
  });

  it('folds the people written since into its snapshot once they are many, and shows a change at once', async () => {
    await store(Array.from({ length: 20 }, (_, i) => person({ lastName: `Nom${String(i).padStart(3, '0')}` })));
    const wrapper = await mountCaseload();
    await vi.waitFor(() => expect(rowNames(wrapper)).toHaveLength(20));
    // Twenty read from their own rows: the caseload writes them into their buckets, then reads those.
    await vi.waitFor(async () => expect(await appDb.caseloadDirty.count()).toBe(0));
    expect(await appDb.caseloadBuckets.count()).toBeGreaterThan(0);

    const [first] = await appDb.youngPeople.toArray();
    await appDb.youngPeople.put({ ...first!, lastName: 'Lemaître' });
    await vi.waitFor(() => expect(rowNames(wrapper)).toContain('LEMAÎTRE Léa'));
    expect(await appDb.caseloadDirty.count()).toBe(1); // one change: read from its row, not worth a fold
    wrapper.unmount();
  });
});
