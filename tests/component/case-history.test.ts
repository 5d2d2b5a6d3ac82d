import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import CaseHistoryLink from '../../src/app/components/history/CaseHistoryLink.vue';
import { entryAction, eventDetail } from '../../src/app/components/history/history-text';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import { ApiFailure } from '../../src/app/sync/api-client';
import CaseHistoryView from '../../src/app/views/CaseHistoryView.vue';
import type { Agent } from '../../src/domain/auth-messages';
import type { CaseHistoryEntry } from '../../src/domain/audit-messages';
import { blankYoungPerson } from '../../src/domain/young-person';

const api = vi.hoisted(() => ({ get: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({
  api,
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const KARIM = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a02';
const SOPHIE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a03';
const TABLET = '3c9d2e1f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const young = {
  ...blankYoungPerson('5d0c7a3e-8b1f-4e2a-9c6d-0f1e2d3c4b5a', PLATFORM, CAMILLE),
  lastName: 'Martin',
  firstNames: 'Léa',
};

const write = (overrides: Partial<CaseHistoryEntry>): CaseHistoryEntry => ({
  at: '2026-10-05T08:00:00.000Z',
  source: 'mutation',
  action: 'update',
  entity: 'youngPerson',
  recordId: young.id,
  changes: {},
  status: 'applied',
  reason: null,
  agentId: CAMILLE,
  agentName: 'Camille Durand',
  deviceId: TABLET,
  deviceName: 'Chrome sur Android',
  ...overrides,
});
/** Newest first, as the endpoint answers. */
const ENTRIES: CaseHistoryEntry[] = [
  write({
    at: '2026-10-06T14:30:00.000Z',
    changes: { phone: '06 39 98 11 22' },
    status: 'rejected',
    reason: 'Téléphone : numéro invalide',
  }),
  write({
    at: '2026-10-06T09:15:00.000Z',
    changes: { commune: 'Bron', address: '3 rue Paul Bert' },
    status: 'conflict',
    agentName: 'Sophie Lefèvre',
    agentId: SOPHIE,
    deviceName: 'Firefox sur Windows',
  }),
  write({
    at: '2026-10-05T10:00:00.000Z',
    source: 'event',
    action: 'case_reassigned',
    changes: { from: KARIM, to: CAMILLE },
    status: null,
    agentName: 'Sophie Lefèvre',
    deviceName: 'Firefox sur Windows',
  }),
  write({
    at: '2026-10-01T07:00:00.000Z',
    action: 'create',
    entity: 'contactAttempt',
    changes: { channel: 'telephone' },
  }),
];

const agent = (id: string, role: Agent['role']): Agent => ({
  id,
  displayName: 'Quelqu’un',
  email: 'x@example.org',
  role,
  platformId: PLATFORM,
  platformName: 'PSAD',
});

async function mountAt(component: unknown, path: string, who: Agent, props: Record<string, unknown> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', agent: who };
  const blank = defineComponent({ template: '<p>ailleurs</p>' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/jeunes/:id', name: 'case-file', component: blank },
      { path: '/jeunes/:id/historique', name: 'case-history', component: blank },
      { path: '/ici', component: component as never, props: () => props },
    ],
  });
  await router.push(path);
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, router] } });
  await flushPromises();
  return wrapper;
}

