import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import BilanForm from '../../src/app/components/bilan/BilanForm.vue';
import BilanView from '../../src/app/views/BilanView.vue';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import { blankBilan, type Bilan } from '../../src/domain/bilan';
import { blankYoungPerson, todayIso } from '../../src/domain/young-person';

// Saving nudges the sync; these tests stay on the device.
vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const COLLEAGUE = '5d2c8e4f-0a1b-4c3d-9e8f-7a6b5c4d3e2f';
const PERSON = blankYoungPerson('3f8e2a41-7c5d-4b9e-a1f0-2d6c8b4e9a73', PLATFORM, AGENT);

let pinia: Pinia;
let mounted: VueWrapper | null = null;

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Attente trop longue : ${what}`);
}

function bilan(overrides: Partial<Bilan> = {}): Bilan {
  return {
    ...blankBilan({ id: crypto.randomUUID(), youngPersonId: PERSON.id, authorId: AGENT, date: '2026-03-02' }),
    ...overrides,
  };
}

async function mountForm(initial: Bilan, base: Bilan | null, draftKey = `bilan:new:${PERSON.id}`) {
  mounted = mount(BilanForm, {
    props: { bilan: initial, base, draftKey, agentId: AGENT },
    attachTo: document.body,
    global: { plugins: [pinia] },
  });
  await until(() => mounted!.find('form').exists(), 'le formulaire');
  return mounted;
}

async function mountView(bilanId: string): Promise<{ wrapper: VueWrapper; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/jeunes', name: 'caseload', component: { template: '<p>liste</p>' } },
      { path: '/jeunes/:id', name: 'case-file', component: { template: '<p>dossier</p>' } },
      { path: '/jeunes/:id/bilans/:bilanId', name: 'bilan', component: BilanView, props: true },
    ],
  });
  await router.push(`/jeunes/${PERSON.id}/bilans/${bilanId}`);
  mounted = mount({ template: '<RouterView />' }, { attachTo: document.body, global: { plugins: [pinia, router] } });
  await flushPromises();
  return { wrapper: mounted, router };
}

beforeEach(async () => {
  await Promise.all([appDb.bilans.clear(), appDb.drafts.clear(), appDb.outbox.clear(), appDb.youngPeople.clear()]);
  await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  await appDb.youngPeople.add({
    ...PERSON,
    lastName: 'Hoarau',
    firstNames: 'Maëlys',
    serverVersion: 3,
    serverUpdatedAt: null,
  });
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

describe('the bilan form validates in French', () => {
  it('asks for a valid date and a theme for every obstacle, and saves nothing', async () => {
    const wrapper = await mountForm(bilan(), null);
    await wrapper.get('#bilan-date').setValue('');
    await wrapper.get('#bilan-date').trigger('blur');
    expect(wrapper.get('#bilan-date-message').text()).toContain('Date invalide');

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Ajouter un frein')!
      .trigger('click');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#constraint-0-theme-error').text()).toBe('Thème à choisir');
    expect(wrapper.get('#constraint-0-theme').attributes('aria-describedby')).toBe('constraint-0-theme-error');
    expect(wrapper.get('[role="alert"]').text()).toMatch(/2 champs sont à corriger/);
    expect(wrapper.emitted('saved')).toBeUndefined();
    expect(await appDb.bilans.count()).toBe(0);
  });

  it('requires the recommendation to validate, not to save a draft', async () => {
    const wrapper = await mountForm(bilan(), null);
    await wrapper.get('#bilan-validate').trigger('click');
    await flushPromises();
    expect(wrapper.get('#bilan-recommendation-message').text()).toBe(
      'La préconisation est obligatoire pour valider le bilan',
    );
    expect(wrapper.find('#bilan-confirm-validation').exists()).toBe(false);

    await wrapper.get('form').trigger('submit');
    await until(() => wrapper.emitted('saved') !== undefined, 'l’enregistrement');
    expect(wrapper.find('#bilan-recommendation-message').exists()).toBe(false);
  });

  it('offers each skill as a labelled group of radio buttons on the skillLevel scale', async () => {
    const wrapper = await mountForm(bilan(), null);
    const legends = wrapper.findAll('fieldset.fr-segmented legend').map((legend) => legend.text());
    expect(legends).toEqual(['Français', 'Mathématiques', 'Numérique', 'Savoir-être']);
    await wrapper.get('#skill-maths-3').setValue(true);
    expect(wrapper.get('label[for="skill-maths-3"]').text()).toBe('Acquis');
    await wrapper.get('form').trigger('submit');
    await until(() => wrapper.emitted('saved') !== undefined, 'l’enregistrement');
    const [[saved]] = wrapper.emitted('saved') as [[Bilan]];
    expect(saved.skills).toEqual({ francais: '0', maths: '3', numerique: '0', savoirEtre: '0' });
  });
});

describe('the bilan form keeps every keystroke', () => {
  it('autosaves to IndexedDB and restores the text when it opens again', async () => {
    const key = `bilan:new:${PERSON.id}`;
    const initial = bilan();
    const first = await mountForm(initial, null, key);
    await first.get('#bilan-project').setValue('Devenir aide-soignante');
    await first.get('#skill-francais-4').setValue(true);
    await until(async () => {
      const saved = (await appDb.drafts.get(key))?.value as { record?: Bilan } | undefined;
      return saved?.record?.project === 'Devenir aide-soignante' && saved.record.skills.francais === '4';
    }, 'le brouillon');
    first.unmount();
    mounted = null;

    const second = await mountForm(bilan(), null, key);
    expect((second.get('#bilan-project').element as HTMLTextAreaElement).value).toBe('Devenir aide-soignante');
    expect((second.get('#skill-francais-4').element as HTMLInputElement).checked).toBe(true);
    expect(second.text()).toContain('Votre saisie non enregistrée a été restaurée.');
  });

  it('"Enregistrer le brouillon" stores the bilan with its outbox entry and removes the draft, together', async () => {
    const key = `bilan:new:${PERSON.id}`;
    const wrapper = await mountForm(bilan(), null, key);
    await wrapper.get('#bilan-recommendation').setValue('Micro-lycée');
    await until(async () => (await appDb.drafts.get(key)) !== undefined, 'le brouillon');
    await wrapper.get('form').trigger('submit');
    await until(() => wrapper.emitted('saved') !== undefined, 'l’enregistrement');
    const [[saved]] = wrapper.emitted('saved') as [[Bilan]];
    expect(await appDb.bilans.get(saved.id)).toMatchObject({ status: 'brouillon', recommendation: 'Micro-lycée' });
    expect(await appDb.outbox.toArray()).toMatchObject([{ entity: 'bilan', op: 'create', recordId: saved.id }]);
    expect(await appDb.drafts.get(key)).toBeUndefined();
  });

  it('validates after confirmation: status, date and validating agent; the case moves to "bilan"', async () => {
    const existing = bilan({ authorIds: [COLLEAGUE], recommendation: 'Action MLDS' });
    await appDb.bilans.add({ ...existing, serverVersion: 4, serverUpdatedAt: null });
    const wrapper = await mountForm(existing, existing, `bilan:${existing.id}`);
    await wrapper.get('#bilan-validate').trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('Une fois validé, le bilan est verrouillé');
    await wrapper.get('#bilan-confirm-validation').trigger('click');
    await until(() => wrapper.emitted('saved') !== undefined, 'la validation');
    expect(await appDb.bilans.get(existing.id)).toMatchObject({
      status: 'valide',
      validatedOn: todayIso(),
      validatedBy: AGENT,
      authorIds: [COLLEAGUE, AGENT],
    });
    const [entry] = await appDb.outbox.toArray();
    expect(entry).toMatchObject({ op: 'update', baseVersion: 4, event: { kind: 'bilanValidated' } });
    expect((await appDb.youngPeople.get(PERSON.id))?.status).toBe('bilan');
  });

  it('sends only the fields it changed: a colleague’s edit synced meanwhile is kept', async () => {
    const existing = bilan({ project: 'CAP cuisine' });
    await appDb.bilans.add({ ...existing, serverVersion: 4, serverUpdatedAt: null });
    const wrapper = await mountForm(existing, existing, `bilan:${existing.id}`);
    await appDb.bilans.update(existing.id, { project: 'CAP cuisine, stage trouvé', serverVersion: 5 });
    await wrapper.get('#bilan-recommendation').setValue('Retour en lycée professionnel');
    await wrapper.get('form').trigger('submit');
    await until(() => wrapper.emitted('saved') !== undefined, 'l’enregistrement');
    expect(await appDb.bilans.get(existing.id)).toMatchObject({
      project: 'CAP cuisine, stage trouvé',
      recommendation: 'Retour en lycée professionnel',
    });
  });
});

describe('a validated bilan is locked', () => {
  it('is shown read-only, with no field to edit, and is amended by a new version that keeps it', async () => {
    const validated = bilan({
      recommendation: 'Micro-lycée',
      status: 'valide',
      validatedOn: '2026-03-02',
      validatedBy: AGENT,
    });
    await appDb.bilans.add({ ...validated, serverVersion: 2, serverUpdatedAt: null });
    const { wrapper, router } = await mountView(validated.id);
    await until(() => wrapper.find('[data-testid="bilan-locked"]').exists(), 'le bilan verrouillé');
    expect(wrapper.findAll('input, textarea, select')).toHaveLength(0);
    expect(wrapper.text()).toContain('Bilan validé et verrouillé');
    expect(wrapper.text()).toContain('Micro-lycée');

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Créer une nouvelle version')!
      .trigger('click');
    await until(() => router.currentRoute.value.params.bilanId !== validated.id, 'la nouvelle version');
    const next = await appDb.bilans.get(String(router.currentRoute.value.params.bilanId));
    expect(next).toMatchObject({
      number: 2,
      previousId: validated.id,
      status: 'brouillon',
      recommendation: 'Micro-lycée',
    });
    expect(await appDb.bilans.get(validated.id)).toMatchObject({ status: 'valide', serverVersion: 2 });

    await until(() => wrapper.find('#bilan-recommendation').exists(), 'le formulaire de la version 2');
    expect(wrapper.text()).toContain('version 2');
    const versions = wrapper.get('nav[aria-labelledby="bilan-versions-title"]');
    expect(versions.findAll('li')).toHaveLength(2);
    expect(versions.get('[aria-current="page"]').text()).toContain('Version 2');
  });

  it('keeps text typed for a bilan validated meanwhile, and turns it into a new version', async () => {
    const validated = bilan({
      recommendation: 'Micro-lycée',
      status: 'valide',
      validatedOn: '2026-03-02',
      validatedBy: COLLEAGUE,
    });
    await appDb.bilans.add({ ...validated, serverVersion: 2, serverUpdatedAt: null });
    const typed = { ...validated, status: 'brouillon', project: 'Projet précisé en entretien' };
    await appDb.drafts.put({
      key: `bilan:${validated.id}`,
      value: { record: typed, base: { ...validated, status: 'brouillon' } },
      savedAt: new Date().toISOString(),
    });
    const { wrapper, router } = await mountView(validated.id);
    await until(() => wrapper.text().includes('Votre saisie non enregistrée'), 'la saisie conservée');
    expect(wrapper.text()).toContain('Projet précisé en entretien');
    expect(wrapper.findAll('input, textarea, select')).toHaveLength(0);

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'En faire une nouvelle version')!
      .trigger('click');
    await until(() => router.currentRoute.value.params.bilanId !== validated.id, 'la nouvelle version');
    const next = await appDb.bilans.get(String(router.currentRoute.value.params.bilanId));
    expect(next).toMatchObject({ number: 2, previousId: validated.id, project: 'Projet précisé en entretien' });
    expect(await appDb.drafts.get(`bilan:${validated.id}`)).toBeUndefined();
    expect(await appDb.bilans.get(validated.id)).toMatchObject({ status: 'valide', project: '' });
  });
});
