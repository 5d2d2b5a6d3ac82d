import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiFailure } from '../../src/app/sync/api-client';
import CatalogueManagementView from '../../src/app/views/CatalogueManagementView.vue';
import type { ManagedSolution } from '../../src/domain/catalogue-messages';
import type { Solution } from '../../src/domain/solution';

const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn(), patch: vi.fn(), download: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({ api }));
const syncNow = vi.hoisted(() => vi.fn());
vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';

function managed(overrides: Partial<Solution>, placesTaken = 0, version = 3): ManagedSolution {
  return {
    solution: {
      id: crypto.randomUUID(),
      platformId: PLATFORM,
      type: 'apprentissage',
      name: 'CAP Cuisine – CFA des métiers (fictif)',
      structure: 'CFA des métiers (fictif)',
      uai: '',
      siret: '',
      address: '',
      postalCode: '69009',
      commune: 'Lyon 9e',
      levels: ['niveau_3'],
      domains: ['Cuisine'],
      placesTotal: 12,
      period: '',
      contact: '',
      description: '',
      active: true,
      ...overrides,
    },
    version,
    placesTaken,
    updatedAt: '2026-10-01T08:00:00.000Z',
  };
}

const cuisine = managed({}, 8);
const microLycee = managed({ type: 'structure_retour', name: 'Micro-lycée de Lyon (fictif)', commune: 'Lyon 3e' }, 2);
const closed = managed({ type: 'e2c', name: 'E2C Vénissieux (fictif)', commune: 'Vénissieux', active: false }, 0);
let entries: ManagedSolution[] = [];

