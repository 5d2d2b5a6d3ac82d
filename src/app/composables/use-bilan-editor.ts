import type { Ref } from 'vue';
import { bilanFieldsShape, blankBilan, type Bilan } from '../../domain/bilan';
import { plainCopy } from '../../domain/plain-copy';
import { todayIso, type YoungPerson } from '../../domain/young-person';
import { deleteDraft } from '../db/drafts';
import { appDb } from '../db/instance';
import { localChange, stageCreate } from '../db/records';
import { withoutSyncMeta } from '../db/tables';
import { useSyncStore } from '../stores/sync';
import { discardRecordDraft, recordDraftKey, useDraftedRecordSave, useLivePerson } from './use-drafted-record';
import { useLiveQuery } from './use-live-query';

const BILAN_FIELDS = Object.keys(bilanFieldsShape);
/** The authors a bilan may name (the schema's limit). */
const MAX_AUTHORS = 4;

/** Key of the autosaved draft of a bilan: `bilan:<id>`, or `bilan:new:<youngPersonId>` before it exists. */
export function bilanDraftKey(youngPersonId: string, bilanId: string | null): string {
  return recordDraftKey('bilan', youngPersonId, bilanId);
}

/** The authors of a bilan once this agent has worked on it (existing authors kept first). */
export function withAuthor(authorIds: readonly string[], agentId: string): string[] {
  return [...new Set([...authorIds, agentId])].slice(0, MAX_AUTHORS);
}

/** The bilan as it reads once validated today by this agent. */
export function asValidated(bilan: Bilan, agentId: string, today = todayIso()): Bilan {
  return { ...bilan, status: 'valide', validatedOn: today, validatedBy: agentId };
}

/** The most recent version of a young person's bilan. */
export function latestBilan(bilans: readonly Bilan[]): Bilan | undefined {
  return bilans.reduce<Bilan | undefined>(
    (latest, bilan) => (!latest || bilan.number > latest.number ? bilan : latest),
    undefined,
  );
}

/** A young person and their bilans (every version, oldest first), followed live on the device; null while reading. */
export function useBilanCase(youngPersonId: string): {
  person: Readonly<Ref<YoungPerson | null | undefined>>;
  bilans: Readonly<Ref<Bilan[] | null>>;
} {
  const person = useLivePerson(youngPersonId);
  const bilans = useLiveQuery<Bilan[] | null>(async () => {
    const rows = await appDb.bilans.where('youngPersonId').equals(youngPersonId).toArray();
    return rows.map(withoutSyncMeta).sort((a, b) => a.number - b.number);
  }, null);
  return { person, bilans };
}

/** Saving bilans on the device: each write goes with its outbox entry and the removal of its draft. */
export function useBilanEditor() {
  const sync = useSyncStore();

  /** Saves the bilan typed in a form and removes its draft (see useDraftedRecordSave). */
  const save = useDraftedRecordSave<Bilan>('bilan', BILAN_FIELDS);

  /**
   * Creates the next version of a validated bilan, as a draft: a copy of it,
   * or of text typed for it that could not be saved (`fromDraft`, whose draft
   * goes away in the same transaction). The validated bilan stays as it was.
   */
  async function createVersion(
    previous: Bilan,
    agentId: string,
    fromDraft?: { record: Bilan; key: string },
  ): Promise<Bilan> {
    const blank = blankBilan({
      id: crypto.randomUUID(),
      youngPersonId: previous.youngPersonId,
      authorId: agentId,
      date: todayIso(),
      previous,
    });
    const typed = fromDraft
      ? {
          level: fromDraft.record.level,
          skills: fromDraft.record.skills,
          motivation: fromDraft.record.motivation,
          motivationNote: fromDraft.record.motivationNote,
          constraints: fromDraft.record.constraints,
          project: fromDraft.record.project,
          recommendation: fromDraft.record.recommendation,
        }
      : {};
    const next: Bilan = plainCopy({ ...blank, ...typed, authorIds: withAuthor(blank.authorIds, agentId) });
    await localChange(appDb, async () => {
      await stageCreate(appDb, 'bilan', next);
      if (fromDraft) await deleteDraft(appDb, fromDraft.key);
    });
    void sync.syncNow();
    return next;
  }

  return { save, createVersion, discardDraft: discardRecordDraft };
}
