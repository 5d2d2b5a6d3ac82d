import { createApiClient, type ApiClient } from './api-client';

let token: string | undefined;

/** The endpoint, with the current session's token. */
export const api: ApiClient = createApiClient({ token: () => token });

export function setApiToken(value: string | undefined): void {
  token = value;
}