async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const stub = { template: '<p>écran</p>' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/catalogue', name: 'catalogue', component: stub },
      { path: '/catalogue/gestion', name: 'catalogue-management', component: CatalogueManagementView },
    ],
  });
  await router.push('/catalogue/gestion');
  const wrapper = mount(CatalogueManagementView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountView>>;

const buttonNamed = (within: Pick<Wrapper, 'findAll'>, label: string) =>
  within.findAll('button').find((button) => button.text() === label);
const errorOf = (wrapper: Wrapper, id: string) => wrapper.find(`#${id}-message, #${id}-error`);
const names = (wrapper: Wrapper) => wrapper.findAll('[data-testid="managed-solution"] h3').map((h) => h.text());

describe('the catalogue management screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    entries = [cuisine, microLycee, closed];
    api.get.mockReset().mockImplementation(async () => ({ solutions: entries }));
    api.post.mockReset();
    api.patch.mockReset();
    syncNow.mockReset();
  });

  it('lists every entry with its places taken against capacity, and searches and filters them', async () => {
    const wrapper = await mountView();
    expect(api.get).toHaveBeenCalledWith('/api/catalogue', expect.anything());
    expect(names(wrapper)).toEqual([cuisine.solution.name, microLycee.solution.name, closed.solution.name]);
    const places = wrapper.findAll('[data-testid="places-taken"]').map((badge) => badge.text());
    expect(places).toEqual(['8 places prises sur 12', '2 places prises sur 12', 'Aucune place prise sur 12']);
    expect(wrapper.findAll('[data-testid="managed-solution"]')[2]!.text()).toContain('Retirée');
    expect(wrapper.text()).toContain('2 solutions proposées sur 3');

    await wrapper.get('#catalogue-search').setValue('lyon 3');
    expect(names(wrapper)).toEqual([microLycee.solution.name]);
    await wrapper.get('#catalogue-search').setValue('');
    await wrapper.get('#catalogue-shown').setValue('inactive');
    expect(names(wrapper)).toEqual([closed.solution.name]);
  });

  it('checks a new entry field by field in French, then creates it and says devices will receive it', async () => {
    const wrapper = await mountView();
    await buttonNamed(wrapper, 'Ajouter une solution')!.trigger('click');
    const form = wrapper.get('[data-testid="solution-form"]');
    await form.trigger('submit');
    await flushPromises();
    expect(errorOf(wrapper, 'solution-type').text()).toBe('Type de solution à choisir');
    expect(errorOf(wrapper, 'solution-name').text()).toBe('Le nom est obligatoire');
    expect(wrapper.get('[data-testid="solution-form-summary"]').text()).toBe('2 champs sont à corriger.');
    expect(document.activeElement?.id).toBe('solution-type');

    await wrapper.get('#solution-uai').setValue('123');
    await wrapper.get('#solution-uai').trigger('blur');
    await wrapper.get('#solution-siret').setValue('1234');
    await wrapper.get('#solution-siret').trigger('blur');
    await wrapper.get('#solution-placesTotal').setValue('');
    await wrapper.get('#solution-placesTotal').trigger('blur');
    expect(errorOf(wrapper, 'solution-uai').text()).toBe('UAI invalide : 7 chiffres et une lettre');
    expect(errorOf(wrapper, 'solution-siret').text()).toBe('SIRET invalide : 14 chiffres');
    expect(errorOf(wrapper, 'solution-placesTotal').text()).toBe('Nombre de places à indiquer (0 si non précisé)');
    expect(api.post).not.toHaveBeenCalled();

    await wrapper.get('#solution-type').setValue('service_civique');
    await wrapper.get('#solution-name').setValue('Service civique – Solidarité (fictif)');
    await wrapper.get('#solution-uai').setValue('0691234a');
    await wrapper.get('#solution-siret').setValue('130 000 000 00012');
    await wrapper.get('#solution-placesTotal').setValue('6');
    await wrapper.get('#solution-domains').setValue('Solidarité, Sport ; Culture');
    await wrapper.get('#solution-level-niveau_4').setValue(true);
    await wrapper.get('#solution-level-infra_3').setValue(true);
    expect(errorOf(wrapper, 'solution-uai').exists()).toBe(false);

    const created = managed({ type: 'service_civique', name: 'Service civique – Solidarité (fictif)' });
    api.post.mockImplementationOnce(async () => {
      entries = [...entries, created];
      return { solution: created };
    });
    await wrapper.get('[data-testid="solution-form"]').trigger('submit');
    await flushPromises();
    expect(api.post).toHaveBeenCalledWith(
      '/api/catalogue',
      expect.objectContaining({
        type: 'service_civique',
        name: 'Service civique – Solidarité (fictif)',
        uai: '0691234A',
        siret: '13000000000012',
        placesTotal: 6,
        domains: ['Solidarité', 'Sport', 'Culture'],
        levels: ['infra_3', 'niveau_4'],
        active: true,
      }),
      expect.anything(),
    );
    expect(wrapper.find('[data-testid="solution-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="catalogue-outcome"]').text()).toBe(
      'La solution « Service civique – Solidarité (fictif) » est ajoutée au catalogue. ' +
        'Les tablettes des conseillers la recevront à leur prochaine synchronisation.',
    );
    expect(names(wrapper)).toContain(created.solution.name);
    expect(syncNow).toHaveBeenCalled();
  });

  it('sends only the fields changed, from the version read; the endpoint’s refusals land on their fields', async () => {
    const wrapper = await mountView();
    await buttonNamed(wrapper.findAll('[data-testid="managed-solution"]')[0]!, 'Modifier')!.trigger('click');
    expect(wrapper.get('#solution-name').element).toHaveProperty('value', cuisine.solution.name);
    await wrapper.get('#solution-placesTotal').setValue('14');
    await wrapper.get('#solution-commune').setValue('Lyon 8e');

    api.patch.mockRejectedValueOnce(
      new ApiFailure('client', 'Requête invalide', 400, {
        error: 'invalid_request',
        message: 'Requête invalide',
        issues: [{ path: 'changes.commune', message: '100 caractères au maximum' }],
      }),
    );
    await wrapper.get('[data-testid="solution-form"]').trigger('submit');
    await flushPromises();
    expect(api.patch).toHaveBeenCalledWith(
      `/api/catalogue/${cuisine.solution.id}`,
      { baseVersion: 3, changes: { commune: 'Lyon 8e', placesTotal: 14 } },
      expect.anything(),
    );
    expect(errorOf(wrapper, 'solution-commune').text()).toBe('100 caractères au maximum');

    // A colleague changed the capacity meanwhile: said, and the entry read again.
    api.patch.mockRejectedValueOnce(
      new ApiFailure('client', 'Un collègue a modifié cette solution entre-temps', 409, {
        error: 'edited_meanwhile',
        message: 'Un collègue a modifié cette solution entre-temps',
        issues: [{ path: 'changes.placesTotal', message: 'Modifié entre-temps par un collègue' }],
      }),
    );
    const readsBefore = api.get.mock.calls.length;
    await wrapper.get('[data-testid="solution-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="solution-failure"]').text()).toBe(
      'Un collègue a modifié cette solution entre-temps (Places offertes). ' +
        'Elle a été relue : vérifiez ces champs puis enregistrez à nouveau.',
    );
    expect(api.get.mock.calls.length).toBe(readsBefore + 1);
  });

  it('takes an entry out of the catalogue after a confirmation, and puts it back', async () => {
    const wrapper = await mountView();
    const item = () => wrapper.findAll('[data-testid="managed-solution"]')[0]!;
    await buttonNamed(item(), 'Retirer du catalogue')!.trigger('click');
    await flushPromises();
    expect(item().text()).toContain('Elle ne sera plus proposée pour de nouvelles propositions');
    expect(document.activeElement?.textContent).toContain('Confirmer le retrait');
    await buttonNamed(item(), 'Annuler')!.trigger('click');
    await flushPromises();
    expect(document.activeElement?.textContent).toContain('Retirer du catalogue');
    expect(api.patch).not.toHaveBeenCalled();

    await buttonNamed(item(), 'Retirer du catalogue')!.trigger('click');
    api.patch.mockImplementationOnce(async () => {
      entries = [{ ...cuisine, version: 4, solution: { ...cuisine.solution, active: false } }, microLycee, closed];
      return { solution: entries[0] };
    });
    await buttonNamed(item(), 'Confirmer le retrait')!.trigger('click');
    await flushPromises();
    expect(api.patch).toHaveBeenCalledWith(
      `/api/catalogue/${cuisine.solution.id}`,
      { baseVersion: 3, changes: { active: false } },
      expect.anything(),
    );
    expect(wrapper.get('[data-testid="catalogue-outcome"]').text()).toBe(
      `« ${cuisine.solution.name} » est retirée du catalogue : elle ne sera plus proposée.`,
    );
    expect(item().text()).toContain('Retirée');
    expect(buttonNamed(item(), 'Proposer à nouveau')).toBeDefined();
  });

  it('says plainly that it needs the network when the device has none', async () => {
    api.get.mockReset().mockRejectedValue(new ApiFailure('offline', 'Pas de réseau'));
    const wrapper = await mountView();
    expect(wrapper.text()).toContain('Connexion au réseau nécessaire');
    expect(wrapper.text()).toContain('le catalogue de la plateforme ne se consulte qu’en ligne');
    expect(wrapper.find('[data-testid="managed-solution"]').exists()).toBe(false);
  });
});
