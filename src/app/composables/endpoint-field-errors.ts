import { ApiFailure } from '../sync/api-client';
import type { FieldErrors } from './use-form-validation';

/**
 * The fields the endpoint refused, by field: a 400's issues (by the first
 * part of each path), or a 409 whose code `fieldOf409` ties to a field
 * (email_taken → email). null for any other failure.
 */
export function endpointFieldErrors(error: unknown, fieldOf409: Record<string, string> = {}): FieldErrors | null {
  if (!(error instanceof ApiFailure)) return null;
  const conflictField = error.status === 409 ? fieldOf409[error.body?.error ?? ''] : undefined;
  if (conflictField) return { [conflictField]: error.message };
  const issues = error.status === 400 ? (error.body?.issues ?? []) : [];
  if (issues.length === 0) return null;
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.split('.')[0] ?? ''] ??= issue.message;
  return errors;
}
