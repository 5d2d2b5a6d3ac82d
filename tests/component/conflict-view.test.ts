import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import CaseFileView from '../../src/app/views/CaseFileView.vue';
import ConflictView from '../../src/app/views/ConflictView.vue';
import type { Conflict } from '../../src/domain/conflict';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const syncNow = vi.fn();
vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const SOPHIE = '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const young: YoungPerson = {
  ...blankYoungPerson('5d0c7a3e-8b1f-4e2a-9c6d-0f1e2d3c4b5a', PLATFORM, CAMILLE),
  lastName: 'Martin',
  firstNames: 'Léa',
  birthDate: '2008-05-01',
  commune: 'Bron',
  phone: '06 39 98 11 11',
};

function conflict(overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: crypto.randomUUID(),
    youngPersonId: young.id,
    recordEntity: 'youngPerson',
    recordId: young.id,
    field: 'commune',
    keptValue: 'Bron',
    keptAuthorId: SOPHIE,
    otherValue: 'Vénissieux',
    otherAuthorId: CAMILLE,
    occurredAt: '2026-10-04T16:30:00.000Z',
    status: 'ouvert',
    resolution: '',
    resolvedValue: null,
    resolvedBy: '',
    resolvedAt: '',
    ...overrides,
  };
}

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().session = {
    token: 't',
    expiresAt: '2099-01-01T00:00:00.000Z',
    agent: {
      id: CAMILLE,
      displayName: 'Camille Durand',
      email: 'c@example.org',
      role: 'conseiller',
      platformId: PLATFORM,
      platformName: 'PSAD',
    },
  };
  const blank = defineComponent({ template: '<p>ailleurs</p>' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/conflits/:conflictId', name: 'conflict', component: ConflictView, props: true },
      { path: '/jeunes/:id', name: 'case-file', component: CaseFileView, props: true },
      { path: '/synchronisation', name: 'sync', component: blank },
      ...[
        ['/jeunes', 'caseload'],
        ['/jeunes/:id/modifier', 'young-person-edit'],
        ['/jeunes/:id/entretiens/nouveau', 'meeting-new'],
        ['/jeunes/:id/statut', 'status-change'],
        ['/jeunes/:id/cloture', 'case-close'],
        ['/jeunes/:id/historique', 'case-history'],
        ['/jeunes/:id/propositions/nouvelle', 'proposal-new'],
        ['/jeunes/:id/bilans/:bilanId', 'bilan'],
        ['/jeunes/:id/contrats/:contractId', 'contract'],
      ].map(([route, name]) => ({ path: route!, name: name!, component: blank })),
    ],
  });
  await router.push(path);
  const wrapper = mount(
    { template: '<RouterView />' },
    { global: { plugins: [pinia, router] }, attachTo: document.body },
  );
  await vi.waitFor(() => expect(wrapper.find('h1').exists()).toBe(true));
  return { wrapper, router };
}

async function seed(...conflicts: Conflict[]) {
  await appDb.youngPeople.add({ ...young, serverVersion: 12, serverUpdatedAt: '2026-10-04T16:30:00.000Z' });
  for (const item of conflicts) {
    await appDb.conflicts.add({ ...item, serverVersion: 13, serverUpdatedAt: '2026-10-04T16:30:00.000Z' });
  }
}

