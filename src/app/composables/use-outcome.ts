import { nextTick, ref } from 'vue';

/** What became of an action the user took, as the screen says it. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * The outcome a screen shows in its `OutcomeMessage` (bound with
 * `ref="outcomeMessage"`): `say` shows it and moves focus to it.
 */
export function useOutcome() {
  const outcome = ref<Outcome | null>(null);
  const outcomeMessage = ref<{ focus(): void } | null>(null);

  async function say(ok: boolean, text: string): Promise<void> {
    outcome.value = { ok, text };
    await nextTick();
    outcomeMessage.value?.focus();
  }

  return { outcome, outcomeMessage, say };
}