describe('the history of a case', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await appDb.youngPeople.add({ ...young, serverVersion: 3, serverUpdatedAt: '2026-10-06T14:30:00.000Z' });
    await writeMeta(appDb, 'directory', {
      platform: { id: PLATFORM, name: 'PSAD', departement: 'Rhône', academie: 'Lyon' },
      agents: [
        { id: CAMILLE, displayName: 'Camille Durand', role: 'conseiller', structure: '', active: true },
        { id: KARIM, displayName: 'Karim Benali', role: 'mlds', structure: '', active: true },
      ],
    } as never);
    api.get.mockReset().mockResolvedValue({ caseId: young.id, entries: ENTRIES });
  });

  it('lists each write newest first: date, agent, device, kind, operation, fields and result', async () => {
    const wrapper = await mountAt(CaseHistoryView, '/ici', agent(SOPHIE, 'coordinateur'), { id: young.id });
    expect(api.get).toHaveBeenCalledWith(`/api/cases/${young.id}/history`, expect.anything());
    expect(wrapper.get('h1').text()).toBe('Historique des modifications');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Dossier de Léa MARTIN'));
    await vi.waitFor(() => expect(wrapper.text()).toContain('De Karim Benali à Camille Durand')); // names from the directory
    expect(wrapper.get('[data-testid="history-count"]').text()).toBe('4 écritures');

    const entries = wrapper.findAll('[data-testid="history-entry"]');
    const texts = entries.map((entry) => entry.findAll('p').map((line) => line.text()));
    expect(texts[0]).toEqual([
      expect.stringMatching(/^06\/10\/2026 \d\d:30$/),
      'Modification — Fiche du jeune',
      'Par Camille Durand, depuis « Chrome sur Android »',
      'Champs modifiés : Téléphone',
      'refusée : Téléphone : numéro invalide',
    ]);
    expect(entries[0]!.get('[data-testid="history-result"]').classes()).toContain('fr-badge--error');
    expect(texts[1]).toContain('Champs modifiés : Commune, Adresse');
    expect(texts[1]).toContain('appliquée avec conflit');
    expect(texts[2]).toEqual([
      expect.stringMatching(/^05\/10\/2026/),
      'Dossier attribué à un autre référent — Fiche du jeune',
      'Par Sophie Lefèvre, depuis « Firefox sur Windows »',
      'De Karim Benali à Camille Durand',
    ]);
    expect(texts[3]).toEqual([
      expect.stringMatching(/^01\/10\/2026/),
      'Création — Tentative de contact',
      'Par Camille Durand, depuis « Chrome sur Android »',
      'appliquée',
    ]);
  });

  it('says where a transferred case came from and went to, with the reason', () => {
    const transfer = write({
      at: '2026-10-05T10:00:00.000Z',
      source: 'event',
      action: 'case_transferred',
      changes: {
        fromPlatform: { id: PLATFORM, name: 'PSAD Lyon Centre' },
        toPlatform: { id: crypto.randomUUID(), name: 'PSAD Var' },
        reason: 'Déménagement dans le Var',
        previousReferent: KARIM,
      },
      status: null,
    });
    expect(entryAction(transfer)).toBe('Dossier transféré à une autre plateforme');
    expect(eventDetail(transfer, () => 'inconnu')).toBe(
      'De PSAD Lyon Centre à PSAD Var, motif : Déménagement dans le Var',
    );
  });

  it('says the history is not available to whom the endpoint refuses it, and that it needs the network', async () => {
    api.get.mockRejectedValue(
      new ApiFailure('client', 'Dossier introuvable', 404, { error: 'not_found', message: 'Dossier introuvable' }),
    );
    const refused = await mountAt(CaseHistoryView, '/ici', agent(KARIM, 'mlds'), { id: young.id });
    expect(refused.get('[data-testid="history-unavailable"]').text()).toContain('Historique non disponible');
    expect(refused.find('[data-testid="history-entry"]').exists()).toBe(false);

    api.get.mockRejectedValue(new ApiFailure('offline', 'Pas de connexion au serveur'));
    const offline = await mountAt(CaseHistoryView, '/ici', agent(SOPHIE, 'coordinateur'), { id: young.id });
    expect(offline.text()).toContain('Connexion au réseau nécessaire');
    expect(offline.text()).toContain('l’historique du dossier ne se consulte qu’en ligne');
  });

  it('is offered from the case file to the platform’s coordinator and the case’s referent only', async () => {
    const linkFor = async (who: Agent) => {
      const wrapper = await mountAt(CaseHistoryLink, '/ici', who, { youngPersonId: young.id, referentId: CAMILLE });
      return wrapper.find('a');
    };
    const link = await linkFor(agent(SOPHIE, 'coordinateur'));
    expect(link.text()).toBe('Historique des modifications');
    expect(link.attributes('href')).toBe(`/jeunes/${young.id}/historique`);
    expect((await linkFor(agent(CAMILLE, 'conseiller'))).exists()).toBe(true);
    expect((await linkFor(agent(KARIM, 'tuteur'))).exists()).toBe(false);
  });
});
