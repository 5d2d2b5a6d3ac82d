import { nextTick, ref } from 'vue';
import type { FieldErrors } from './use-form-validation';

/**
 * The line a form shows after a submit that found fields to correct
 * ("3 champs sont à corriger."), and the move to the first of them.
 */
export function useSubmitSummary() {
  const summary = ref('');

  /** Says how many fields are to be corrected. */
  function reportCorrections(count: number): void {
    summary.value = `${count} champ${count > 1 ? 's sont' : ' est'} à corriger.`;
  }

  function clearSummary(): void {
    summary.value = '';
  }

  return { summary, reportCorrections, clearSummary };
}

/** How many fields are shown in error, leaving out those whose parts are counted apart (rows, commitments…). */
export function fieldErrorCount(errors: FieldErrors, countedApart: readonly string[] = []): number {
  return Object.entries(errors).filter(([field, message]) => message && !countedApart.includes(field)).length;
}

/** What marks a field shown in error. */
const INVALID_FIELD = '[aria-invalid="true"]';

/**
 * Moves to the first field shown in error inside `within` (the page by
 * default; nothing when null), or to an element `alsoSelector` names if it
 * comes first. Waits for the form to be redrawn with its errors first: on a
 * first submit, no field is marked yet when validation returns.
 */
export async function focusFirstInvalid(within: ParentNode | null = document, alsoSelector?: string): Promise<void> {
  await nextTick();
  within?.querySelector<HTMLElement>(alsoSelector ? `${INVALID_FIELD}, ${alsoSelector}` : INVALID_FIELD)?.focus();
}
