import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useSessionStore } from '../../src/app/stores/session';
import { ApiFailure } from '../../src/app/sync/api-client';
import ActivityView from '../../src/app/views/ActivityView.vue';
import type { ActivityFigures, ActivityResponse } from '../../src/domain/activity-stats';
import type { Agent } from '../../src/domain/auth-messages';

const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn(), patch: vi.fn(), download: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({
  api,
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));
const saveBlob = vi.hoisted(() => vi.fn());
vi.mock('../../src/app/composables/save-blob', () => ({ saveBlob }));

/** Chart.js needs a real canvas: here each chart drawn is recorded instead. */
const drawn = vi.hoisted(
  () => [] as { type: string; labels: unknown[]; datasets: { label: string; data: number[] }[] }[],
);
vi.mock('../../src/app/components/activity/load-chart', () => ({
  loadChart: async () =>
    class {
      constructor(_canvas: unknown, config: { type: string; data: { labels: unknown[]; datasets: never[] } }) {
        drawn.push({ type: config.type, labels: config.data.labels, datasets: config.data.datasets });
      }
      destroy() {}
    },
}));

const PLATFORM = {
  id: '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10',
  name: 'PSAD Lyon Centre',
  departement: 'Rhône',
  academie: 'Lyon',
};
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

const delay = (medianDays: number | null, cases: number) => ({ medianDays, cases });
const FIGURES: ActivityFigures = {
  listed: 42,
  contacted: 38,
  reached: 30,
  interviewed: 25,
  bilans: 18,
  proposedTo: 16,
  proposals: 21,
  contractsSigned: 11,
  inSolution: 9,
  closed: 7,
  proposalsByType: [
    { type: 'apprentissage', proposed: 8, accepted: 5 },
    { type: 'service_civique', proposed: 13, accepted: 4 },
  ],
  closedByOutcome: [
    { outcome: 'emploi', count: 2 },
    { outcome: 'apprentissage', count: 5 },
  ],
  delays: {
    listingToFirstContact: delay(3, 38),
    firstContactToFirstInterview: delay(12.5, 25),
    firstInterviewToSolution: delay(40, 9),
    listingToSolution: delay(null, 0),
  },
};
const REPORT: ActivityResponse = {
  from: '2025-09-01',
  to: '2026-06-30',
  platformId: PLATFORM.id,
  agentId: null,
  totals: FIGURES,
  byAgent: [{ agentId: CAMILLE, agentName: 'Camille Durand', figures: FIGURES }],
  monthly: [
    { month: '2025-09', ...FIGURES, listed: 10, contacted: 6, inSolution: 0, closed: 1 },
    { month: '2025-10', ...FIGURES, listed: 32, contacted: 32, inSolution: 9, closed: 6 },
  ],
};

