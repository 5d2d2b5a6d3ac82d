import { createApiClient, type ApiClient } from './api-client';

let token: string | undefined;
let renewal: ((expiredToken: string | undefined) => Promise<boolean>) | undefined;

/** The endpoint, with the current session's access token, renewed when out of date. */
export const api: ApiClient = createApiClient({
  token: () => token,
  renew: (expiredToken) => renewal?.(expiredToken) ?? Promise.resolve(false),
});

export function setApiToken(value: string | undefined): void {
  token = value;
}

/** How the session renews its access token (the session store sets it). */
export function setTokenRenewal(renew: (expiredToken: string | undefined) => Promise<boolean>): void {
  renewal = renew;
}
