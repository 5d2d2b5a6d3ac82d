import type { z } from 'zod';

/**
 * The messages of a field made of rows or parts (obstacles, checkpoints,
 * commitments), keyed by their path inside it: `0.theme`, `jeune`… The first
 * message of each part is kept. Empty when the value is valid.
 */
export function nestedErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  const found: Record<string, string> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    found[issue.path.map(String).join('.')] ??= issue.message;
  }
  return found;
}
