import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AdminAgent } from '../../src/domain/admin-messages';
import type { Agent } from '../../src/domain/auth-messages';
import type { DeviceSummary } from '../../src/domain/device-messages';
import type { Adviser } from '../../src/domain/distribution';
import { useSessionStore } from '../../src/app/stores/session';
import { ApiFailure } from '../../src/app/sync/api-client';
import TeamView from '../../src/app/views/TeamView.vue';

const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn(), patch: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({
  api,
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));

const PLATFORM = { id: '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10', name: 'PSAD Lyon Centre' };
const SOPHIE: Agent = {
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a03',
  displayName: 'Sophie Lefèvre',
  email: 'coordination@raccroche.example',
  role: 'coordinateur',
  platformId: PLATFORM.id,
  platformName: PLATFORM.name,
};
const account = (overrides: Partial<AdminAgent> & Pick<AdminAgent, 'id' | 'displayName' | 'role'>): AdminAgent => ({
  email: `${overrides.displayName.split(' ')[0]!.toLowerCase()}@raccroche.example`,
  platformId: PLATFORM.id,
  platformName: PLATFORM.name,
  structure: '',
  active: true,
  ...overrides,
});
const CAMILLE = account({
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01',
  displayName: 'Camille Durand',
  role: 'conseiller',
});
const PAUL = account({
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a07',
  displayName: 'Paul Parti',
  role: 'mlds',
  active: false,
});
const COORDINATION = account({ id: SOPHIE.id, displayName: SOPHIE.displayName, role: 'coordinateur' });
const caseload = (agent: AdminAgent, openCases: number): Adviser => ({
  id: agent.id,
  displayName: agent.displayName,
  role: agent.role,
  structure: '',
  active: agent.active,
  openCases,
});
const device = (overrides: Partial<DeviceSummary>): DeviceSummary => ({
  id: crypto.randomUUID(),
  name: 'Tablette',
  agentId: SOPHIE.id,
  agentName: SOPHIE.displayName,
  createdAt: '2026-09-01T08:00:00.000Z',
  lastSeenAt: '2026-10-05T07:30:00.000Z',
  revokedAt: null,
  current: false,
  ...overrides,
});

let agents: AdminAgent[] = [];
let devices: DeviceSummary[] = [];

