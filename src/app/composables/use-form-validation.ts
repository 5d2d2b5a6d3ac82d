import { reactive, type Ref } from 'vue';
import type { z } from 'zod';

export type FieldErrors = Record<string, string | undefined>;

/**
 * Field-by-field validation with the domain schemas: a field is checked when
 * it loses focus (and again as it is corrected); the whole record, with its
 * cross-field rules, when the form is submitted. Messages are the schemas'.
 */
export function useFormValidation<T extends Record<string, unknown>>(
  model: Ref<T>,
  fieldSchemas: Partial<Record<keyof T & string, z.ZodType>>,
  recordSchema: z.ZodType,
  /** Rules across fields, reported even when a field is invalid on its own. */
  crossFieldIssues: (record: T) => { path: string; message: string }[] = () => [],
) {
  const errors = reactive<FieldErrors>({});

  function validateField(field: keyof T & string): boolean {
    const schema = fieldSchemas[field];
    if (!schema) return true;
    const result = schema.safeParse(model.value[field]);
    errors[field] = result.success ? undefined : result.error.issues[0]?.message;
    return result.success;
  }

  /** Re-checks a field being typed only if it was shown in error, so messages go away as soon as it is right. */
  function revalidateIfInvalid(field: keyof T & string): void {
    if (errors[field]) validateField(field);
  }

  function validateAll(): boolean {
    for (const key of Object.keys(errors)) errors[key] = undefined;
    const result = recordSchema.safeParse(model.value);
    const issues = result.success
      ? []
      : result.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message }));
    for (const issue of [...issues, ...crossFieldIssues(model.value)]) errors[issue.path] ??= issue.message;
    return result.success;
  }

  return { errors, validateField, revalidateIfInvalid, validateAll };
}
