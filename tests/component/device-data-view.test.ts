import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeDraft } from '../../src/app/db/drafts';
import { buildEmergencyExport } from '../../src/app/db/export';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { createRecord } from '../../src/app/db/records';
import { persistence } from '../../src/app/pwa/persistent-storage';
import { ApiFailure } from '../../src/app/sync/api-client';
import DeviceDataView from '../../src/app/views/DeviceDataView.vue';
import { blankYoungPerson } from '../../src/domain/young-person';

const syncNow = vi.fn();
vi.mock('../../src/app/stores/sync', () => ({
  useSyncStore: () => ({ syncNow, lastSyncAt: '2026-03-05T13:02:00.000Z' }),
}));
const post = vi.fn();
vi.mock('../../src/app/sync/api', () => ({ api: { post: (...args: unknown[]) => post(...args), get: vi.fn() } }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const DEVICE = '3c9d2e1f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const MB = 1024 * 1024;

/** navigator.storage as a browser that has not granted persistence yet, and grants it when asked. */
function fakeStorageManager(grants: boolean) {
  let persisted = false;
  const manager = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => {
      persisted = grants;
      return grants;
    }),
    estimate: vi.fn(async () => ({ usage: 12.34 * MB, quota: 1536 * MB })),
  };
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
  return manager;
}

async function mountView() {
  setActivePinia(createPinia());
  const wrapper = mount(DeviceDataView, { global: { stubs: { RouterLink: RouterLinkStub } }, attachTo: document.body });
  await vi.waitFor(() => expect(wrapper.find('[data-testid="device-counts"]').exists()).toBe(true));
  await flushPromises();
  return wrapper;
}

const buttonNamed = (wrapper: Awaited<ReturnType<typeof mountView>>, label: string) =>
  wrapper.findAll('button').find((button) => button.text() === label)!;

async function chooseFile(wrapper: Awaited<ReturnType<typeof mountView>>, text: string) {
  const input = wrapper.get('#emergency-import-file');
  Object.defineProperty(input.element, 'files', {
    value: [new File([text], 'secours.json', { type: 'application/json' })],
    configurable: true,
  });
  await input.trigger('change');
  await vi.waitFor(() =>
    expect(
      wrapper.find('[data-testid="import-result"]').exists() || wrapper.find('#emergency-import-error').exists(),
    ).toBe(true),
  );
}