async function mountTeam() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', agent: SOPHIE };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/equipe', name: 'team', component: TeamView },
      { path: '/repartition', name: 'distribution', component: { template: '<p>Répartition</p>' } },
    ],
  });
  await router.push('/equipe');
  const wrapper = mount(TeamView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountTeam>>;

const buttonNamed = (within: Pick<Wrapper, 'findAll'>, label: string) =>
  within.findAll('button').find((button) => button.text() === label)!;
const rowOf = (wrapper: Wrapper, name: string) =>
  wrapper.findAll('[data-testid="team-row"]').find((row) => row.get('th').text().startsWith(name))!;
const gets = () => api.get.mock.calls.map(([path]) => String(path));

describe('Comptes de la plateforme', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    agents = [CAMILLE, PAUL, COORDINATION];
    devices = [
      device({ name: 'Chrome sur Android', current: true }),
      device({ name: 'Safari sur iPad', agentId: CAMILLE.id, agentName: CAMILLE.displayName }),
    ];
    api.get.mockReset().mockImplementation(async (path: string) => {
      if (path === '/api/admin/agents') return { agents };
      if (path === '/api/distribution/advisers') return { advisers: [caseload(CAMILLE, 86), caseload(PAUL, 0)] };
      if (path === '/api/devices') return devices;
      throw new Error(`unexpected GET ${path}`);
    });
    api.post.mockReset();
    api.patch.mockReset();
  });

  it('lists the platform’s accounts with role, open caseload and state; the coordinators’ are the académie’s', async () => {
    const wrapper = await mountTeam();
    expect(wrapper.get('h1').text()).toBe('Comptes de la plateforme');
    expect(gets()).not.toContain('/api/admin/platforms');
    const cells = (name: string) =>
      rowOf(wrapper, name)
        .findAll('td')
        .map((cell) => cell.text());
    expect(cells('Camille Durand')).toEqual(['Conseiller·ère (Psy-EN)', '86 jeunes', 'Actif', 'Désactiver']);
    expect(cells('Paul Parti')).toEqual([expect.stringContaining('MLDS'), '0 jeune', 'Désactivé', 'Réactiver']);
    expect(cells('Sophie Lefèvre')).toEqual([
      'Responsable de plateforme',
      '–',
      'Actif',
      'Géré par l’administration académique',
    ]);
  });

  it('creates an adviser’s account on the platform, with an adviser’s role only', async () => {
    const wrapper = await mountTeam();
    expect(wrapper.findAll('#agent-role option').map((option) => option.attributes('value'))).toEqual([
      '',
      'conseiller',
      'mlds',
      'tuteur',
    ]);
    expect(wrapper.find('#agent-platformId').exists()).toBe(false);
    expect(wrapper.text()).toContain(`Plateforme : ${PLATFORM.name}`);

    await wrapper.get('#agent-email').setValue('lucie.martin@ac-lyon.example');
    await wrapper.get('#agent-displayName').setValue('Lucie Martin');
    await wrapper.get('#agent-role').setValue('tuteur');
    await wrapper.get('#agent-temporaryPassword').setValue('Quai Saint-Vincent 12');
    const lucie = account({ id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a08', displayName: 'Lucie Martin', role: 'tuteur' });
    api.post.mockImplementationOnce(async () => {
      agents = [...agents, lucie];
      return { agent: lucie };
    });
    await wrapper.get('#agent-create').trigger('submit');
    await flushPromises();
    expect(api.post).toHaveBeenCalledWith(
      '/api/admin/agents',
      {
        email: 'lucie.martin@ac-lyon.example',
        displayName: 'Lucie Martin',
        role: 'tuteur',
        platformId: PLATFORM.id,
        structure: '',
        temporaryPassword: 'Quai Saint-Vincent 12',
      },
      expect.anything(),
    );
    expect(wrapper.get('[data-testid="agent-created"]').text()).toContain('il lui sera demandé de le remplacer');
    expect(wrapper.findAll('[data-testid="team-row"]')).toHaveLength(4);
  });

  it('deactivates an adviser after a confirmation that says what follows, then reads the devices again', async () => {
    const wrapper = await mountTeam();
    await buttonNamed(rowOf(wrapper, 'Camille Durand'), 'Désactiver').trigger('click');
    await flushPromises();
    const confirm = wrapper.get('[data-testid="team-deactivate"]');
    expect(confirm.text()).toContain('Désactiver le compte de Camille Durand ?');
    expect(confirm.text()).toContain('Ses appareils seront déconnectés');
    expect(confirm.get('[data-testid="team-deactivate-cases"]').text()).toContain(
      'Camille Durand suit encore 86 jeunes : réattribuez-les dans Répartition des jeunes',
    );
    expect(confirm.get('a').attributes('href')).toBe('/repartition');
    expect(document.activeElement?.id).toBe('team-deactivate-confirm');
    expect(api.patch).not.toHaveBeenCalled();

    api.patch.mockImplementationOnce(async () => {
      agents = [{ ...CAMILLE, active: false }, PAUL, COORDINATION];
      devices = devices.map((d) => (d.agentId === CAMILLE.id ? { ...d, revokedAt: '2026-10-05T08:00:00.000Z' } : d));
      return { agent: agents[0], revokedDevices: 1 };
    });
    const devicesRead = gets().filter((path) => path === '/api/devices').length;
    await buttonNamed(confirm, 'Confirmer la désactivation').trigger('click');
    await flushPromises();
    expect(api.patch).toHaveBeenCalledWith(`/api/admin/agents/${CAMILLE.id}`, { active: false }, expect.anything());
    const outcome = wrapper.get('[data-testid="team-outcome"]');
    expect(outcome.text()).toBe('Compte de Camille Durand désactivé. 1 appareil déconnecté.');
    expect(document.activeElement).toBe(outcome.element);
    expect(rowOf(wrapper, 'Camille Durand').text()).toContain('Désactivé');
    expect(gets().filter((path) => path === '/api/devices').length).toBe(devicesRead + 1);
    expect(wrapper.get('[data-testid="team-devices"]').text()).toContain('Révoqué');
  });

  it('cancels a deactivation, focus back on its button; reactivates in one tap', async () => {
    const wrapper = await mountTeam();
    await buttonNamed(rowOf(wrapper, 'Camille Durand'), 'Désactiver').trigger('click');
    await flushPromises();
    await buttonNamed(wrapper.get('[data-testid="team-deactivate"]'), 'Annuler').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="team-deactivate"]').exists()).toBe(false);
    expect(document.activeElement?.id).toBe(`team-${CAMILLE.id}-toggle`);

    api.patch.mockResolvedValueOnce({ agent: { ...PAUL, active: true }, revokedDevices: 0 });
    await buttonNamed(rowOf(wrapper, 'Paul Parti'), 'Réactiver').trigger('click');
    await flushPromises();
    expect(api.patch).toHaveBeenCalledWith(`/api/admin/agents/${PAUL.id}`, { active: true }, expect.anything());
    expect(wrapper.get('[data-testid="team-outcome"]').text()).toContain('Compte de Paul Parti réactivé');
  });

  it('shows the devices of the platform’s other accounts, with their owner', async () => {
    const wrapper = await mountTeam();
    const listed = wrapper.get('[data-testid="team-devices"]').text();
    expect(listed).toContain('Safari sur iPad');
    expect(listed).toContain('Camille Durand');
    expect(listed).not.toContain('Chrome sur Android'); // the coordinator's own: in "Mon compte"
  });

  it('shows the endpoint’s refusal, and says plainly when there is no network', async () => {
    const wrapper = await mountTeam();
    api.patch.mockRejectedValueOnce(
      new ApiFailure('client', 'Seule l’administration académique modifie le compte d’un responsable', 403),
    );
    await buttonNamed(rowOf(wrapper, 'Paul Parti'), 'Réactiver').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="team-outcome"]').text()).toBe(
      'Modification refusée : Seule l’administration académique modifie le compte d’un responsable',
    );

    api.get.mockRejectedValue(new ApiFailure('offline', 'Pas de réseau'));
    const offline = await mountTeam();
    expect(offline.text()).toContain('la liste des comptes ne se consulte qu’en ligne');
    expect(offline.text()).toContain('la liste des appareils ne se consulte qu’en ligne');
  });
});