async function mountAs(role: Agent['role']) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const agent: Agent = {
    id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a03',
    displayName: 'Sophie Lefèvre',
    email: 'coordination@raccroche.example',
    role,
    platformId: role === 'admin' ? null : PLATFORM.id,
    platformName: role === 'admin' ? null : PLATFORM.name,
  };
  useSessionStore().session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', agent };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/activite', name: 'activity', component: ActivityView }],
  });
  await router.push('/activite');
  const wrapper = mount(ActivityView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

const rowsOf = (wrapper: Awaited<ReturnType<typeof mountAs>>, testId: string) =>
  wrapper
    .get(`[data-testid="${testId}"]`)
    .findAll('tbody tr')
    .map((row) => row.findAll('th, td').map((cell) => cell.text()));

describe('the activity screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    drawn.length = 0;
    saveBlob.mockReset();
    api.download.mockReset();
    api.get.mockReset().mockImplementation(async (path: string) => {
      if (path.startsWith('/api/stats/activity?')) return REPORT;
      if (path === '/api/admin/platforms') return { platforms: [{ ...PLATFORM, activeAgents: 4 }] };
      if (path === '/api/admin/agents') return { agents: [] };
      throw new Error(`unexpected ${path}`);
    });
  });

  it('draws each chart with its data table: the funnel, solution types, outcomes, the monthly trend', async () => {
    const wrapper = await mountAs('coordinateur');
    expect(api.get).toHaveBeenCalledWith(
      expect.stringMatching(/^\/api\/stats\/activity\?from=\d{4}-09-01&to=/),
      expect.anything(),
    );

    for (const id of ['activity-funnel', 'activity-types', 'activity-outcomes', 'activity-trend']) {
      const figure = wrapper.get(`#${id}-canvas`);
      expect(figure.attributes('role')).toBe('img');
      expect(figure.attributes('aria-label')).toBeTruthy();
      const table = wrapper.get(`[data-testid="${id}-table"]`);
      expect(table.find('caption').text()).toBe(wrapper.get(`#${id}-title`).text());
    }
    expect(rowsOf(wrapper, 'activity-funnel-table')).toEqual([
      ['Jeunes repérés', '42'],
      ['Jeunes contactés', '38'],
      ['Jeunes joints', '30'],
      ['Jeunes reçus en entretien', '25'],
      ['Bilans de positionnement', '18'],
      ['Jeunes ayant reçu une proposition', '16'],
      ['Contrats signés', '11'],
      ['Entrées en solution', '9'],
    ]);
    expect(rowsOf(wrapper, 'activity-types-table')).toEqual([
      ['Service civique', '13', '4'],
      ['CFA / apprentissage', '8', '5'],
    ]);
    expect(rowsOf(wrapper, 'activity-outcomes-table')).toEqual([
      ['Apprentissage / CFA', '5'],
      ['Emploi', '2'],
    ]);
    expect(rowsOf(wrapper, 'activity-trend-table')).toEqual([
      ['sept. 2025', '10', '6', '0', '1'],
      ['oct. 2025', '32', '32', '9', '6'],
    ]);
    expect(rowsOf(wrapper, 'activity-delays-table')).toEqual([
      ['Du repérage au premier contact', '3 jours', '38'],
      ['Du premier contact au premier entretien', '12,5 jours', '25'],
      ['Du premier entretien à l’entrée en solution', '40 jours', '9'],
      ['Du repérage à l’entrée en solution', '—', '0'],
    ]);
    expect(rowsOf(wrapper, 'activity-agents-table')[0]?.slice(0, 3)).toEqual(['Camille Durand', '42', '38']);
    expect(wrapper.get('#activity-funnel-canvas').attributes('aria-label')).toContain('Jeunes repérés : 42');

    // The same data is what the charts draw.
    expect(drawn.map((chart) => chart.type)).toEqual(['bar', 'bar', 'bar', 'line']);
    expect(drawn[0]!.datasets[0]!.data).toEqual([42, 38, 30, 25, 18, 16, 11, 9]);
    expect(drawn[3]!.datasets.map((dataset) => dataset.label)).toEqual([
      'Jeunes repérés',
      'Jeunes contactés',
      'Entrées en solution',
      'Dossiers clos',
    ]);
  });

  it('downloads the CSV of the bilan shown, and asks again for another period', async () => {
    const wrapper = await mountAs('coordinateur');
    await wrapper.get('#activity-from').setValue('2026-01-01');
    await wrapper.get('#activity-to').setValue('2026-06-30');
    await wrapper.get('#activity-agent').setValue('');
    await wrapper.get('#activity-filters').trigger('submit');
    await flushPromises();
    expect(api.get).toHaveBeenLastCalledWith('/api/stats/activity?from=2026-01-01&to=2026-06-30', expect.anything());

    const blob = new Blob(['\uFEFFRéférent;Jeunes repérés\r\n'], { type: 'text/csv' });
    api.download.mockResolvedValueOnce({ blob, fileName: 'activite-psad-lyon-centre-2026-01-01-au-2026-06-30.csv' });
    await wrapper.get('[data-testid="activity-csv"]').trigger('click');
    await flushPromises();
    expect(api.download).toHaveBeenCalledWith('/api/stats/activity.csv?from=2026-01-01&to=2026-06-30');
    expect(saveBlob).toHaveBeenCalledWith('activite-psad-lyon-centre-2026-01-01-au-2026-06-30.csv', blob);
    expect(wrapper.get('[data-testid="activity-csv-saved"]').text()).toContain(
      'activite-psad-lyon-centre-2026-01-01-au-2026-06-30.csv',
    );
  });

  it('checks the period before asking, in French', async () => {
    const wrapper = await mountAs('coordinateur');
    const asked = api.get.mock.calls.length;
    await wrapper.get('#activity-from').setValue('2026-06-30');
    await wrapper.get('#activity-to').setValue('2026-01-01');
    await wrapper.get('#activity-filters').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#activity-to-message').text()).toBe('La fin doit suivre le début de la période');
    expect(api.get.mock.calls.length).toBe(asked);
  });

  it('lets the admin choose a platform, or all', async () => {
    const wrapper = await mountAs('admin');
    const options = wrapper
      .get('#activity-platform')
      .findAll('option')
      .map((option) => option.text());
    expect(options).toEqual(['Toutes les plateformes', 'PSAD Lyon Centre']);
    expect(wrapper.get('#activity-report-title').text()).toMatch(/^Toutes les plateformes, du/);
    await wrapper.get('#activity-platform').setValue(PLATFORM.id);
    await wrapper.get('#activity-filters').trigger('submit');
    await flushPromises();
    expect(api.get).toHaveBeenLastCalledWith(expect.stringContaining(`platformId=${PLATFORM.id}`), expect.anything());
    expect(wrapper.get('#activity-report-title').text()).toMatch(/^PSAD Lyon Centre, du/);
  });

  it('says plainly that it needs the network when the device has none', async () => {
    api.get.mockReset().mockRejectedValue(new ApiFailure('offline', 'Pas de réseau'));
    const wrapper = await mountAs('coordinateur');
    expect(wrapper.text()).toContain('Connexion au réseau nécessaire');
    expect(wrapper.text()).toContain('le bilan d’activité ne se consulte qu’en ligne');
    expect(wrapper.find('[data-testid="activity-csv"]').exists()).toBe(false);
  });
});
