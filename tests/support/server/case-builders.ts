import { randomUUID } from 'node:crypto';
import type { ContactAttempt, Meeting } from '../../../src/domain/case-records';
import type { Contract } from '../../../src/domain/contract';
import type { Solution } from '../../../src/domain/solution';
import type { EntityName, Mutation } from '../../../src/domain/sync-messages';
import { PLATFORM } from './fixture';
import type { Device } from './test-app';

/** Records of a case and mutations numbered after the device's last one, for server tests. */

export function contractFor(youngPersonId: string, overrides: Partial<Contract> = {}): Contract {
  return {
    id: randomUUID(),
    youngPersonId,
    solutionId: '',
    solutionLabel: 'CAP Cuisine – Lycée des métiers (fictif)',
    establishmentName: 'Lycée des métiers (fictif)',
    establishmentUai: '',
    youngPersonName: 'Le jeune',
    guardianName: 'Son représentant légal',
    psadName: PLATFORM.name,
    tutorName: '',
    tutorId: '',
    objectives: 'Obtenir le CAP',
    commitments: { jeune: 'Assiduité', famille: '', psad: 'Suivi mensuel', tuteur: '', etablissement: '' },
    startDate: '2026-11-02',
    endDate: '2027-06-30',
    checkpoints: [],
    state: 'brouillon',
    signedOn: '',
    endedOn: '',
    endReason: '',
    ...overrides,
  };
}

/** A phone call by `authorId` that reached the young person; `overrides` replace any field. */
export function contactAttemptOf(
  youngPersonId: string,
  authorId: string,
  overrides: Partial<ContactAttempt> = {},
): ContactAttempt {
  return {
    id: randomUUID(),
    youngPersonId,
    authorId,
    occurredAt: '2026-10-05T09:00:00.000Z',
    channel: 'telephone',
    target: 'jeune',
    guardianName: '',
    result: 'joint',
    note: '',
    ...overrides,
  };
}

/** A follow-up point (point d'étape) written by `authorId`. */
export function followUpPoint(youngPersonId: string, authorId: string): Meeting {
  return {
    id: randomUUID(),
    youngPersonId,
    authorId,
    kind: 'point_etape',
    date: '2026-10-05',
    place: 'Lycée des métiers (fictif)',
    participants: '',
    notes: 'Assidu, bonne intégration dans la classe',
    nextSteps: '',
    contractId: '',
    attendance: 'assidu',
  };
}

export function solutionOf(platformId: string, overrides: Partial<Solution> = {}): Solution {
  return {
    id: randomUUID(),
    platformId,
    type: 'action_mlds',
    name: 'Action MLDS remobilisation (fictif)',
    structure: '',
    uai: '',
    siret: '',
    address: '',
    postalCode: '',
    commune: '',
    levels: [],
    domains: [],
    placesTotal: 12,
    period: '',
    contact: '',
    description: '',
    active: true,
    ...overrides,
  };
}

export function nextCreate(
  device: Device,
  entity: EntityName,
  data: { id: string } & Record<string, unknown>,
): Mutation {
  device.lastSeq += 1;
  return { mutationId: randomUUID(), seq: device.lastSeq, entity, recordId: data.id, op: 'create', data };
}

export function nextEdit(
  device: Device,
  entity: EntityName,
  recordId: string,
  baseVersion: number,
  changes: Record<string, unknown>,
): Mutation {
  device.lastSeq += 1;
  return { mutationId: randomUUID(), seq: device.lastSeq, entity, recordId, op: 'update', baseVersion, changes };
}

export function nextDelete(device: Device, entity: EntityName, recordId: string, baseVersion: number): Mutation {
  device.lastSeq += 1;
  return { mutationId: randomUUID(), seq: device.lastSeq, entity, recordId, op: 'delete', baseVersion };
}
