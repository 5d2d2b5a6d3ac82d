import type { Ref } from 'vue';
import { contractStateShape, contractTermsShape, type Contract } from '../../domain/contract';
import { plainCopy } from '../../domain/plain-copy';
import type { YoungPerson } from '../../domain/young-person';
import { deleteDraft, writeDraft } from '../db/drafts';
import { appDb } from '../db/instance';
import { localChange, stageCreate, stageUpdate } from '../db/records';
import { withoutSyncMeta } from '../db/tables';
import { useSyncStore } from '../stores/sync';
import { acceptedProposalOf, prefillContract } from './contract-prefill';
import { editsOnto, type RecordDraft } from './record-draft';
import { useLiveQuery } from './use-live-query';

const CONTRACT_FIELDS = [...Object.keys(contractTermsShape), ...Object.keys(contractStateShape)];

/** Key of the autosaved draft of a contract: `contract:<id>`, or `contract:new:<youngPersonId>` before it exists. */
export function contractDraftKey(youngPersonId: string, contractId: string | null): string {
  return contractId ? `contract:${contractId}` : `contract:new:${youngPersonId}`;
}

/** A young person and their contracts, followed live on the device; null while reading. */
export function useContractCase(youngPersonId: string): {
  person: Readonly<Ref<YoungPerson | null | undefined>>;
  contracts: Readonly<Ref<Contract[] | null>>;
} {
  const person = useLiveQuery<YoungPerson | null | undefined>(async () => {
    const found = await appDb.youngPeople.get(youngPersonId);
    return found ? withoutSyncMeta(found) : null;
  }, undefined);
  const contracts = useLiveQuery<Contract[] | null>(
    async () => (await appDb.contracts.where('youngPersonId').equals(youngPersonId).toArray()).map(withoutSyncMeta),
    null,
  );
  return { person, contracts };
}

/** The autosaved draft of a contract form, followed live (null when there is none). */
export function useContractDraft(key: string): Readonly<Ref<RecordDraft<Contract> | null>> {
  return useLiveQuery(async () => {
    const value = (await appDb.drafts.get(key))?.value as RecordDraft<Contract> | undefined;
    return value?.record ? value : null;
  }, null);
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
   * Saves the contract typed in a form (a draft, or its signature) and
   * removes its draft, atomically; returns the contract as stored. An existing
   * contract receives only the fields the form changed since it opened
   * (`draft.base`). Throws LocalRefusal when the contract on the device is
   * already signed; on any failure the draft is written again as it stands.
   */
  async function save(edited: Contract, draft: RecordDraft<Contract>, draftKey: string): Promise<Contract> {
    try {
      const saved = await localChange(appDb, async () => {
        const current = await appDb.contracts.get(edited.id);
        let result = edited;
        if (current) {
          result = editsOnto(withoutSyncMeta(current), draft.base, edited, CONTRACT_FIELDS);
          await stageUpdate(appDb, 'contract', result);
        } else {
          await stageCreate(appDb, 'contract', edited);
        }
        await deleteDraft(appDb, draftKey);
        return result;
      });
      void sync.syncNow();
      return plainCopy(saved);
    } catch (error) {
      await writeDraft(appDb, draftKey, draft).catch(() => undefined);
      throw error;
    }
  }

  /** Moves a signed contract on (started, ended, broken). Throws LocalRefusal for a move its state forbids. */
  async function changeState(
    contract: Contract,
    changes: Pick<Contract, 'state'> & Partial<Pick<Contract, 'endedOn' | 'endReason'>>,
  ): Promise<void> {
    // Only the state fields are sent: the terms as this screen read them play no part.
    await localChange(appDb, () => stageUpdate(appDb, 'contract', { id: contract.id, ...changes }));
    void sync.syncNow();
  }

  async function discardDraft(key: string): Promise<void> {
    await deleteDraft(appDb, key);
  }

  return { save, changeState, discardDraft };
}
