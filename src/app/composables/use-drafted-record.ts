import type { Ref } from 'vue';
import { plainCopy } from '../../domain/plain-copy';
import type { EntityName } from '../../domain/sync-messages';
import type { YoungPerson } from '../../domain/young-person';
import { deleteDraft, writeDraft } from '../db/drafts';
import { appDb } from '../db/instance';
import { localChange, stageCreate, stageUpdate } from '../db/records';
import { tableOf, withoutSyncMeta } from '../db/tables';
import { useSyncStore } from '../stores/sync';
import { editsOnto, type RecordDraft } from './record-draft';
import { useLiveQuery } from './use-live-query';

/*
 * What the screens of a record written over several sittings (a bilan, a
 * contract) share: the key of its autosaved draft, the draft read live, the
 * young person it is about, and the save that turns the draft into the record.
 */

/** Key of a record's autosaved draft: `<prefix>:<id>`, or `<prefix>:new:<youngPersonId>` before it exists. */
export function recordDraftKey(prefix: string, youngPersonId: string, recordId: string | null): string {
  return recordId ? `${prefix}:${recordId}` : `${prefix}:new:${youngPersonId}`;
}

/** The autosaved draft of a record form, followed live (null when there is none). */
export function useStoredRecordDraft<T>(key: string): Readonly<Ref<RecordDraft<T> | null>> {
  return useLiveQuery(async () => {
    const value = (await appDb.drafts.get(key))?.value as RecordDraft<T> | undefined;
    return value?.record ? value : null;
  }, null);
}

/** The young person a record screen is about, followed live: undefined while reading, null when not on the device. */
export function useLivePerson(youngPersonId: string): Readonly<Ref<YoungPerson | null | undefined>> {
  return useLiveQuery<YoungPerson | null | undefined>(async () => {
    const found = await appDb.youngPeople.get(youngPersonId);
    return found ? withoutSyncMeta(found) : null;
  }, undefined);
}

/** Throws a record form's draft away (the user gave up what they typed). */
export async function discardRecordDraft(key: string): Promise<void> {
  await deleteDraft(appDb, key);
}

/**
 * The save of one kind of record typed in a form kept as a draft: `entity`
 * names it for the outbox (and its table), `fields` are those the form edits.
 */
export function useDraftedRecordSave<T extends Record<string, unknown> & { id: string }>(
  entity: EntityName,
  fields: readonly string[],
) {
  const sync = useSyncStore();

  /**
   * Saves the record typed in a form and removes its draft, atomically;
   * returns the record as stored. An existing record receives only the fields
   * the form changed since it opened (`draft.base`); the entity's own rules
   * may refuse the edit (LocalRefusal). When the save fails, the draft is
   * written again as it stands, so nothing typed is lost.
   */
  return async function save(edited: T, draft: RecordDraft<T>, draftKey: string): Promise<T> {
    try {
      const saved = await localChange(appDb, async () => {
        const current = await tableOf(appDb, entity).get(edited.id);
        let result = edited;
        if (current) {
          result = editsOnto(withoutSyncMeta(current) as T, draft.base, edited, fields);
          await stageUpdate(appDb, entity, result);
        } else {
          await stageCreate(appDb, entity, edited);
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
  };
}
