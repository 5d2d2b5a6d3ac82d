import type { Proposal } from '../../domain/proposal';
import { deleteDraft } from '../db/drafts';
import { appDb } from '../db/instance';
import { localChange, stageCreate, updateRecord } from '../db/records';
import { useSyncStore } from '../stores/sync';

/**
 * What the proposal screens write, each in one local transaction with its
 * outbox entry; then the sync is nudged, and sends it whenever it can.
 */
export function useProposalWrites() {
  const sync = useSyncStore();

  /** The proposal and the removal of the draft it was typed in commit together. */
  async function propose(proposal: Proposal, draftKey: string): Promise<void> {
    await localChange(appDb, async () => {
      await stageCreate(appDb, 'proposal', proposal);
      await deleteDraft(appDb, draftKey);
    });
    void sync.syncNow();
  }

  /** The young person's decision: only the fields that changed are sent. Returns how many changed. */
  async function decide(edited: Proposal): Promise<number> {
    const changed = await updateRecord(appDb, 'proposal', edited);
    if (changed > 0) void sync.syncNow();
    return changed;
  }

  return { propose, decide };
}
