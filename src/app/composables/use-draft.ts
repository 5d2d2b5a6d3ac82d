import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { appDb } from '../db/instance';
import { deleteDraft, readDraft, writeDraft } from '../db/drafts';

export interface DraftHandle<T> {
  /** The form's state: edit it directly; every change is saved. */
  model: Ref<T>;
  /** True once the saved draft (if any) has been read. */
  ready: Ref<boolean>;
  /** True when the form reopened on text saved earlier. */
  restored: Ref<boolean>;
  /** Device time of the last save of the draft. */
  savedAt: Ref<string | null>;
  /** Stops saving (before the record is saved and the draft removed with it). */
  stop(): void;
  /** Throws the draft away (the user cancelled). */
  discard(): Promise<void>;
}

/**
 * A form whose every keystroke survives a closed tab, a crash or an app
 * update: its state is written to IndexedDB at each change and restored when
 * the form opens again. Writes are coalesced: while one is running, the next
 * waits and then writes the latest state, so none is lost and none piles up.
 */
export function useDraft<T extends Record<string, unknown>>(key: string, initial: () => T): DraftHandle<T> {
  const model = ref(initial()) as Ref<T>;
  const ready = ref(false);
  const restored = ref(false);
  const savedAt = ref<string | null>(null);
  let active = true;
  let writing: Promise<void> | null = null;
  let dirty = false;

  async function flush(): Promise<void> {
    while (dirty && active) {
      dirty = false;
      await writeDraft(appDb, key, model.value);
      savedAt.value = new Date().toISOString();
    }
  }

  function save(): void {
    dirty = true;
    // A write the storage refuses keeps the draft in memory (see writeDraft); the next change tries again.
    writing ??= flush()
      .catch(() => undefined)
      .finally(() => {
        writing = null;
      });
  }

  void readDraft(appDb, key).then((saved) => {
    if (saved && active) {
      model.value = { ...model.value, ...(saved as Partial<T>) };
      restored.value = true;
    }
    ready.value = true;
    watch(model, () => active && save(), { deep: true });
  });

  const stop = () => {
    active = false;
  };
  onScopeDispose(stop);

  return {
    model,
    ready,
    restored,
    savedAt,
    stop,
    async discard() {
      stop();
      await writing;
      await deleteDraft(appDb, key);
    },
  };
}
