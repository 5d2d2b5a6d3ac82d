import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ImportApplyResponse, ImportPreviewResponse } from '../../src/domain/siei/messages';
import { ApiFailure } from '../../src/app/sync/api-client';
import ImportView from '../../src/app/views/ImportView.vue';
import REJETS from '../fixtures/siei/rejets.csv?raw';
import SANS_DATE from '../fixtures/siei/sans-date-de-naissance.csv?raw';

const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn(), patch: vi.fn(), download: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({ api }));

const CHEVALIER = '9a8b7c6d-0000-4000-8000-000000000012';
const COUNTS = { new: 1, update: 1, unchanged: 0, inSolution: 0, reopen: 0, duplicate: 0, rejected: 0 };

/** The endpoint's preview of rejets.csv's two good rows: Nathan is new, Manon is known. */
const PREVIEW: ImportPreviewResponse = {
  counts: COUNTS,
  rows: [
    { line: 9, category: 'new', caseId: null, fields: [], duplicateOf: null, reasons: [] },
    { line: 12, category: 'update', caseId: CHEVALIER, fields: ['phone', 'level'], duplicateOf: null, reasons: [] },
  ],
};
const RESULT: ImportApplyResponse = {
  importId: '00000000-0000-4000-8000-000000000000',
  counts: COUNTS,
  appliedAt: '2026-11-29T09:30:00.000Z',
  replayed: false,
};

async function mountImport() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/import', component: ImportView },
      { path: '/jeunes', component: defineComponent({ template: '<p>jeunes</p>' }) },
    ],
  });
  await router.push('/import');
  const wrapper = mount(
    { template: '<RouterView />' },
    { global: { plugins: [pinia, router] }, attachTo: document.body },
  );
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountImport>>;

/** Chooses a file of tests/fixtures/siei (UTF-8 ones: they come in as text). */
async function chooseFile(wrapper: Wrapper, name: string, text: string) {
  const input = wrapper.get('#import-file');
  Object.defineProperty(input.element, 'files', { value: [new File([text], name)], configurable: true });
  await input.trigger('change');
  await vi.waitFor(() =>
    expect(api.post.mock.calls.length > 0 || wrapper.find('#import-file-error').exists()).toBe(true),
  );
  await flushPromises();
}

const confirmButton = (wrapper: Wrapper) => wrapper.findAll('button').find((b) => b.text() === 'Confirmer l’import')!;
const cells = (wrapper: Wrapper, testId: string) =>
  wrapper.findAll(`[data-testid="${testId}"] tbody tr`).map((row) => row.findAll('td, th').map((cell) => cell.text()));

describe('the SIEI import screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    api.post.mockReset();
    Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
  });

  it('has a labelled CSV file input and the campaign of the month', async () => {
    const wrapper = await mountImport();
    expect(wrapper.get('h1').text()).toBe('Importer une liste SIEI');
    const input = wrapper.get('#import-file');
    expect(input.attributes('accept')).toBe('.csv,text/csv');
    expect(wrapper.get('label[for="import-file"]').text()).toContain('Fichier de la liste SIEI (CSV)');
    expect((wrapper.get('#import-campaign').element as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}$/);
  });

  it('reads the file, sends its rows for the preview, and shows every rejected row with its line and reason', async () => {
    api.post.mockResolvedValueOnce(PREVIEW);
    const wrapper = await mountImport();
    await wrapper.get('#import-campaign').setValue('2026-11');
    await chooseFile(wrapper, 'rejets.csv', REJETS);

    const [path, body] = api.post.mock.calls[0]!;
    expect(path).toBe('/api/imports/preview');
    expect(body.campaign).toBe('2026-11');
    expect(body.rows.map((row: { line: number; lastName: string }) => [row.line, row.lastName])).toEqual([
      [9, 'Bonnet'],
      [12, 'Chevalier'],
    ]);
    expect(body.rows[0]).not.toHaveProperty('ine'); // empty values are left out

    expect(wrapper.get('[data-testid="import-reading"]').text()).toContain('12 lignes lues');
    const rejected = cells(wrapper, 'import-rejected');
    expect(rejected.map(([line]) => line)).toEqual(['2', '3', '4', '5', '6', '7', '8', '10', '11', '13']);
    expect(rejected[0]).toEqual(['2', 'Martin Léa', 'Date de naissance « 31/02/2008 » : date impossible']);
    expect(rejected[1]).toEqual(['3', 'Paul', 'Nom manquant']);
    expect(wrapper.get('[data-testid="import-warnings"]').text()).toContain(
      'Ligne 9 – Sexe : valeur « X » ignorée (sexe non reconnu, F ou M attendu)',
    );
    expect(cells(wrapper, 'import-counts')).toContainEqual(['Lignes rejetées', '10']);
    expect(cells(wrapper, 'import-new')).toEqual([
      ['9', 'Bonnet Nathan', '14/07/2008', '', 'Nouveau dossier, non attribué'],
    ]);
    expect(cells(wrapper, 'import-update')[0]?.[4]).toBe('Téléphone, Niveau atteint');
  });

  it('confirms under one import id, sent again as is after a failure, and shows the result', async () => {
    api.post
      .mockResolvedValueOnce(PREVIEW)
      .mockRejectedValueOnce(new ApiFailure('offline', 'Pas de connexion au serveur'))
      .mockResolvedValueOnce(RESULT);
    const wrapper = await mountImport();
    await wrapper.get('#import-campaign').setValue('2026-11');
    await chooseFile(wrapper, 'rejets.csv', REJETS);

    await confirmButton(wrapper).trigger('click');
    await flushPromises();
    expect(wrapper.get('#import-confirm-error').text()).toContain('cette action demande le réseau');

    await confirmButton(wrapper).trigger('click');
    await flushPromises();
    const [first, second] = api.post.mock.calls.slice(1).map(([path, body]) => ({ path, body }));
    expect(first?.path).toBe('/api/imports');
    expect(first?.body).toMatchObject({ fileName: 'rejets.csv', campaign: '2026-11', rejectedInFile: 10 });
    expect(second?.body.importId).toBe(first?.body.importId);
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('1 dossier créé (à attribuer)');
  });

  it('says when the preview could not reach the endpoint, and tries again on demand', async () => {
    api.post
      .mockRejectedValueOnce(new ApiFailure('offline', 'Pas de connexion au serveur'))
      .mockResolvedValueOnce(PREVIEW);
    const wrapper = await mountImport();
    await chooseFile(wrapper, 'rejets.csv', REJETS);
    expect(wrapper.get('#import-preview-error').text()).toContain('cette action demande le réseau');

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Réessayer la vérification')!
      .trigger('click');
    await flushPromises();
    expect(api.post).toHaveBeenCalledTimes(2);
    expect(cells(wrapper, 'import-new')).toHaveLength(1);
  });

  it('refuses a file without the required columns, saying which', async () => {
    const wrapper = await mountImport();
    await chooseFile(wrapper, 'x.csv', SANS_DATE);
    expect(wrapper.get('#import-file-error').text()).toContain(
      'Colonnes obligatoires introuvables : « Date de naissance »',
    );
    expect(api.post).not.toHaveBeenCalled();
  });

  it('says the import needs the network when the device has none', async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    const wrapper = await mountImport();
    expect(wrapper.get('[data-testid="import-offline"]').text()).toContain('Connexion au réseau nécessaire');
    expect(wrapper.get('#import-file').attributes('disabled')).toBeDefined();
  });
});
