import type { FieldIssue } from '../../domain/sync-messages';

/** An error the endpoint answers with its status and a French message for the user. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}
