import { ref, type Ref } from 'vue';
import { fullName, type YoungPerson } from '../../domain/young-person';
import type { RecordDraft } from './record-draft';

/** The links above a record screen: the caseload, the young person's case, and this record. */
export function recordBreadcrumb(youngPersonId: string, person: YoungPerson | null | undefined, here: string) {
  return [
    { to: { name: 'caseload' }, text: 'Mes jeunes' },
    { to: { name: 'case-file', params: { id: youngPersonId } }, text: person ? fullName(person) : 'Dossier' },
    { text: here },
  ];
}

/**
 * The state of a record screen (bilan, contract) around its form: what the
 * form edits, the key that remounts it, and the messages shown after a save.
 */
export function useRecordScreen<T>() {
  /** What the form edits: the record as typed and as stored when the form opens; null while not editable. */
  const editing = ref(null) as Ref<RecordDraft<T> | null>;
  const formKey = ref(0);
  const notice = ref('');
  const error = ref('');

  /**
   * The form saved the record. Once locked (`lockedNotice` says so), the form
   * goes away; a draft reopens on the record as stored.
   */
  function showSaved(saved: T, lockedNotice: string | null): void {
    error.value = '';
    if (lockedNotice) {
      editing.value = null;
      notice.value = lockedNotice;
      return;
    }
    editing.value = { record: saved, base: saved };
    formKey.value += 1;
    notice.value = 'Brouillon enregistré.';
  }

  /** The form could not save: say why (the form's words); the form starts again from its draft, saved as it stood. */
  function showFailure(message: string): void {
    notice.value = '';
    error.value = message;
    formKey.value += 1;
  }

  return { editing, formKey, notice, error, showSaved, showFailure };
}
