import type { Ref } from 'vue';
import { contractStateShape, contractTermsShape, type Contract } from '../../domain/contract';
import type { YoungPerson } from '../../domain/young-person';
import { appDb } from '../db/instance';
import { localChange, stageUpdate } from '../db/records';
import { withoutSyncMeta } from '../db/tables';
import { useSyncStore } from '../stores/sync';
import { acceptedProposalOf, prefillContract } from './contract-prefill';
import { discardRecordDraft, recordDraftKey, useDraftedRecordSave, useLivePerson } from './use-drafted-record';
import { useLiveQuery } from './use-live-query';

const CONTRACT_FIELDS = [...Object.keys(contractTermsShape), ...Object.keys(contractStateShape)];

/** Key of the autosaved draft of a contract: `contract:<id>`, or `contract:new:<youngPersonId>` before it exists. */
export function contractDraftKey(youngPersonId: string, contractId: string | null): string {
  return recordDraftKey('contract', youngPersonId, contractId);
}

/** A young person and their contracts, followed live on the device; null while reading. */
export function useContractCase(youngPersonId: string): {
  person: Readonly<Ref<YoungPerson | null | undefined>>;
  contracts: Readonly<Ref<Contract[] | null>>;
} {
  const person = useLivePerson(youngPersonId);
  const contracts = useLiveQuery<Contract[] | null>(
    async () => (await appDb.contracts.where('youngPersonId').equals(youngPersonId).toArray()).map(withoutSyncMeta),
    null,
  );
  return { person, contracts };
}

/** A new contract for this young person, filled from the case as the device knows it. */
export async function newContractFor(person: YoungPerson, psadName: string): Promise<Contract> {
  const proposals = await appDb.proposals.where('youngPersonId').equals(person.id).toArray();
  const acceptedProposal = acceptedProposalOf(proposals.map(withoutSyncMeta));
  const solution = acceptedProposal ? await appDb.solutions.get(acceptedProposal.solutionId) : undefined;
  return prefillContract({
    id: crypto.randomUUID(),
    person,
    psadName,
    acceptedProposal,
    solution: solution && withoutSyncMeta(solution),
  });
}

/** Saving contracts on the device: each write goes with its outbox entry (and the removal of its draft). */
export function useContractEditor() {
  const sync = useSyncStore();

  /**
   * Saves the contract typed in a form (a draft, or its signature) and removes
   * its draft (see useDraftedRecordSave). Throws LocalRefusal when the
   * contract on the device is already signed.
   */
  const save = useDraftedRecordSave<Contract>('contract', CONTRACT_FIELDS);

  /** Moves a signed contract on (started, ended, broken). Throws LocalRefusal for a move its state forbids. */
  async function changeState(
    contract: Contract,
    changes: Pick<Contract, 'state'> & Partial<Pick<Contract, 'endedOn' | 'endReason'>>,
  ): Promise<void> {
    // Only the state fields are sent: the terms as this screen read them play no part.
    await localChange(appDb, () => stageUpdate(appDb, 'contract', { id: contract.id, ...changes }));
    void sync.syncNow();
  }

  return { save, changeState, discardDraft: discardRecordDraft };
}
