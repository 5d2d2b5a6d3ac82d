import { describe, expect, it } from 'vitest';
import { blankBilan } from '../../src/domain/bilan';
import type { ContactAttempt, Meeting, StatusChange } from '../../src/domain/case-records';
import type { Contract } from '../../src/domain/contract';
import type { Proposal } from '../../src/domain/proposal';
import { buildTimeline, type CaseRecords } from '../../src/domain/timeline';

const PERSON = '3f0b6d2e-5a4c-4e1b-9d8f-7a6b5c4d3e21';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const KARIM = '1c8f3d2b-a2e5-4a4f-9b6c-3d7e8f9a0b12';

const id = () => crypto.randomUUID();
const synced = <T>(record: T, serverVersion = 1) => ({ ...record, serverVersion });

function attempt(overrides: Partial<ContactAttempt> = {}): ContactAttempt {
  return {
    id: id(),
    youngPersonId: PERSON,
    authorId: CAMILLE,
    occurredAt: '2026-11-02T09:15:00.000Z',
    channel: 'telephone',
    target: 'jeune',
    guardianName: '',
    result: 'message_laisse',
    note: '',
    ...overrides,
  };
}

function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: id(),
    youngPersonId: PERSON,
    authorId: CAMILLE,
    kind: 'entretien',
    date: '2026-11-05',
    place: 'CIO de Vénissieux',
    participants: '',
    notes: 'Souhaite reprendre une formation.\nIntéressé par la mécanique.',
    nextSteps: '',
    contractId: '',
    attendance: '',
    ...overrides,
  };
}

function statusChange(overrides: Partial<StatusChange> = {}): StatusChange {
  return {
    id: id(),
    youngPersonId: PERSON,
    authorId: KARIM,
    occurredAt: '2026-11-20T10:00:00.000Z',
    from: 'solution_proposee',
    to: 'clos',
    reason: 'Clôture : Apprentissage / CFA',
    ...overrides,
  };
}

function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: id(),
    youngPersonId: PERSON,
    authorId: KARIM,
    solutionId: id(),
    solutionName: 'CFA des métiers de l’automobile (fictif)',
    solutionType: 'apprentissage',
    date: '2026-11-10',
    decision: 'acceptee',
    decidedOn: '2026-11-12',
    reason: 'Motivé',
    ...overrides,
  };
}

function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    id: id(),
    youngPersonId: PERSON,
    solutionId: '',
    solutionLabel: 'CAP maintenance des véhicules',
    establishmentName: '',
    establishmentUai: '',
    youngPersonName: 'HOARAU Maëlys',
    guardianName: '',
    psadName: 'PSAD Lyon Sud',
    tutorName: '',
    tutorId: '',
    objectives: 'Obtenir le CAP',
    commitments: { jeune: '', famille: '', psad: '', tuteur: '', etablissement: '' },
    startDate: '2026-11-16',
    endDate: '2027-06-30',
    checkpoints: [],
    signedOn: '2026-11-14',
    state: 'signe',
    endedOn: '',
    endReason: '',
    ...overrides,
  };
}

function records(partial: Partial<CaseRecords>): CaseRecords {
  return { contactAttempts: [], meetings: [], statusChanges: [], bilans: [], proposals: [], contracts: [], ...partial };
}

describe('the timeline of a case', () => {
  it('lists every kind of record, newest first', () => {
    const bilan = {
      ...blankBilan({ id: id(), youngPersonId: PERSON, authorId: CAMILLE, date: '2026-11-07' }),
      authorIds: [CAMILLE, KARIM],
      status: 'valide' as const,
      validatedOn: '2026-11-08',
      validatedBy: KARIM,
      recommendation: 'Apprentissage en mécanique',
    };
    const timeline = buildTimeline(
      records({
        contactAttempts: [synced(attempt())],
        meetings: [synced(meeting())],
        statusChanges: [synced(statusChange())],
        bilans: [synced(bilan)],
        proposals: [synced(proposal())],
        contracts: [synced(contract())],
      }),
    );
    expect(timeline.map((entry) => entry.entity)).toEqual([
      'statusChange', // 20/11
      'contract', // signed 14/11
      'proposal', // 10/11
      'bilan', // validated 08/11
      'meeting', // 05/11
      'contactAttempt', // 02/11
    ]);
    expect(timeline.map((entry) => entry.date)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-14',
      '2026-11-10',
      '2026-11-08',
      '2026-11-05',
      '2026-11-02T09:15:00.000Z',
    ]);
  });

  it('labels each entry in French, with a one-line summary', () => {
    const [contactEntry] = buildTimeline(
      records({
        contactAttempts: [
          synced(attempt({ target: 'representant', guardianName: 'Nadia Hoarau', result: 'joint', note: 'Rappeler' })),
        ],
      }),
    );
    expect(contactEntry).toMatchObject({
      title: 'Tentative de contact – Téléphone : joint',
      summary: 'Un représentant légal – Nadia Hoarau – Rappeler',
    });

    const [meetingEntry] = buildTimeline(records({ meetings: [synced(meeting())] }));
    expect(meetingEntry).toMatchObject({
      title: 'Entretien – CIO de Vénissieux',
      summary: 'Souhaite reprendre une formation.',
    });
    const [followUp] = buildTimeline(records({ meetings: [synced(meeting({ kind: 'point_etape', place: '' }))] }));
    expect(followUp?.title).toBe("Point d'étape");

    const [closing] = buildTimeline(records({ statusChanges: [synced(statusChange())] }));
    expect(closing).toMatchObject({ title: 'Dossier clos', summary: 'Clôture : Apprentissage / CFA' });
    const [byHand] = buildTimeline(
      records({
        statusChanges: [synced(statusChange({ from: 'contact_en_cours', to: 'injoignable', reason: 'Numéro coupé' }))],
      }),
    );
    expect(byHand).toMatchObject({ title: 'Statut changé : Contact en cours → Injoignable', summary: 'Numéro coupé' });

    const [proposalEntry] = buildTimeline(records({ proposals: [synced(proposal())] }));
    expect(proposalEntry).toMatchObject({
      title: 'Solution proposée : CFA des métiers de l’automobile (fictif)',
      summary: 'Acceptée – Motivé',
    });
    const [contractEntry] = buildTimeline(records({ contracts: [synced(contract())] }));
    expect(contractEntry?.title).toBe('Contrat Formation Qualification Emploi – signé');
  });

  it('keeps the author of each record (every author of a bilan)', () => {
    const bilan = {
      ...blankBilan({ id: id(), youngPersonId: PERSON, authorId: CAMILLE, date: '2026-11-07' }),
      authorIds: [CAMILLE, KARIM],
    };
    const timeline = buildTimeline(
      records({ contactAttempts: [synced(attempt({ authorId: KARIM }))], bilans: [synced(bilan)] }),
    );
    expect(timeline.find((entry) => entry.entity === 'contactAttempt')?.authorIds).toEqual([KARIM]);
    expect(timeline.find((entry) => entry.entity === 'bilan')?.authorIds).toEqual([CAMILLE, KARIM]);
  });

  it('among records of the same date, shows unsent ones first, then the latest written', () => {
    const older = meeting({ place: 'Synchronisé v3' });
    const newer = meeting({ place: 'Synchronisé v9' });
    const unsent = meeting({ place: 'Non envoyé' });
    const timeline = buildTimeline(records({ meetings: [synced(older, 3), synced(unsent, 0), synced(newer, 9)] }));
    expect(timeline.map((entry) => [entry.recordId, entry.pending])).toEqual([
      [unsent.id, true],
      [newer.id, false],
      [older.id, false],
    ]);
  });
});
