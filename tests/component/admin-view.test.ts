import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminAgent, AdminPlatform } from '../../src/domain/admin-messages';
import { ApiFailure } from '../../src/app/sync/api-client';
import AdminView from '../../src/app/views/AdminView.vue';

const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn(), patch: vi.fn(), download: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({ api }));

const LYON: AdminPlatform = {
  id: '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10',
  name: 'PSAD Lyon Centre',
  departement: 'Rhône',
  academie: 'Lyon',
  activeAgents: 4,
};
const CAMILLE: AdminAgent = {
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01',
  email: 'conseillere@raccroche.example',
  displayName: 'Camille Durand',
  role: 'conseiller',
  platformId: LYON.id,
  platformName: LYON.name,
  structure: 'CIO Lyon Centre',
  active: true,
};
const ADMIN: AdminAgent = {
  ...CAMILLE,
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a05',
  email: 'admin@raccroche.example',
  displayName: 'Administration académique',
  role: 'admin',
  platformId: null,
  platformName: null,
  structure: '',
};

let agents: AdminAgent[] = [];

async function mountAdmin() {
  setActivePinia(createPinia());
  const wrapper = mount(AdminView, { attachTo: document.body });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountAdmin>>;

const buttonNamed = (within: Pick<Wrapper, 'findAll'>, label: string) =>
  within.findAll('button').find((button) => button.text() === label)!;
const errorOf = (wrapper: Wrapper, id: string) => wrapper.find(`#${id}-message, #${id}-error`);
const createForm = (wrapper: Wrapper) => wrapper.get('#agent-create');

describe('the administration screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    agents = [ADMIN, CAMILLE];
    api.get
      .mockReset()
      .mockImplementation(async (path: string) =>
        path === '/api/admin/platforms' ? { platforms: [LYON] } : { agents },
      );
    api.post.mockReset();
    api.patch.mockReset();
  });

  it('lists the platforms and the accounts with role, platform and state', async () => {
    const wrapper = await mountAdmin();
    expect(wrapper.get('h1').text()).toBe('Administration');
    expect(wrapper.get('[data-testid="platform-list"] tbody').text()).toContain('PSAD Lyon CentreRhôneLyon4 comptes');
    const rows = wrapper.findAll('[data-testid="agent-row"]');
    expect(
      rows.map((row) =>
        row
          .findAll('td')
          .map((cell) => cell.text())
          .slice(0, 3),
      ),
    ).toEqual([
      ['Administrateur·rice académique', 'Aucune', 'Actif'],
      ['Conseiller·ère (Psy-EN)', 'PSAD Lyon Centre', 'Actif'],
    ]);
  });

  it('checks a new account field by field, the password against the policy and the account’s e-mail', async () => {
    const wrapper = await mountAdmin();
    const form = createForm(wrapper);
    await form.trigger('submit');
    await flushPromises();
    expect(errorOf(wrapper, 'agent-email').text()).toBe('L’adresse électronique est obligatoire');
    expect(errorOf(wrapper, 'agent-displayName').text()).toContain('obligatoire');
    expect(errorOf(wrapper, 'agent-role').text()).toBe('Rôle à choisir dans la liste');
    expect(errorOf(wrapper, 'agent-platformId').text()).toBe('La plateforme est obligatoire pour ce rôle');
    expect(errorOf(wrapper, 'agent-temporaryPassword').text()).toBe(
      'Le mot de passe doit contenir au moins 12 caractères',
    );
    expect(document.activeElement?.id).toBe('agent-email');
    expect(api.post).not.toHaveBeenCalled();

    await wrapper.get('#agent-email').setValue('lucie.martin@ac-lyon.example');
    await wrapper.get('#agent-temporaryPassword').setValue('Lucie.Martin-2026');
    expect(errorOf(wrapper, 'agent-temporaryPassword').text()).toBe(
      'Le mot de passe ne doit pas reprendre votre adresse électronique',
    );
    const rules = wrapper.findAll('#agent-password-rules li').map((rule) => rule.attributes('data-met'));
    expect(rules).toEqual(['true', 'true', 'false', 'true']);

    await wrapper.get('#agent-role').setValue('admin');
    expect(wrapper.find('#agent-platformId').exists()).toBe(false);
    expect(wrapper.text()).toContain('Un administrateur n’appartient à aucune plateforme.');
  });

  it('creates an account on a platform, then lists it; an e-mail taken is said on its field', async () => {
    const wrapper = await mountAdmin();
    await wrapper.get('#agent-email').setValue('Lucie.Martin@ac-lyon.example ');
    await wrapper.get('#agent-displayName').setValue('Lucie Martin');
    await wrapper.get('#agent-role').setValue('mlds');
    await wrapper.get('#agent-platformId').setValue(LYON.id);
    await wrapper.get('#agent-structure').setValue('MLDS Rhône');
    await wrapper.get('#agent-temporaryPassword').setValue('Quai Saint-Vincent 12');

    api.post.mockRejectedValueOnce(
      new ApiFailure('client', 'Un compte existe déjà avec cette adresse électronique', 409, {
        error: 'email_taken',
        message: 'Un compte existe déjà avec cette adresse électronique',
      }),
    );
    await createForm(wrapper).trigger('submit');
    await flushPromises();
    expect(errorOf(wrapper, 'agent-email').text()).toBe('Un compte existe déjà avec cette adresse électronique');

    const lucie: AdminAgent = {
      ...CAMILLE,
      id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a06',
      email: 'lucie.martin@ac-lyon.example',
      displayName: 'Lucie Martin',
      role: 'mlds',
      structure: 'MLDS Rhône',
    };
    api.post.mockImplementationOnce(async () => {
      agents = [...agents, lucie];
      return { agent: lucie };
    });
    await createForm(wrapper).trigger('submit');
    await flushPromises();
    expect(api.post).toHaveBeenLastCalledWith(
      '/api/admin/agents',
      {
        email: 'lucie.martin@ac-lyon.example',
        displayName: 'Lucie Martin',
        role: 'mlds',
        platformId: LYON.id,
        structure: 'MLDS Rhône',
        temporaryPassword: 'Quai Saint-Vincent 12',
      },
      expect.anything(),
    );
    expect(wrapper.get('[data-testid="agent-created"]').text()).toContain(
      'Compte créé pour Lucie Martin (lucie.martin@ac-lyon.example)',
    );
    expect(wrapper.findAll('[data-testid="agent-row"]')).toHaveLength(3);
    expect((wrapper.get('#agent-email').element as HTMLInputElement).value).toBe('');
  });

  it('deactivates an account, and shows the endpoint’s reason when a change of platform is refused', async () => {
    const wrapper = await mountAdmin();
    const camille = () => wrapper.findAll('[data-testid="agent-row"]')[1]!;
    api.patch.mockImplementationOnce(async () => {
      agents = [ADMIN, { ...CAMILLE, active: false }];
      return { agent: agents[1], revokedDevices: 2 };
    });
    await buttonNamed(camille(), 'Désactiver').trigger('click');
    await flushPromises();
    expect(api.patch).toHaveBeenCalledWith(`/api/admin/agents/${CAMILLE.id}`, { active: false }, expect.anything());
    expect(wrapper.get('[data-testid="agent-outcome"]').text()).toBe(
      'Compte de Camille Durand désactivé et ses 2 appareil(s) déconnecté(s) : ses sessions ne fonctionnent plus.',
    );
    expect(camille().text()).toContain('Désactivé');

    await buttonNamed(camille(), 'Modifier').trigger('click');
    const editor = () => wrapper.get('[data-testid="agent-editor"]');
    expect(document.activeElement?.id).toBe('agent-edit-role');
    await editor().get('#agent-edit-role').setValue('admin');
    const reason =
      'Cet agent suit encore 90 dossier(s) : faites-les réattribuer avant de changer sa plateforme ou son rôle';
    api.patch.mockRejectedValueOnce(
      new ApiFailure('client', reason, 409, { error: 'agent_has_cases', message: reason }),
    );
    await editor().trigger('submit');
    await flushPromises();
    expect(api.patch).toHaveBeenLastCalledWith(
      `/api/admin/agents/${CAMILLE.id}`,
      { role: 'admin', platformId: null },
      expect.anything(),
    );
    expect(editor().get('[data-testid="agent-refusal"]').text()).toBe(`Modification refusée : ${reason}`);

    await buttonNamed(editor(), 'Annuler').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="agent-editor"]').exists()).toBe(false);
    expect(document.activeElement?.id).toBe(`agent-${CAMILLE.id}-edit`);
  });

  it('checks the audit period before downloading, and says the screen needs the network', async () => {
    const wrapper = await mountAdmin();
    await wrapper.get('#audit-from').setValue('2026-10-10');
    await wrapper.get('#audit-to').setValue('2026-10-01');
    await wrapper.get('#audit-export').trigger('submit');
    await flushPromises();
    expect(errorOf(wrapper, 'audit-to').text()).toBe('La fin doit suivre le début de la période');
    expect(api.download).not.toHaveBeenCalled();

    api.get.mockRejectedValue(new ApiFailure('offline', 'Pas de connexion au serveur'));
    const offline = await mountAdmin();
    expect(offline.text()).toContain('la liste des comptes ne se consulte qu’en ligne');
    expect(offline.text()).toContain('la liste des plateformes ne se consulte qu’en ligne');
  });
});
