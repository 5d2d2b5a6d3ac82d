import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Adviser, DestinationPlatform, DistributionCase } from '../../src/domain/distribution';
import { ApiFailure } from '../../src/app/sync/api-client';
import DistributionView from '../../src/app/views/DistributionView.vue';

const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({ api }));

const adviser = (overrides: Partial<Adviser> & Pick<Adviser, 'id' | 'displayName'>): Adviser => ({
  role: 'conseiller',
  structure: '',
  active: true,
  openCases: 0,
  ...overrides,
});
const CAMILLE = adviser({ id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01', displayName: 'Camille Durand', openCases: 86 });
const KARIM = adviser({
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a02',
  displayName: 'Karim Benali',
  role: 'mlds',
  openCases: 1,
});
const NADIA = adviser({ id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a04', displayName: 'Nadia Perrin', role: 'tuteur' });
const PAUL = adviser({ id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a07', displayName: 'Paul Parti', active: false });
const SUD: DestinationPlatform = {
  id: '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a11',
  name: 'PSAD Var',
  departement: 'Var',
  academie: 'Nice',
};

let serial = 0;
const person = (lastName: string, firstNames: string, overrides: Partial<DistributionCase> = {}): DistributionCase => ({
  id: `5b6c7d8e-2f3a-4b5c-8d9e-${String(++serial).padStart(12, '0')}`,
  lastName,
  firstNames,
  birthDate: '2009-03-14',
  commune: 'Lyon',
  lastSchoolName: 'Lycée Ampère (fictif)',
  lastSchoolCommune: 'Lyon',
  lastSchoolUai: '',
  level: 'niveau_3',
  origin: 'siei',
  campaign: '2026-09',
  status: 'a_traiter',
  referentId: null,
  ...overrides,
});

let listed: DistributionCase[] = [];

async function mountView() {
  setActivePinia(createPinia());
  const wrapper = mount(DistributionView, { attachTo: document.body });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountView>>;

const buttonNamed = (within: Pick<Wrapper, 'findAll'>, label: string) =>
  within.findAll('button').find((button) => button.text() === label)!;
const checkboxOf = (wrapper: Wrapper, name: string) => {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === name)!;
  return wrapper.get(`#${label.attributes('for')}`);
};
const casesRequests = () =>
  api.get.mock.calls.map(([path]) => String(path)).filter((path) => path.startsWith('/api/distribution/cases'));

describe('Répartition des jeunes', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    serial = 0;
    listed = [
      person('Dumont', 'David'),
      person('Écuyer', 'Inès', { birthDate: '2005-01-02' }),
      person('Girard', 'Gaëlle'),
    ];
    api.get.mockReset().mockImplementation(async (path: string) => {
      if (path.startsWith('/api/distribution/cases')) {
        return { cases: listed, total: listed.length, campaigns: ['2026-09', '2026-03'] };
      }
      if (path === '/api/distribution/advisers') return { advisers: [CAMILLE, KARIM, NADIA, PAUL] };
      if (path === '/api/distribution/platforms') return { platforms: [SUD] };
      throw new Error(`unexpected GET ${path}`);
    });
    api.post.mockReset();
  });

  it('lists the unassigned cases with a checkbox named by each young person, and the advisers with their caseload', async () => {
    const wrapper = await mountView();
    expect(wrapper.get('h1').text()).toBe('Répartition des jeunes');
    expect(casesRequests()).toEqual(['/api/distribution/cases?state=unassigned']);
    expect(wrapper.get('[data-testid="distribution-count"]').text()).toContain('3 jeunes correspondent aux filtres.');
    const rows = wrapper.findAll('[data-testid="distribution-row"]');
    expect(rows.map((row) => row.find('label').text())).toEqual(['DUMONT David', 'ÉCUYER Inès', 'GIRARD Gaëlle']);
    expect(rows[0]!.text()).toContain('Mineur');
    expect(rows[1]!.text()).not.toContain('Mineur');
    expect(rows[0]!.text()).toContain('Non attribué');

    const select = wrapper.get('#assign-referent');
    expect(wrapper.get('label[for="assign-referent"]').text()).toContain('Conseiller');
    // Active conseillers and MLDS coordinators only: not the tutor, not the deactivated account.
    expect(select.findAll('option').map((option) => option.text())).toEqual([
      'Choisir un conseiller',
      'Camille Durand — 86 jeunes en cours',
      'Karim Benali — 1 jeune en cours',
    ]);
  });

  it('applies the filters on "Filtrer", and resets them', async () => {
    const wrapper = await mountView();
    const followedBy = wrapper.get('#filter-followed-by');
    expect(followedBy.findAll('option').map((option) => option.text())).toContain(
      'Suivis par Paul Parti (compte désactivé)',
    );
    await wrapper.get('#filter-commune').setValue(' lille ');
    await wrapper.get('#filter-age').setValue('minor');
    await wrapper.get('#filter-campaign').setValue('2026-03');
    await wrapper.get('#filter-school').setValue('Ampère');
    await followedBy.setValue(`referent:${KARIM.id}`);
    expect(casesRequests()).toHaveLength(1); // nothing read before "Filtrer"
    await buttonNamed(wrapper, 'Filtrer').trigger('click');
    await flushPromises();
    expect(casesRequests().at(-1)).toBe(
      `/api/distribution/cases?state=assigned&referentId=${KARIM.id}&campaign=2026-03&commune=lille&school=Amp%C3%A8re&age=minor`,
    );

    await buttonNamed(wrapper, 'Réinitialiser les filtres').trigger('click');
    await flushPromises();
    expect(casesRequests().at(-1)).toBe('/api/distribution/cases?state=unassigned');
    expect((wrapper.get('#filter-commune').element as HTMLInputElement).value).toBe('');
  });

  it('assigns the selected young people to a conseiller after a confirmation, then reads the lists again', async () => {
    const wrapper = await mountView();
    const [david, ines] = listed;
    await checkboxOf(wrapper, 'DUMONT David').setValue(true);
    await checkboxOf(wrapper, 'ÉCUYER Inès').setValue(true);
    expect(wrapper.get('[data-testid="selection-count"]').text()).toBe('2 jeunes sélectionnés');
    await wrapper.get('#assign-referent').setValue(CAMILLE.id);
    await buttonNamed(wrapper, 'Attribuer').trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('Attribuer 2 jeunes à Camille Durand ?');
    expect(document.activeElement?.id).toBe('assign-confirm');
    expect(api.post).not.toHaveBeenCalled();

    api.post.mockImplementationOnce(async () => {
      listed = listed.slice(2);
      return { assigned: 2, unchanged: 0 };
    });
    const readsBefore = api.get.mock.calls.length;
    await buttonNamed(wrapper, 'Confirmer l’attribution').trigger('click');
    await flushPromises();
    expect(api.post).toHaveBeenCalledWith(
      '/api/distribution/assign',
      { caseIds: [david!.id, ines!.id], referentId: CAMILLE.id },
      expect.anything(),
    );
    const outcome = wrapper.get('[data-testid="distribution-outcome"]');
    expect(outcome.text()).toBe(
      '2 jeunes attribués à Camille Durand : ils arriveront sur ses appareils à sa prochaine synchronisation.',
    );
    expect(document.activeElement).toBe(outcome.element);
    const reread = api.get.mock.calls.slice(readsBefore).map(([path]) => path);
    expect(reread).toEqual(
      expect.arrayContaining(['/api/distribution/cases?state=unassigned', '/api/distribution/advisers']),
    );
    expect(wrapper.findAll('[data-testid="distribution-row"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="selection-count"]').text()).toBe('Aucun jeune sélectionné');
  });

  it('says what is missing before asking anything: the conseiller, then a selection', async () => {
    const wrapper = await mountView();
    await buttonNamed(wrapper, 'Attribuer').trigger('click');
    expect(wrapper.get('#assign-referent-error').text()).toBe('Choisissez le conseiller à qui attribuer les jeunes');
    expect(document.activeElement?.id).toBe('assign-referent');
    await wrapper.get('#assign-referent').setValue(KARIM.id);
    await buttonNamed(wrapper, 'Attribuer').trigger('click');
    expect(wrapper.get('[data-testid="selection-error"]').text()).toBe('Sélectionnez au moins un jeune dans la liste');
    expect(wrapper.find('#assign-referent-error').exists()).toBe(false);
    expect(api.post).not.toHaveBeenCalled();
  });

  it('selects every listed young person, those not drawn yet included', async () => {
    listed = Array.from({ length: 150 }, (_, i) => person(`Nom${String(i).padStart(3, '0')}`, 'Jeune'));
    const wrapper = await mountView();
    expect(wrapper.findAll('[data-testid="distribution-row"]')).toHaveLength(100);
    await wrapper.get('#distribution-select-all').setValue(true);
    expect(wrapper.get('[data-testid="selection-count"]').text()).toBe('150 jeunes sélectionnés');
    expect(wrapper.get('label[for="distribution-select-all"]').text()).toBe('Tout sélectionner (150 jeunes listés)');
    await buttonNamed(wrapper, 'Afficher 50 de plus (sur 50)').trigger('click');
    expect(wrapper.findAll('[data-testid="distribution-row"]')).toHaveLength(150);
    expect(wrapper.findAll('[data-testid="distribution-row"] input:checked')).toHaveLength(150);

    await checkboxOf(wrapper, 'NOM000 Jeune').setValue(false);
    const all = wrapper.get('#distribution-select-all').element as HTMLInputElement;
    expect([all.checked, all.indeterminate]).toEqual([false, true]);
    await wrapper.get('#distribution-select-all').trigger('click'); // as a browser does: partly selected → all
    expect(wrapper.get('[data-testid="selection-count"]').text()).toBe('150 jeunes sélectionnés');
    await wrapper.get('#distribution-select-all').trigger('click');
    expect(wrapper.get('[data-testid="selection-count"]').text()).toBe('Aucun jeune sélectionné');
  });

  it('shows the endpoint’s refusal of a batch with the young people it names; nothing was assigned', async () => {
    const wrapper = await mountView();
    await wrapper.get('#distribution-select-all').setValue(true);
    await wrapper.get('#assign-referent').setValue(CAMILLE.id);
    api.post.mockRejectedValueOnce(
      new ApiFailure('client', 'Certains dossiers sont introuvables', 404, {
        error: 'not_found',
        message: 'Certains dossiers sont introuvables',
        issues: [{ path: 'caseIds.2', message: 'Dossier introuvable' }],
      }),
    );
    await buttonNamed(wrapper, 'Attribuer').trigger('click');
    await flushPromises();
    await buttonNamed(wrapper, 'Confirmer l’attribution').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="distribution-outcome"]').text()).toBe(
      'Attribution refusée : Certains dossiers sont introuvables (GIRARD Gaëlle). Aucun jeune n’a été attribué.',
    );
    expect(wrapper.get('[data-testid="selection-count"]').text()).toBe('3 jeunes sélectionnés'); // kept, to try again
  });

  it('transfers a case to another platform with a reason, both checked first', async () => {
    const wrapper = await mountView();
    const david = listed[0]!;
    await wrapper.findAll('[data-testid="distribution-row"]')[0]!.get('button').trigger('click');
    await flushPromises();
    const panel = () => wrapper.get('[data-testid="transfer-panel"]');
    expect(panel().get('h2').text()).toBe('Transférer le dossier de DUMONT David');
    expect(document.activeElement?.id).toBe('transfer-title');
    expect(
      panel()
        .findAll('#transfer-platform option')
        .map((option) => option.text()),
    ).toEqual(['Choisir une plateforme', 'PSAD Var (Var, académie de Nice)']);

    await panel().trigger('submit');
    await flushPromises();
    expect(wrapper.get('#transfer-platform-error').text()).toBe('Plateforme à choisir dans la liste');
    expect(wrapper.find('#transfer-reason-message').text()).toBe('Le motif du transfert est obligatoire');
    expect(api.post).not.toHaveBeenCalled();

    await panel().get('#transfer-platform').setValue(SUD.id);
    await panel().get('#transfer-reason').setValue('Déménagement dans le Var');
    api.post.mockResolvedValueOnce({ platformId: SUD.id, version: 12 });
    await panel().trigger('submit');
    await flushPromises();
    expect(api.post).toHaveBeenCalledWith(
      `/api/cases/${david.id}/transfer`,
      { platformId: SUD.id, reason: 'Déménagement dans le Var' },
      expect.anything(),
    );
    expect(wrapper.find('[data-testid="transfer-panel"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="distribution-outcome"]').text()).toBe(
      'Le dossier de DUMONT David est transféré à PSAD Var (Var, académie de Nice) : il quitte les appareils de la ' +
        'plateforme à leur prochaine synchronisation.',
    );
  });

  it('closes the transfer with Annuler, focus back on its button', async () => {
    const wrapper = await mountView();
    const david = listed[0]!;
    await wrapper.get(`#distribution-transfer-${david.id}`).trigger('click');
    await flushPromises();
    await buttonNamed(wrapper.get('[data-testid="transfer-panel"]'), 'Annuler').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="transfer-panel"]').exists()).toBe(false);
    expect(document.activeElement?.id).toBe(`distribution-transfer-${david.id}`);
  });

  it('says plainly that the list needs the network', async () => {
    api.get.mockRejectedValue(new ApiFailure('offline', 'Pas de réseau'));
    const wrapper = await mountView();
    expect(wrapper.text()).toContain('Connexion au réseau nécessaire');
    expect(wrapper.text()).toContain('la liste des jeunes à répartir ne se consulte qu’en ligne');
    expect(wrapper.find('[data-testid="distribution-table"]').exists()).toBe(false);
  });
});