describe('the "Données sur cet appareil" screen', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: DEVICE, agentId: AGENT, nextSeq: 1 });
    await writeMeta(appDb, 'session', {
      token: 't',
      expiresAt: '2026-12-31T00:00:00.000Z',
      agent: {
        id: AGENT,
        displayName: 'Camille Durand',
        email: 'c@example.org',
        role: 'conseiller',
        platformId: PLATFORM,
        platformName: 'PSAD',
      },
    });
    syncNow.mockClear();
    post.mockReset();
    persistence.value = 'unknown';
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'storage');
    document.body.innerHTML = '';
  });

  it('shows the persistence, the space in Mo, what the device holds, its id and last sync', async () => {
    const manager = fakeStorageManager(true);
    await createRecord(appDb, 'youngPerson', {
      ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
      lastName: 'Durand',
      firstNames: 'Zoé',
      birthDate: '2009-01-01',
    });
    await writeDraft(appDb, 'meeting:x:entretien', { notes: 'Veut un CAP' });
    const wrapper = await mountView();

    expect(wrapper.get('h1').text()).toBe('Données sur cet appareil');
    expect(wrapper.get('[data-testid="persistence-status"]').text()).toBe('Stockage persistant non accordé');
    expect(wrapper.get('[data-testid="storage-estimate"]').text()).toContain('12,3 Mo');
    expect(wrapper.get('[data-testid="storage-estimate"]').text()).toMatch(/1\s523,7 Mo/);
    const counts = wrapper.get('[data-testid="device-counts"]').text();
    expect(counts).toContain('Jeunes1');
    expect(counts).toContain('Modifications en attente d’envoi1');
    expect(counts).toContain('Brouillons de saisie1');
    expect(wrapper.get('[data-testid="device-identity"]').text()).toContain(DEVICE);
    expect(wrapper.get('[data-testid="device-identity"]').text()).toContain('05/03/2026');
    expect(wrapper.text()).toContain('Safari efface les données d’un site après 7 jours sans l’utiliser');

    await buttonNamed(wrapper, 'Demander le stockage persistant').trigger('click');
    await flushPromises();
    expect(manager.persist).toHaveBeenCalledOnce();
    expect(wrapper.get('[data-testid="persistence-status"]').text()).toBe('Stockage persistant accordé');
    expect(wrapper.text()).not.toContain('Demander le stockage persistant');
    wrapper.unmount();
  });

  it('says so where the browser cannot keep the storage or tell the space', async () => {
    const wrapper = await mountView();
    expect(wrapper.get('[data-testid="persistence-status"]').text()).toBe(
      'Ce navigateur ne permet pas de demander un stockage persistant',
    );
    expect(wrapper.text()).toContain('Ce navigateur n’indique pas l’espace utilisé.');
    wrapper.unmount();
  });

  it('saves what is not synced to a JSON file', async () => {
    fakeStorageManager(false);
    await writeDraft(appDb, 'meeting:x:entretien', { notes: 'Veut un CAP' });
    const saved: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:secours';
    });
    let downloadName = '';
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloadName = this.download;
    });
    const wrapper = await mountView();
    await buttonNamed(wrapper, 'Exporter les modifications non synchronisées').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="export-result"]').exists()).toBe(true));

    expect(downloadName).toMatch(/^raccroche-secours-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const file = JSON.parse(await saved[0]!.text());
    expect(file).toMatchObject({ deviceId: DEVICE, agentId: AGENT, agentName: 'Camille Durand', mutations: [] });
    expect(file.drafts).toHaveLength(1);
    expect(wrapper.get('[data-testid="export-result"]').text()).toContain('0 modification et 1 brouillon enregistrés');
    createObjectURL.mockRestore();
    click.mockRestore();
    wrapper.unmount();
  });

  it('imports a file of this device back (missing changes only) and syncs; refuses others with a French reason', async () => {
    fakeStorageManager(false);
    const person = { ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT), lastName: 'Durand' };
    await createRecord(appDb, 'youngPerson', { ...person, firstNames: 'Zoé', birthDate: '2009-01-01' });
    const file = await buildEmergencyExport(appDb, 'test');
    await appDb.outbox.clear();
    const wrapper = await mountView();

    await chooseFile(wrapper, JSON.stringify(file));
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain('1 modification remise en attente d’envoi');
    expect(await appDb.outbox.count()).toBe(1);
    expect(syncNow).toHaveBeenCalledOnce();

    await chooseFile(wrapper, JSON.stringify({ ...file, agentId: crypto.randomUUID(), agentName: 'Karim Benali' }));
    const input = wrapper.get('#emergency-import-file');
    expect(wrapper.get('#emergency-import-error').text()).toBe(
      'Ce fichier de secours appartient à un autre compte (Karim Benali) : il ne peut pas être importé ici',
    );
    expect(input.attributes('aria-describedby')).toBe('emergency-import-error');
    expect(input.attributes('aria-invalid')).toBe('true');

    await chooseFile(wrapper, 'pas du JSON');
    expect(wrapper.get('#emergency-import-error').text()).toBe(
      "Ce fichier n'est pas un fichier de secours de Raccroche (contenu illisible)",
    );
    expect(await appDb.outbox.count()).toBe(1);
    wrapper.unmount();
  });

  it('replays the file of another tablet of the same adviser through the endpoint, and lists what it refuses', async () => {
    fakeStorageManager(false);
    const person = { ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT), lastName: 'Durand' };
    await createRecord(appDb, 'youngPerson', { ...person, firstNames: 'Zoé', birthDate: '2009-01-01' });
    await createRecord(appDb, 'youngPerson', { ...person, id: crypto.randomUUID(), firstNames: 'Léa' });
    const otherTablet = crypto.randomUUID();
    const exported = await buildEmergencyExport(appDb, 'test');
    const file = {
      ...exported,
      deviceId: otherTablet,
      mutations: exported.mutations.map((mutation) => ({ ...mutation, deviceId: otherTablet })),
    };
    await appDb.outbox.clear();
    const [first, second] = file.mutations;
    post.mockResolvedValueOnce({
      results: [
        { seq: first!.seq, mutationId: first!.mutationId, status: 'applied', version: 12 },
        { seq: second!.seq, mutationId: second!.mutationId, status: 'rejected', reason: 'Fiche invalide' },
      ],
      lastSeq: 2,
    });
    const wrapper = await mountView();

    await chooseFile(wrapper, JSON.stringify(file));
    expect(post).toHaveBeenCalledOnce();
    expect(post.mock.calls[0]![0]).toBe('/api/sync/replay');
    expect(post.mock.calls[0]![1]).toMatchObject({
      deviceId: otherTablet,
      mutations: [
        { seq: 1, op: 'create' },
        { seq: 2, op: 'create' },
      ],
    });
    expect(wrapper.get('[data-testid="import-result"]').text()).toContain(
      '1 modification enregistrée par le serveur (celles qu’il avait déjà reçues ne sont pas appliquées une seconde fois)',
    );
    const refused = wrapper.get('[data-testid="import-refused"]');
    expect(refused.text()).toContain('1 modification refusée par le serveur');
    expect(refused.text()).toContain('Fiche du jeune : Fiche invalide');
    expect(refused.getComponent(RouterLinkStub).props('to')).toEqual({
      name: 'case-file',
      params: { id: second!.recordId },
    });
    expect(await appDb.outbox.count()).toBe(0); // another tablet's changes never enter this one's outbox
    expect(syncNow).toHaveBeenCalledOnce();

    post.mockRejectedValueOnce(new ApiFailure('offline', 'Pas de connexion au serveur'));
    await chooseFile(wrapper, JSON.stringify(file));
    expect(wrapper.get('#emergency-import-error').text()).toBe(
      'Pas de connexion au serveur : les modifications d’un autre appareil lui sont transmises. ' +
        'Importez le fichier à nouveau une fois connecté (rien ne sera appliqué deux fois).',
    );
    wrapper.unmount();
  });
});
