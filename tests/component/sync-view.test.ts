import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, reactive } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import SyncStatusBar from '../../src/app/components/sync/SyncStatusBar.vue';
import type { OutboxEntry } from '../../src/app/db/database';
import { appDb } from '../../src/app/db/instance';
import { readMeta, writeMeta } from '../../src/app/db/meta';
import { createRecord, updateRecord } from '../../src/app/db/records';
import SyncView from '../../src/app/views/SyncView.vue';
import type { Conflict } from '../../src/domain/conflict';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const sync = vi.hoisted(() => ({
  state: null as null | Record<string, unknown>,
}));
vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => sync.state }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const SOPHIE = '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const young: YoungPerson = {
  ...blankYoungPerson('5d0c7a3e-8b1f-4e2a-9c6d-0f1e2d3c4b5a', PLATFORM, CAMILLE),
  lastName: 'Martin',
  firstNames: 'Léa',
  birthDate: '2008-05-01',
};

const conflict: Conflict = {
  id: '7e6d5c4b-3a29-4817-8f6e-5d4c3b2a1908',
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
};

function syncState(overrides: Record<string, unknown> = {}) {
  return reactive({
    phase: 'idle',
    lastError: null,
    pendingCount: 0,
    oldestPendingAt: null,
    rejected: [] as OutboxEntry[],
    lastSyncAt: '2026-10-05T07:45:00.000Z',
    syncNow: vi.fn(),
    ...overrides,
  });
}

async function mountAt(path: string, component = SyncView) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const blank = defineComponent({ template: '<p>ailleurs</p>' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/synchronisation', name: 'sync', component },
      { path: '/', name: 'home', component },
      { path: '/conflits/:conflictId', name: 'conflict', component: blank },
      { path: '/jeunes/:id', name: 'case-file', component: blank },
      { path: '/jeunes/:id/modifier', name: 'young-person-edit', component: blank },
    ],
  });
  await router.push(path);
  const wrapper = mount(
    { template: '<RouterView />' },
    { global: { plugins: [pinia, router] }, attachTo: document.body },
  );
  return { wrapper, router };
}

