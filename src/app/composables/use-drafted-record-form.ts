import { computed, ref } from 'vue';
import { plainCopy } from '../../domain/plain-copy';
import type { RecordDraft } from './record-draft';
import { describeSaveFailure } from './storage-error';
import { useDraft } from './use-draft';

/**
 * A record form kept as a draft on the device (bilan, contract): what is
 * typed, with the record as it stood when the form opened, saved at every
 * change; and `persist`, which stops that autosave, saves the record with its
 * draft, and reports the record as stored (`onSaved`) or why it could not be
 * (`onFailed`, with the message to show). `saving` is true meanwhile.
 */
export function useDraftedRecordForm<T extends Record<string, unknown>>(options: {
  draftKey: string;
  /** The record the form opens on, and the record as stored then (null for a new one). */
  record: T;
  base: T | null;
  /** Saves what is typed, with the draft it was typed in (the editor's save). */
  save: (edited: T, draft: RecordDraft<T>) => Promise<T>;
  onSaved: (saved: T) => void;
  onFailed: (message: string) => void;
}) {
  const { model, ready, restored, savedAt, stop } = useDraft<RecordDraft<T>>(options.draftKey, () => ({
    record: plainCopy(options.record),
    base: options.base && plainCopy(options.base),
  }));
  const record = computed(() => model.value.record);
  const saving = ref(false);

  async function persist(edited: T): Promise<void> {
    saving.value = true;
    stop();
    try {
      options.onSaved(await options.save(edited, model.value));
    } catch (error) {
      options.onFailed(
        describeSaveFailure(
          error,
          (message) => `Enregistrement impossible : ${message}. Votre saisie est conservée sur cet appareil.`,
        ),
      );
    } finally {
      saving.value = false;
    }
  }

  return { model, record, ready, restored, savedAt, saving, persist };
}