describe('the conflict screen', () => {
  beforeEach(async () => {
    syncNow.mockClear();
    document.body.innerHTML = '';
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: CAMILLE, nextSeq: 1 });
    await writeMeta(appDb, 'directory', {
      platform: null,
      agents: [
        { id: CAMILLE, displayName: 'Camille Durand', role: 'conseiller', structure: 'CIO', active: true },
        { id: SOPHIE, displayName: 'Sophie Lefèvre', role: 'coordinateur', structure: 'PSAD', active: true },
      ],
    });
  });

  it('shows the field, both values side by side with their authors, the clash time and the current value', async () => {
    const open = conflict();
    await seed(open);
    const { wrapper } = await mountAt(`/conflits/${open.id}`);
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Résoudre un conflit : Commune'));
    expect(wrapper.text()).toContain(
      'Deux modifications du champ « Commune » de MARTIN Léa se sont croisées le 04/10/2026',
    );
    expect(wrapper.get('[data-testid="conflict-current"]').text()).toBe('Valeur actuelle sur la fiche : Bron');
    await vi.waitFor(() => expect(wrapper.get('#conflict-kept-title').text()).toBe('Valeur de Sophie Lefèvre'));
    const kept = wrapper.get('[data-testid="conflict-kept"]');
    expect(kept.text()).toContain('Bron');
    expect(kept.text()).toContain('Saisie par Sophie Lefèvre');
    expect(kept.text()).toContain('C’est la valeur actuelle de la fiche.');
    const other = wrapper.get('[data-testid="conflict-other"]');
    expect(other.get('h2').text()).toBe('Ma valeur');
    expect(other.text()).toContain('Vénissieux');
    expect(other.text()).toContain('Saisie par vous');
    expect(other.get('button').text()).toBe('Garder cette valeur (Ma valeur)');
  });

  it('keeps the other value: shown at once, resolved in one mutation, then read-only', async () => {
    const open = conflict();
    await seed(open);
    const { wrapper } = await mountAt(`/conflits/${open.id}`);
    await vi.waitFor(() => expect(wrapper.find('#conflict-other-keep').exists()).toBe(true));
    await wrapper.get('#conflict-other-keep').trigger('click');
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Conflit résolu : Commune'));
    const outcome = wrapper.get('[data-testid="conflict-resolution"]');
    expect(outcome.text()).toMatch(/Résolu par vous le .* : l’autre valeur a été retenue\./);
    expect(outcome.text()).toContain('Valeur retenue : Vénissieux');
    await vi.waitFor(() => expect(document.activeElement).toBe(outcome.element));
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual([]);
    expect(wrapper.get('[data-testid="conflict-current"]').text()).toContain('Vénissieux');
    const entries = await appDb.outbox.orderBy('seq').toArray();
    // One mutation: the endpoint writes the chosen value with the resolution (the device shows it at once).
    expect(entries.map((entry) => [entry.entity, entry.payload])).toEqual([
      ['conflict', expect.objectContaining({ status: 'resolu', resolution: 'remplacee', resolvedValue: 'Vénissieux' })],
    ]);
    expect((await appDb.youngPeople.toArray())[0]?.commune).toBe('Vénissieux');
    expect(syncNow).toHaveBeenCalled();
  });

  it('takes a typed value only once it passes the field’s rules', async () => {
    const open = conflict({ field: 'phone', keptValue: '06 39 98 11 11', otherValue: '06 39 98 22 22' });
    await seed(open);
    const { wrapper } = await mountAt(`/conflits/${open.id}`);
    await vi.waitFor(() => expect(wrapper.find('#conflict-type-open').exists()).toBe(true));
    await wrapper.get('#conflict-type-open').trigger('click');
    await flushPromises();
    const input = wrapper.get('#conflict-typed-value');
    expect(document.activeElement).toBe(input.element);
    expect(wrapper.get('label[for="conflict-typed-value"]').text()).toContain('Téléphone');
    await input.setValue('12');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(input.attributes('aria-invalid')).toBe('true');
    const describedBy = input.attributes('aria-describedby') ?? '';
    expect(describedBy).not.toBe('');
    expect(wrapper.find(`[id="${describedBy.split(' ')[0]}"]`).text()).toMatch(/téléphone/i);
    expect(await appDb.outbox.count()).toBe(0);

    await input.setValue('06 39 98 33 33');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Conflit résolu : Téléphone'));
    expect(wrapper.get('[data-testid="conflict-resolution"]').text()).toContain('une autre valeur a été saisie');
    expect((await appDb.youngPeople.get(young.id))?.phone).toBe('06 39 98 33 33');
  });

  it('shows a conflict resolved elsewhere read-only, with who resolved it and how', async () => {
    const resolved = conflict({
      status: 'resolu',
      resolution: 'conservee',
      resolvedValue: 'Bron',
      resolvedBy: SOPHIE,
      resolvedAt: '2026-10-05T09:00:00.000Z',
    });
    await seed(resolved);
    const { wrapper } = await mountAt(`/conflits/${resolved.id}`);
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="conflict-resolution"]').text()).toMatch(
        /Résolu par Sophie Lefèvre le 05\/10\/2026 .* : la valeur enregistrée a été gardée\./,
      ),
    );
    expect(wrapper.findAll('button')).toHaveLength(0);
  });

  it('says when the conflict is not on the device', async () => {
    const { wrapper } = await mountAt(`/conflits/${crypto.randomUUID()}`);
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Conflit introuvable'));
  });

  it('lists the open conflicts of a case in its file, with a link to each', async () => {
    const open = conflict();
    await seed(open, conflict({ field: 'phone', status: 'resolu', resolution: 'conservee' }));
    const { wrapper, router } = await mountAt(`/jeunes/${young.id}`);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="case-conflicts"]').exists()).toBe(true));
    const box = wrapper.get('[data-testid="case-conflicts"]');
    expect(box.get('h2').text()).toBe('Un conflit à résoudre');
    expect(box.findAll('li')).toHaveLength(1);
    expect(box.text()).toContain('Commune : deux valeurs saisies en même temps');
    const link = box.get('a');
    expect(link.text()).toBe('Résoudre le conflit sur « Commune »');
    await link.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(`/conflits/${open.id}`));
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Résoudre un conflit : Commune'));
  });
});