describe('the synchronisation indicator and its detail', () => {
  beforeEach(async () => {
    document.body.innerHTML = '';
    sync.state = syncState();
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: CAMILLE, nextSeq: 1 });
    await appDb.youngPeople.add({ ...young, serverVersion: 4, serverUpdatedAt: '2026-10-01T08:00:00.000Z' });
  });

  it('says synced, pending since when, offline or in error, with refused changes and conflicts, and opens the detail', async () => {
    const { wrapper, router } = await mountAt('/', SyncStatusBar);
    const bar = () => wrapper.get('section');
    expect(bar().find('.fr-badge').text()).toBe('Synchronisé');
    expect(wrapper.get('[data-testid="sync-pending"]').text()).toBe('Aucune modification en attente');
    expect(wrapper.get('[data-testid="sync-last"]').text()).toMatch(/^Dernière synchronisation : 05\/10\/2026/);

    Object.assign(sync.state!, { pendingCount: 3, oldestPendingAt: '2026-10-05T06:00:00.000Z' });
    await vi.waitFor(() => expect(bar().find('.fr-badge').text()).toBe('Modifications en attente'));
    expect(wrapper.get('[data-testid="sync-pending"]').text()).toMatch(
      /^3 modifications en attente \(depuis le 05\/10\/2026/,
    );
    Object.assign(sync.state!, { phase: 'offline' });
    await vi.waitFor(() => expect(bar().find('.fr-badge').text()).toBe('Hors ligne'));
    Object.assign(sync.state!, { phase: 'error', lastError: 'Erreur du serveur (500)' });
    await vi.waitFor(() => expect(bar().find('.fr-badge').text()).toBe('Erreur de synchronisation'));
    expect(bar().get('[role="alert"]').text()).toBe('Erreur du serveur (500)');

    Object.assign(sync.state!, { rejected: [{ seq: 1 }, { seq: 2 }] });
    await appDb.conflicts.add({ ...conflict, serverVersion: 5, serverUpdatedAt: conflict.occurredAt });
    await vi.waitFor(() => expect(wrapper.get('[data-testid="sync-conflicts"]').text()).toBe('1 conflit à résoudre'));
    expect(wrapper.get('[data-testid="sync-refused"]').text()).toBe('2 modifications refusées');

    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['Synchroniser']);
    await buttons[0]!.trigger('click');
    expect(sync.state!.syncNow).toHaveBeenCalled();
    await wrapper.get('a').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('sync'));
  });

  it('lists pending changes by record, refused ones with their reason, and conflicts to resolve', async () => {
    await updateRecord(appDb, 'youngPerson', { ...young, commune: 'Lyon' });
    await updateRecord(appDb, 'youngPerson', { ...young, commune: 'Lyon', phone: '12' });
    await appDb.outbox.update(2, {
      state: 'rejected',
      reason: 'Modification invalide',
      issues: [{ path: 'phone', message: 'Numéro de téléphone invalide' }],
    });
    await appDb.conflicts.add({ ...conflict, serverVersion: 5, serverUpdatedAt: conflict.occurredAt });
    Object.assign(sync.state!, { pendingCount: 1 });

    const { wrapper, router } = await mountAt('/synchronisation');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="pending-change"]')).toHaveLength(1));
    expect(wrapper.get('h1').text()).toBe('Synchronisation');
    expect(wrapper.get('[data-testid="sync-last-success"]').text()).toMatch(/05\/10\/2026/);
    expect(wrapper.get('[data-testid="pending-change"]').text()).toMatch(
      /^MARTIN Léa — Fiche du jeune : Modification : Commune \(saisie le \d\d\/\d\d\/\d{4}/,
    );
    const refused = wrapper.get('[data-testid="refused-change"]');
    expect(refused.get('h3').text()).toBe('MARTIN Léa — Fiche du jeune');
    expect(refused.text()).toContain('Modification : Téléphone');
    expect(refused.text()).toContain('Refusée par le serveur : Modification invalide');
    expect(refused.text()).toContain('Téléphone : Numéro de téléphone invalide');
    expect(wrapper.get('[data-testid="conflict-to-resolve"]').text()).toMatch(
      /^MARTIN Léa — Commune, deux valeurs le 04\/10\/2026 .*\s+:\s+Résoudre le conflit sur « Commune » de MARTIN Léa$/,
    );

    await refused.get('a').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(`/jeunes/${young.id}/modifier`));
  });

  it('discards a refused change after confirming: its entry goes and the record waits to be fetched again', async () => {
    const created = {
      id: crypto.randomUUID(),
      youngPersonId: young.id,
      authorId: CAMILLE,
      occurredAt: '2026-10-05T08:00:00.000Z',
      channel: 'telephone',
      target: 'jeune',
      guardianName: '',
      result: 'joint',
      note: '',
    };
    await updateRecord(appDb, 'youngPerson', { ...young, phone: '12' });
    await createRecord(appDb, 'contactAttempt', created);
    await appDb.outbox.update(1, { state: 'rejected', reason: 'Modification invalide' });

    const { wrapper } = await mountAt('/synchronisation');
    await vi.waitFor(() => expect(wrapper.find('#refused-1-discard').exists()).toBe(true));
    await wrapper.get('#refused-1-discard').trigger('click');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('refused-1-confirm'));
    expect(wrapper.get('[data-testid="refused-change"]').text()).toContain(
      'Abandonner cette modification ? Elle sera effacée de cet appareil et la fiche reprendra la version du serveur.',
    );
    await wrapper.get('#refused-1-confirm').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="refused-change"]')).toHaveLength(0));
    expect(wrapper.get('[role="status"]').text()).toBe(
      'Modification abandonnée. La fiche reprend la version du serveur.',
    );
    expect(document.activeElement?.id).toBe('sync-refused-title');
    expect(await appDb.outbox.toArray()).toEqual([expect.objectContaining({ entity: 'contactAttempt' })]);
    expect(await readMeta(appDb, 'refresh')).toEqual([young.id]);
    expect(sync.state!.syncNow).toHaveBeenCalled();
  });

  it('says the record comes back with the network when the discard is made offline', async () => {
    await updateRecord(appDb, 'youngPerson', { ...young, phone: '12' });
    await appDb.outbox.update(1, { state: 'rejected', reason: 'Modification invalide' });
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { wrapper } = await mountAt('/synchronisation');
    await vi.waitFor(() => expect(wrapper.find('#refused-1-discard').exists()).toBe(true));
    await wrapper.get('#refused-1-discard').trigger('click');
    await wrapper.get('#refused-1-confirm').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.get('[role="status"]').text()).toBe(
        'Modification abandonnée. La fiche reprendra la version du serveur dès le retour du réseau.',
      ),
    );
    expect(await readMeta(appDb, 'refresh')).toEqual([young.id]);
    online.mockRestore();
  });

  it('cancels a discard and gives the focus back', async () => {
    await updateRecord(appDb, 'youngPerson', { ...young, phone: '12' });
    await appDb.outbox.update(1, { state: 'rejected', reason: 'Modification invalide' });
    const { wrapper } = await mountAt('/synchronisation');
    await vi.waitFor(() => expect(wrapper.find('#refused-1-discard').exists()).toBe(true));
    await wrapper.get('#refused-1-discard').trigger('click');
    const cancel = wrapper.findAll('button').find((b) => b.text() === 'Annuler')!;
    await cancel.trigger('click');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('refused-1-discard'));
    expect(await appDb.outbox.count()).toBe(1);
  });
});
