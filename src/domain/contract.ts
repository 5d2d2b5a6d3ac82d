import { z } from 'zod';
import { contractState, type ContractState } from './enums';
import { empty, isoDate, longText, requiredText, text, uai, uuid } from './formats';

/**
 * The contrat Formation Qualification Emploi: brouillon → signé → en cours →
 * terminé | rompu. Once signed, its terms are locked: only its state (and the
 * end date and reason) may change.
 */
export const CONTRACT_TRANSITIONS: Record<ContractState, readonly ContractState[]> = {
  brouillon: ['brouillon', 'signe'],
  signe: ['signe', 'en_cours', 'rompu'],
  en_cours: ['en_cours', 'termine', 'rompu'],
  termine: ['termine'],
  rompu: ['rompu'],
};

const commitments = z
  .object({
    jeune: text(3_000),
    famille: text(3_000),
    psad: text(3_000),
    tuteur: text(3_000),
    etablissement: text(3_000),
  })
  .strict();

export const contractTermsShape = {
  solutionId: z.union([empty, uuid]),
  solutionLabel: requiredText(300, 'La solution retenue'),
  establishmentName: text(200),
  establishmentUai: uai,
  youngPersonName: requiredText(250, 'Le nom du jeune'),
  guardianName: text(250),
  psadName: requiredText(200, 'La plateforme (PSAD)'),
  tutorName: text(200),
  tutorId: z.union([empty, uuid]),
  objectives: longText(5_000),
  commitments,
  startDate: z.union([empty, isoDate]),
  endDate: z.union([empty, isoDate]),
  checkpoints: z.array(z.object({ date: isoDate, label: text(200) }).strict()).max(24),
  signedOn: z.union([empty, isoDate]),
} as const;

/** What may still change after signature. */
export const contractStateShape = {
  state: z.enum(contractState.values),
  endedOn: z.union([empty, isoDate]),
  endReason: text(1_000),
} as const;

export const CONTRACT_TERMS = Object.keys(contractTermsShape);

interface RuleInput {
  state: ContractState;
  startDate: string;
  endDate: string;
  signedOn: string;
  objectives: string;
  endedOn: string;
  endReason: string;
}

/**
 * Rules across fields, checked on whole contracts. Exported on its own so a
 * form shows them along with each field's own problems — the schema skips
 * them once a field is invalid.
 */
export function contractCrossFieldIssues(contract: RuleInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  if (contract.startDate && contract.endDate && contract.endDate < contract.startDate) {
    issue('endDate', 'La date de fin doit suivre la date de début');
  }
  if (contract.state !== 'brouillon') {
    if (!contract.signedOn) issue('signedOn', 'La date de signature est obligatoire');
    if (!contract.startDate) issue('startDate', 'La date de début est obligatoire pour signer');
    if (!contract.endDate) issue('endDate', 'La date de fin est obligatoire pour signer');
    if (!contract.objectives.trim()) issue('objectives', 'Les objectifs sont obligatoires pour signer');
  }
  if ((contract.state === 'termine' || contract.state === 'rompu') && !contract.endedOn) {
    issue('endedOn', 'La date de fin effective est obligatoire');
  }
  if (contract.state === 'rompu' && !contract.endReason.trim())
    issue('endReason', 'Le motif de la rupture est obligatoire');
  return issues;
}

export const contractSchema = z
  .object({ id: uuid, youngPersonId: uuid, ...contractTermsShape, ...contractStateShape })
  .strict()
  .superRefine((contract, ctx) => {
    for (const issue of contractCrossFieldIssues(contract))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type Contract = z.infer<typeof contractSchema>;

export const contractChangesSchema = z
  .object({ ...contractTermsShape, ...contractStateShape })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });

export const CONTRACT_LOCKED = 'Ce contrat est signé : ses termes ne peuvent plus être modifiés.';

/** Why this edit of the contract as it stands is refused, or null. */
export function contractEditRefusal(current: Pick<Contract, 'state'>, changes: Record<string, unknown>): string | null {
  const next = (changes.state as ContractState | undefined) ?? current.state;
  if (!CONTRACT_TRANSITIONS[current.state].includes(next)) {
    return `Passage impossible de l’état « ${contractState.label(current.state)} » à « ${contractState.label(next)} »`;
  }
  if (current.state !== 'brouillon' && Object.keys(changes).some((field) => CONTRACT_TERMS.includes(field))) {
    return CONTRACT_LOCKED;
  }
  return null;
}

/** A minor's contract is signed by a legal guardian too. */
export function contractRefusalForPerson(contract: Contract, isMinor: boolean): string | null {
  if (contract.state !== 'brouillon' && isMinor && !contract.guardianName.trim()) {
    return 'Le jeune est mineur : le contrat doit nommer le représentant légal signataire';
  }
  return null;
}
