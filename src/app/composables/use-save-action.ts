import { ref } from 'vue';
import { describeSaveFailure } from './storage-error';

/**
 * The write a form makes once it is valid (a closing, a status set by hand, a
 * meeting, a proposal, a decision): `saving` while it runs, and `saveError`,
 * what the form says when it fails (`describeFailure` words it from the
 * failure's message; a full or failing storage is worded the same everywhere).
 */
export function useSaveAction(describeFailure: (message: string) => string) {
  const saving = ref(false);
  const saveError = ref('');

  async function runSave(write: () => Promise<void>): Promise<void> {
    saving.value = true;
    saveError.value = '';
    try {
      await write();
    } catch (error) {
      saveError.value = describeSaveFailure(error, describeFailure);
    } finally {
      saving.value = false;
    }
  }

  return { saving, saveError, runSave };
}
