import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import CaseTimeline from '../../src/app/components/case-file/CaseTimeline.vue';
import type { RecordSyncState } from '../../src/app/composables/use-case-file';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import type { ContactAttempt, Meeting, StatusChange } from '../../src/domain/case-records';
import type { CaseRecords } from '../../src/domain/timeline';

const PERSON = '3f0b6d2e-5a4c-4e1b-9d8f-7a6b5c4d3e21';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const KARIM = '1c8f3d2b-a2e5-4a4f-9b6c-3d7e8f9a0b12';

const attempt: ContactAttempt & { serverVersion: number } = {
  id: 'a0000000-0000-4000-8000-000000000001',
  youngPersonId: PERSON,
  authorId: CAMILLE,
  occurredAt: '2026-11-02T09:15:00.000Z',
  channel: 'telephone',
  target: 'jeune',
  guardianName: '',
  result: 'message_laisse',
  note: '',
  serverVersion: 3,
};
const meeting: Meeting & { serverVersion: number } = {
  id: 'a0000000-0000-4000-8000-000000000002',
  youngPersonId: PERSON,
  authorId: KARIM,
  kind: 'entretien',
  date: '2026-11-05',
  place: 'CIO de Vénissieux',
  participants: 'Maëlys Hoarau, sa mère',
  notes: 'Souhaite reprendre une formation.\nIntéressée par la mécanique.\nPas de permis.',
  nextSteps: 'Bilan de positionnement le 12/11',
  contractId: '',
  attendance: '',
  serverVersion: 0,
};
const statusChange: StatusChange & { serverVersion: number } = {
  id: 'a0000000-0000-4000-8000-000000000003',
  youngPersonId: PERSON,
  authorId: CAMILLE,
  occurredAt: '2026-11-09T08:00:00.000Z',
  from: 'entretien',
  to: 'injoignable',
  reason: 'Ne répond plus depuis l’entretien',
  serverVersion: 0,
};

function records(partial: Partial<CaseRecords> = {}): CaseRecords {
  return {
    contactAttempts: [attempt],
    meetings: [meeting],
    statusChanges: [statusChange],
    bilans: [],
    proposals: [],
    contracts: [],
    ...partial,
  };
}

const states: Record<string, RecordSyncState> = {
  [meeting.id]: { pending: true, rejectedReason: null },
  [statusChange.id]: { pending: false, rejectedReason: 'Le motif est obligatoire' },
};
const syncStateOf = (id: string) => states[id] ?? { pending: false, rejectedReason: null };

async function mountTimeline(value: CaseRecords = records()) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(CaseTimeline, { props: { records: value, syncStateOf }, global: { plugins: [pinia] } });
  await vi.waitFor(() => expect(wrapper.text()).toContain('Camille Durand'));
  return wrapper;
}

describe('the timeline of a case', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'directory', {
      platform: null,
      agents: [
        { id: CAMILLE, displayName: 'Camille Durand', role: 'conseiller', structure: 'CIO', active: true },
        { id: KARIM, displayName: 'Karim Benali', role: 'mlds', structure: 'MLDS', active: true },
      ],
    });
  });

  it('lists entries newest first, each with its French date, title and author', async () => {
    const wrapper = await mountTimeline();
    const entries = wrapper.findAll('[data-testid="timeline-entry"]');
    expect(entries.map((entry) => entry.get('h3').text())).toEqual([
      'Statut changé : Entretien → Injoignable',
      'Entretien – CIO de Vénissieux',
      'Tentative de contact – Téléphone : message laissé',
    ]);
    expect(entries[0]!.text()).toMatch(/09\/11\/2026 \d{2}:\d{2} – Camille Durand/);
    expect(entries[1]!.get('time').text()).toBe('05/11/2026');
    expect(entries[1]!.get('time').attributes('datetime')).toBe('2026-11-05');
    expect(entries[1]!.text()).toContain('Karim Benali');
    expect(entries[2]!.text()).toContain('Le jeune');
  });

  it('a meeting shows its first line, and opens on its full notes and next steps', async () => {
    const wrapper = await mountTimeline();
    const entry = wrapper.findAll('[data-testid="timeline-entry"]')[1]!;
    expect(entry.get('.timeline-entry__summary').text()).toBe('Souhaite reprendre une formation.');
    const details = entry.get('details');
    expect(details.get('summary').text()).toBe('Voir le compte rendu complet');
    expect(details.text()).toContain('Maëlys Hoarau, sa mère');
    expect(details.get('.timeline-entry__text').element.textContent).toBe(meeting.notes);
    expect(details.text()).toContain('Bilan de positionnement le 12/11');
    expect(wrapper.findAll('details')).toHaveLength(1);
  });

  it('marks records not yet sent, and shows why the endpoint refused one', async () => {
    const wrapper = await mountTimeline();
    const [refused, unsent, synced] = wrapper.findAll('[data-testid="timeline-entry"]');
    expect(refused!.get('[data-testid="record-rejected"]').text()).toBe(
      'Refusé par le serveur : Le motif est obligatoire',
    );
    expect(refused!.text()).not.toContain('non synchronisé');
    expect(unsent!.get('.fr-badge').text()).toBe('non synchronisé');
    expect(synced!.find('.fr-badge').exists()).toBe(false);
    expect(synced!.find('[data-testid="record-rejected"]').exists()).toBe(false);
  });

  it('says so when nothing happened yet', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(CaseTimeline, {
      props: { records: records({ contactAttempts: [], meetings: [], statusChanges: [] }), syncStateOf },
      global: { plugins: [pinia] },
    });
    expect(wrapper.find('ol').exists()).toBe(false);
    expect(wrapper.text()).toContain('Rien n’a encore été enregistré pour ce jeune.');
  });
});
