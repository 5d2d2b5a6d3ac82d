import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { blankBilan, type Bilan } from '../../../src/domain/bilan';
import type { ContactAttempt, Meeting, StatusChange } from '../../../src/domain/case-records';
import type { Contract } from '../../../src/domain/contract';
import type { Proposal } from '../../../src/domain/proposal';
import type { Mutation } from '../../../src/domain/sync-messages';
import { contractFor, nextCreate, nextEdit, solutionOf } from './case-builders';
import { AGENTS, PLATFORM } from './fixture';
import type { Device, TestApp } from './test-app';

/**
 * Alice's whole follow-up, written through the endpoint as the conseillère
 * and the coordinator would: a call to her mother, an interview, a validated
 * bilan, a refused proposal, a signed contract, a clash of two phone numbers
 * (a conflict record), then the closing. Every text typed carries a marker
 * (PERSONAL) so a test can look for any trace of it.
 */
export const PERSONAL = {
  lastName: 'Arnaud',
  firstNames: 'Alice',
  phone: '06 39 98 00 01',
  guardian: 'Nadia Arnaud',
  guardianPhone: '06 39 98 00 09',
  address: '12 rue des Tisserands',
  ine: '123456789AB',
  school: 'Lycée Jean Bart (fictif)',
  leavingReason: 'Harcèlement en classe',
  callNote: 'MARQUEUR-APPEL sa mère rappellera',
  meetingNotes: 'MARQUEUR-ENTRETIEN difficultés familiales',
  meetingPlace: 'MARQUEUR-LIEU CIO de Lille',
  constraint: 'MARQUEUR-FREIN logement chez sa tante',
  project: 'MARQUEUR-PROJET cuisine',
  recommendation: 'MARQUEUR-PRECONISATION CAP',
  proposalReason: 'MARQUEUR-REFUS trop loin',
  contractObjectives: 'MARQUEUR-OBJECTIFS obtenir le CAP',
  clashPhones: ['06 39 98 11 11', '06 39 98 22 22'],
  closingComment: 'MARQUEUR-CLOTURE entrée en apprentissage',
};

export interface FullCase {
  contact: ContactAttempt;
  meeting: Meeting;
  bilan: Bilan;
  proposal: Proposal;
  contract: Contract;
  closing: StatusChange;
  conflictId: string;
}

async function applied(t: TestApp, device: Device, mutations: Mutation[]) {
  const { results } = await t.pushOk(device, mutations);
  expect(results.filter((result) => result.status !== 'applied' && result.status !== 'conflict')).toEqual([]);
  return results;
}

const versionOf = async (t: TestApp, id: string) => (await t.storedRecord(id))!.version;

