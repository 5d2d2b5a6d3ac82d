import { nextTick, ref } from 'vue';

/**
 * A step that asks to confirm an action, shown in place of the buttons that
 * opened it: focus moves into it (`firstFocusId`) when it opens, and back to
 * the button that opened it (`openerId`) when it is cancelled.
 */
export function useConfirmStep(firstFocusId: string, openerId: string) {
  const open = ref(false);

  async function ask(): Promise<void> {
    open.value = true;
    await nextTick();
    document.getElementById(firstFocusId)?.focus();
  }

  async function cancel(): Promise<void> {
    open.value = false;
    await nextTick();
    document.getElementById(openerId)?.focus();
  }

  return { open, ask, cancel };
}
