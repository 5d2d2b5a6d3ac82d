import type { z } from 'zod';
import { BILAN_LOCKED, bilanChangesSchema, bilanEditRefusal, bilanFieldsShape, bilanSchema, type Bilan } from './bilan';
import {
  contactAttemptSchema,
  meetingSchema,
  statusChangeSchema,
  type ContactAttempt,
  type Meeting,
} from './case-records';
import {
  CONTRACT_LOCKED,
  contractChangesSchema,
  contractEditRefusal,
  contractSchema,
  contractStateShape,
  contractTermsShape,
  type Contract,
} from './contract';
import {
  conflictChangesSchema,
  conflictEditRefusal,
  conflictResolutionShape,
  conflictSchema,
  type Conflict,
} from './conflict';
import type { Role } from './enums';
import { proposalChangesSchema, proposalDecisionShape, proposalSchema, type Proposal } from './proposal';
import { solutionChangesSchema, solutionFieldsShape, solutionSchema } from './solution';
import type { EntityName } from './sync-messages';
import type { CaseEvent } from './workflow';
import { YOUNG_PERSON_FIELDS, youngPersonChangesSchema, youngPersonSchema } from './young-person';

type Data = Record<string, unknown>;

/**
 * What the sync protocol needs to know of each kind of record, on both sides.
 */
export interface EntityDefinition {
  /** A whole record: creation, and the result of a merge. */
  record: z.ZodType<Data>;
  /** One edit; null for append-only records, created once and never edited. */
  changes: z.ZodType<Data> | null;
  /** The fields an edit may change (none for append-only records). */
  editableFields: readonly string[];
  /**
   * 'case': belongs to a young person's case (field youngPersonId) and is seen by whoever sees the case;
   * 'person': the young person itself; 'platform': shared by the whole platform (the catalogue).
   */
  scope: 'person' | 'case' | 'platform';
  /** Roles that may create or edit it from a device. */
  writers: readonly Role[];
  /** False for records only the endpoint creates (conflicts); devices may still edit them. */
  creatableByDevices?: boolean;
  /** Field holding the agent who wrote it, who must be the sender. */
  authorField?: string;
  /**
   * Why deleting this record is refused, or null when it may be deleted (a
   * record created by mistake). Absent: never deleted (notes, status changes,
   * conflicts, the catalogue, which is deactivated instead).
   */
  deletionRefusal?: (current: Data) => string | null;
  /** Why an edit is refused given the record as stored (locked bilan, signed contract), or null. */
  editRefusal?: (current: Data, changes: Data) => string | null;
  /** The case event a write stands for, if any (it moves the case status, see workflow.ts). */
  eventOf?: (before: Data | null, after: Data) => CaseEvent | null;
}

const CASE_WORKERS: readonly Role[] = ['conseiller', 'mlds', 'tuteur', 'coordinateur'];

export const entities: Record<EntityName, EntityDefinition> = {
  youngPerson: {
    record: youngPersonSchema,
    changes: youngPersonChangesSchema,
    editableFields: YOUNG_PERSON_FIELDS,
    scope: 'person',
    writers: CASE_WORKERS,
    // The endpoint also refuses it once the case holds notes or a contract (it checks the case).
    deletionRefusal: () => null,
  },
  contactAttempt: {
    record: contactAttemptSchema,
    changes: null,
    editableFields: [],
    scope: 'case',
    writers: CASE_WORKERS,
    authorField: 'authorId',
    eventOf: (_before, after) => ({ kind: 'contactAttempt', result: (after as ContactAttempt).result }),
  },
  meeting: {
    record: meetingSchema,
    changes: null,
    editableFields: [],
    scope: 'case',
    writers: CASE_WORKERS,
    authorField: 'authorId',
    eventOf: (_before, after) => ({ kind: 'meeting', meetingKind: (after as Meeting).kind }),
  },
  statusChange: {
    record: statusChangeSchema,
    changes: null,
    editableFields: [],
    scope: 'case',
    writers: CASE_WORKERS,
    authorField: 'authorId',
  },
  bilan: {
    record: bilanSchema,
    changes: bilanChangesSchema,
    editableFields: Object.keys(bilanFieldsShape),
    scope: 'case',
    writers: CASE_WORKERS,
    editRefusal: (current) => bilanEditRefusal(current as Bilan),
    deletionRefusal: (current) => ((current as Bilan).status === 'brouillon' ? null : BILAN_LOCKED),
    eventOf: (before, after) =>
      (after as Bilan).status === 'valide' && (before as Bilan | null)?.status !== 'valide'
        ? { kind: 'bilanValidated' }
        : null,
  },
  proposal: {
    record: proposalSchema,
    changes: proposalChangesSchema,
    editableFields: Object.keys(proposalDecisionShape),
    scope: 'case',
    writers: CASE_WORKERS,
    deletionRefusal: (current) =>
      (current as Proposal).decision === 'en_attente'
        ? null
        : 'Une proposition dont la décision est connue ne se supprime pas',
    eventOf: (before) => (before === null ? { kind: 'proposal' } : null),
  },
  contract: {
    record: contractSchema,
    changes: contractChangesSchema,
    editableFields: [...Object.keys(contractTermsShape), ...Object.keys(contractStateShape)],
    scope: 'case',
    writers: CASE_WORKERS,
    editRefusal: (current, changes) => contractEditRefusal(current as Contract, changes),
    deletionRefusal: (current) => ((current as Contract).state === 'brouillon' ? null : CONTRACT_LOCKED),
    eventOf: (before, after) => {
      const state = (after as Contract).state;
      return state !== (before as Contract | null)?.state ? { kind: 'contractState', state } : null;
    },
  },
  conflict: {
    record: conflictSchema,
    changes: conflictChangesSchema,
    editableFields: Object.keys(conflictResolutionShape),
    scope: 'case',
    writers: CASE_WORKERS,
    creatableByDevices: false,
    editRefusal: (current) => conflictEditRefusal(current as Conflict),
  },
  solution: {
    record: solutionSchema,
    changes: solutionChangesSchema,
    editableFields: Object.keys(solutionFieldsShape),
    scope: 'platform',
    writers: ['coordinateur'],
  },
};

/** The young person a record belongs to (itself for a young person), or null for platform records. */
export function caseIdOf(entity: EntityName, data: Data): string | null {
  const scope = entities[entity].scope;
  if (scope === 'person') return String(data.id);
  if (scope === 'case') return String(data.youngPersonId);
  return null;
}
