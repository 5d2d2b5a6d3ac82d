import type { Contract } from '../../domain/contract';
import type { Proposal } from '../../domain/proposal';
import type { Solution } from '../../domain/solution';
import { fullName, isMinor, type YoungPerson } from '../../domain/young-person';

/** The proposal the young person accepted most recently, if any. */
export function acceptedProposalOf(proposals: readonly Proposal[]): Proposal | undefined {
  const dayOf = (proposal: Proposal) => proposal.decidedOn || proposal.date;
  return proposals
    .filter((proposal) => proposal.decision === 'acceptee')
    .reduce<Proposal | undefined>(
      (latest, proposal) => (!latest || dayOf(proposal) > dayOf(latest) ? proposal : latest),
      undefined,
    );
}

export interface ContractPrefillInput {
  id: string;
  person: YoungPerson;
  /** The platform (PSAD) of the agent writing the contract. */
  psadName: string;
  acceptedProposal?: Proposal;
  /** The catalogue entry of the accepted proposal, when it is on the device. */
  solution?: Solution;
  today?: string;
}

/**
 * A draft contract filled from the case:
 *   1. the young person, and for a minor the first legal guardian, who signs too;
 *   2. the solution the young person accepted, with its establishment from the catalogue;
 *   3. everything else blank, for the adviser to write.
 */
export function prefillContract(input: ContractPrefillInput): Contract {
  const { person, acceptedProposal, solution } = input;
  const minor = isMinor(person, input.today);
  return {
    id: input.id,
    youngPersonId: person.id,
    youngPersonName: fullName(person), // 1
    guardianName: minor ? (person.guardians[0]?.name ?? '') : '',
    psadName: input.psadName,
    solutionId: acceptedProposal?.solutionId ?? '', // 2
    solutionLabel: acceptedProposal?.solutionName ?? '',
    establishmentName: solution ? solution.structure || solution.name : '',
    establishmentUai: solution?.uai ?? '',
    tutorName: '', // 3
    tutorId: '',
    objectives: '',
    commitments: { jeune: '', famille: '', psad: '', tuteur: '', etablissement: '' },
    startDate: '',
    endDate: '',
    checkpoints: [],
    signedOn: '',
    state: 'brouillon',
    endedOn: '',
    endReason: '',
  };
}