export async function writeFullCase(
  t: TestApp,
  devices: { conseiller: Device; coordinator: Device },
  caseId: string,
  closedOn: string,
): Promise<FullCase> {
  const { conseiller, coordinator } = devices;
  const author = AGENTS.conseiller.id;
  const base = await versionOf(t, caseId);
  await applied(t, conseiller, [
    nextEdit(conseiller, 'youngPerson', caseId, base, {
      address: PERSONAL.address,
      lastSchoolName: PERSONAL.school,
      leavingReason: PERSONAL.leavingReason,
      guardians: [{ relation: 'mere', name: PERSONAL.guardian, phone: PERSONAL.guardianPhone, email: '' }],
    }),
  ]);

  const contact: ContactAttempt = {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: author,
    occurredAt: '2024-01-10T09:00:00.000Z',
    channel: 'telephone',
    target: 'representant',
    guardianName: PERSONAL.guardian,
    result: 'joint',
    note: PERSONAL.callNote,
  };
  const meeting: Meeting = {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: author,
    kind: 'entretien',
    date: '2024-01-15',
    place: PERSONAL.meetingPlace,
    participants: PERSONAL.guardian,
    notes: PERSONAL.meetingNotes,
    nextSteps: 'Bilan',
    contractId: '',
    attendance: '',
  };
  const bilan: Bilan = {
    ...blankBilan({ id: randomUUID(), youngPersonId: caseId, authorId: author, date: '2024-01-20' }),
    level: 'infra_3',
    skills: { francais: '2', maths: '3', numerique: '3', savoirEtre: '2' },
    motivation: 'forte',
    motivationNote: 'Très motivée',
    constraints: [{ theme: 'logement', detail: PERSONAL.constraint }],
    project: PERSONAL.project,
    recommendation: PERSONAL.recommendation,
    status: 'valide',
    validatedOn: '2024-01-20',
    validatedBy: author,
  };
  const solution = solutionOf(PLATFORM.id, { name: 'CAP Cuisine (fictif)', type: 'apprentissage' });
  await applied(t, coordinator, [nextCreate(coordinator, 'solution', solution)]);
  const proposal: Proposal = {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: author,
    solutionId: solution.id,
    solutionName: solution.name,
    solutionType: 'apprentissage',
    date: '2024-01-22',
    decision: 'refusee',
    decidedOn: '2024-01-25',
    reason: PERSONAL.proposalReason,
  };
  const contract = contractFor(caseId, {
    solutionLabel: 'CAP Cuisine – CFA (fictif)',
    youngPersonName: `${PERSONAL.firstNames} ${PERSONAL.lastName}`,
    guardianName: PERSONAL.guardian,
    tutorName: AGENTS.mlds.displayName,
    tutorId: AGENTS.mlds.id,
    objectives: PERSONAL.contractObjectives,
    startDate: '2024-02-01',
    endDate: '2024-06-30',
    checkpoints: [{ date: '2024-03-01', label: 'MARQUEUR-POINT premier bilan' }],
  });
  await applied(t, conseiller, [
    nextCreate(conseiller, 'contactAttempt', contact),
    nextCreate(conseiller, 'meeting', meeting),
    nextCreate(conseiller, 'bilan', bilan),
    nextCreate(conseiller, 'proposal', proposal),
    nextCreate(conseiller, 'contract', contract),
  ]);
  await applied(t, conseiller, [
    nextEdit(conseiller, 'contract', contract.id, await versionOf(t, contract.id), {
      state: 'signe',
      signedOn: '2024-01-30',
    }),
  ]);

  // Two people change the phone number from the same version: the second is kept aside as a conflict.
  const seen = await versionOf(t, caseId);
  await applied(t, coordinator, [
    nextEdit(coordinator, 'youngPerson', caseId, seen, { phone: PERSONAL.clashPhones[0] }),
  ]);
  await applied(t, conseiller, [nextEdit(conseiller, 'youngPerson', caseId, seen, { phone: PERSONAL.clashPhones[1] })]);
  const [conflict] = await t.db.query<{ id: string }>(
    `SELECT id FROM records WHERE entity = 'conflict' AND young_person_id = $1`,
    [caseId],
  );

  const closing: StatusChange = {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: author,
    occurredAt: `${closedOn}T10:00:00.000Z`,
    from: 'contrat_signe',
    to: 'clos',
    reason: PERSONAL.closingComment,
  };
  await applied(t, conseiller, [
    nextCreate(conseiller, 'statusChange', closing),
    nextEdit(conseiller, 'youngPerson', caseId, await versionOf(t, caseId), {
      status: 'clos',
      outcome: 'apprentissage',
      closedOn,
      closingComment: PERSONAL.closingComment,
    }),
  ]);
  return { contact, meeting, bilan, proposal, contract, closing, conflictId: conflict!.id };
}

/** Every text the database holds, in one string: records, the trail, audit events. */
export async function everythingStored(t: TestApp): Promise<string> {
  const rows = await t.db.query<{ text: string }>(
    `SELECT coalesce(data::text, '') AS text FROM records
     UNION ALL SELECT payload::text || result::text FROM mutations
     UNION ALL SELECT details::text FROM audit_events`,
  );
  return rows.map((row) => row.text).join('\n');
}
