import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { createRecord, localChange } from '../../src/app/db/records';
import { useSessionStore } from '../../src/app/stores/session';
import CaseFileView from '../../src/app/views/CaseFileView.vue';
import { blankYoungPerson, todayIso, type YoungPerson } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

const yearsAgo = (years: number) => `${Number(todayIso().slice(0, 4)) - years}${todayIso().slice(4, 10)}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function person(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, CAMILLE),
    lastName: 'Hoarau',
    firstNames: 'Maëlys',
    birthDate: yearsAgo(16),
    phone: '06 39 98 00 01',
    email: 'maelys.hoarau@example.org',
    guardians: [{ relation: 'mere', name: 'Nadia Hoarau', phone: '06 39 98 00 02', email: '' }],
    lastSchoolName: 'Lycée professionnel Jean-Jaurès (fictif)',
    lastSchoolCommune: 'Vénissieux',
    formationLabel: 'CAP maintenance des véhicules',
    origin: 'siei',
    campaign: '2026-03',
    ...overrides,
  };
}

async function mountCaseFile(young: YoungPerson) {
  await createRecord(appDb, 'youngPerson', young);
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.session = {
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
      { path: '/jeunes', name: 'caseload', component: blank },
      { path: '/jeunes/:id', name: 'case-file', component: CaseFileView, props: true },
      ...[
        ['/jeunes/:id/modifier', 'young-person-edit'],
        ['/jeunes/:id/entretiens/nouveau', 'meeting-new'],
        ['/jeunes/:id/statut', 'status-change'],
        ['/jeunes/:id/cloture', 'case-close'],
        ['/jeunes/:id/historique', 'case-history'],
        ['/jeunes/:id/bilans/:bilanId', 'bilan'],
        ['/jeunes/:id/contrats/:contractId', 'contract'],
        ['/jeunes/:id/propositions/nouvelle', 'proposal-new'],
        ['/catalogue/:id', 'solution'],
      ].map(([path, name]) => ({ path: path!, name: name!, component: blank })),
    ],
  });
  await router.push(`/jeunes/${young.id}`);
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, router] } });
  await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe(`HOARAU Maëlys`));
  return wrapper;
}

const linkNamed = (wrapper: Awaited<ReturnType<typeof mountCaseFile>>, name: string) =>
  wrapper.findAll('a').find((link) => link.text() === name);

describe('the case file', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: CAMILLE, nextSeq: 1 });
    await writeMeta(appDb, 'directory', {
      platform: null,
      agents: [{ id: CAMILLE, displayName: 'Camille Durand', role: 'conseiller', structure: 'CIO', active: true }],
    });
  });

  it('shows who the young person is, how to reach them and their guardians, where they come from', async () => {
    const wrapper = await mountCaseFile(person());
    const header = wrapper.get('header');
    expect(header.text()).toContain('(16 ans)');
    expect(header.findAll('.fr-badge').map((badge) => badge.text())).toEqual([
      'À traiter',
      'Mineur',
      'À relancer',
      'non synchronisé',
    ]);
    expect(header.findAll('a[href^="tel:"]').map((link) => link.attributes('href'))).toEqual([
      'tel:0639980001',
      'tel:0639980002',
    ]);
    expect(header.get('a[href^="mailto:"]').attributes('href')).toBe('mailto:maelys.hoarau@example.org');
    expect(header.text()).toContain('Nadia Hoarau (Mère)');
    expect(header.text()).toContain('Lycée professionnel Jean-Jaurès (fictif) – Vénissieux');
    expect(header.text()).toContain('CAP maintenance des véhicules');
    expect(header.text()).toContain('Liste SIEI – campagne mars 2026');
    await vi.waitFor(() => expect(header.text()).toContain('Camille Durand'));
    expect(wrapper.get('[data-testid="last-contact"]').text()).toBe('Aucun contact');
  });

  it('flags a closed case the SIEI list brought back, reopened by the import', async () => {
    const wrapper = await mountCaseFile(person({ reappearedAt: '2026-11-29', campaign: '2026-11' }));
    expect(wrapper.get('[data-testid="case-reappeared"]').text()).toBe('Réapparu dans la liste SIEI le 29/11/2026');
  });

  it('counts the days since the last contact attempt', async () => {
    const young = person();
    await localChange(appDb, async () => {
      for (const days of [9, 3]) {
        await appDb.contactAttempts.add({
          id: crypto.randomUUID(),
          youngPersonId: young.id,
          authorId: CAMILLE,
          occurredAt: daysAgo(days),
          channel: 'telephone',
          target: 'jeune',
          guardianName: '',
          result: 'message_laisse',
          note: '',
          serverVersion: 2,
          serverUpdatedAt: null,
        });
      }
    });
    const wrapper = await mountCaseFile(young);
    expect(wrapper.get('[data-testid="last-contact"]').text()).toBe('Dernier contact il y a 3 jours');
    expect(wrapper.get('header').text()).not.toContain('À relancer');
  });

  it('offers every action of an open case, with the labels other screens rely on', async () => {
    const young = person();
    const wrapper = await mountCaseFile(young);
    const base = `/jeunes/${young.id}`;
    expect(linkNamed(wrapper, 'Modifier la fiche')?.attributes('href')).toBe(`${base}/modifier`);
    expect(linkNamed(wrapper, 'Nouvel entretien')?.attributes('href')).toBe(`${base}/entretiens/nouveau`);
    expect(linkNamed(wrapper, "Nouveau point d'étape")?.attributes('href')).toBe(
      `${base}/entretiens/nouveau?type=point_etape`,
    );
    expect(linkNamed(wrapper, 'Changer le statut')?.attributes('href')).toBe(`${base}/statut`);
    expect(linkNamed(wrapper, 'Clôturer le dossier')?.attributes('href')).toBe(`${base}/cloture`);
    expect(linkNamed(wrapper, 'Nouveau bilan')?.attributes('href')).toBe(`${base}/bilans/nouveau`);
    expect(linkNamed(wrapper, 'Proposer une solution')?.attributes('href')).toBe(`${base}/propositions/nouvelle`);
    expect(linkNamed(wrapper, 'Nouveau contrat')?.attributes('href')).toBe(`${base}/contrats/nouveau`);
    expect(wrapper.text()).toContain('Tentative de contact');
  });

  it('follows the device live: a quick contact attempt appears in the timeline at once', async () => {
    const wrapper = await mountCaseFile(person());
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Injoignable')!
      .trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="timeline-entry"] h3').text()).toBe(
        'Tentative de contact – Téléphone : injoignable',
      ),
    );
    expect(wrapper.get('[data-testid="last-contact"]').text()).toBe('Dernier contact aujourd’hui');
    expect(wrapper.get('header .fr-badge').text()).toBe('Contact en cours');
  });

  it('records the decision on a proposal from the list', async () => {
    const young = person({ status: 'solution_proposee' });
    const proposal = {
      id: crypto.randomUUID(),
      youngPersonId: young.id,
      authorId: CAMILLE,
      solutionId: crypto.randomUUID(),
      solutionName: 'Micro-lycée de Vénissieux (fictif)',
      solutionType: 'structure_retour' as const,
      date: '2026-11-10',
      decision: 'en_attente' as const,
      decidedOn: '',
      reason: '',
    };
    await createRecord(appDb, 'proposal', proposal);
    await appDb.proposals.update(proposal.id, { serverVersion: 5 });
    const wrapper = await mountCaseFile(young);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="case-proposal"]').exists()).toBe(true));
    const item = () => wrapper.get('[data-testid="case-proposal"]');
    expect(item().text()).toContain('En attente');

    await item()
      .findAll('button')
      .find((button) => button.text() === 'Indiquer la décision')!
      .trigger('click');
    await item().get(`#decision-${proposal.id}-decision`).setValue('acceptee');
    await item().get('form').trigger('submit');
    await vi.waitFor(async () => expect((await appDb.proposals.get(proposal.id))?.decision).toBe('acceptee'));
    const update = (await appDb.outbox.where('recordId').equals(proposal.id).toArray()).find(
      (entry) => entry.op === 'update',
    );
    expect(update).toMatchObject({ baseVersion: 5, payload: { decision: 'acceptee', decidedOn: todayIso() } });
    await vi.waitFor(() => expect(item().text()).toContain('Acceptée'));
    expect(item().find('form').exists()).toBe(false);
  });

  it('a closed case shows its outcome and offers nothing to change', async () => {
    const wrapper = await mountCaseFile(
      person({ status: 'clos', outcome: 'apprentissage', closedOn: '2026-11-20', closingComment: 'CFA de Bron' }),
    );
    const outcome = wrapper.get('[data-testid="case-outcome"]');
    expect(outcome.text()).toContain('Dossier clos le 20/11/2026');
    expect(outcome.text()).toContain('Sortie : Apprentissage / CFA');
    expect(outcome.text()).toContain('CFA de Bron');
    for (const name of [
      'Modifier la fiche',
      'Nouvel entretien',
      'Clôturer le dossier',
      'Nouveau bilan',
      'Nouveau contrat',
    ])
      expect(linkNamed(wrapper, name)).toBeUndefined();
    expect(wrapper.text()).not.toContain('Tentative de contact');
    expect(wrapper.text()).not.toContain('À relancer');
  });

  it('shows the reason the endpoint gave for refusing a change of the young person', async () => {
    const young = person();
    const wrapper = await mountCaseFile(young);
    await appDb.outbox.where('recordId').equals(young.id).modify({ state: 'rejected', reason: 'INE déjà utilisé' });
    await vi.waitFor(() =>
      expect(wrapper.get('header [data-testid="record-rejected"]').text()).toBe(
        'Refusé par le serveur : INE déjà utilisé',
      ),
    );
  });
});
