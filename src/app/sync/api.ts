import { createApiClient, type ApiClient } from './api-client';

let token: string | undefined;
let renewal: ((expiredToken: string | undefined) => Promise<boolean>) | undefined;
let sessionEnd: ((reason: 'session_ended' | 'device_revoked') => void) | undefined;

/** The endpoint, with the current session's access token, renewed when out of date. */
export const api: ApiClient = createApiClient({
  token: () => token,
  renew: (expiredToken) => renewal?.(expiredToken) ?? Promise.resolve(false),
  onSessionEnd: (reason) => sessionEnd?.(reason),
});

export function setApiToken(value: string | undefined): void {
  token = value;
}

/** How the session renews its access token (the session store sets it). */
export function setTokenRenewal(renew: (expiredToken: string | undefined) => Promise<boolean>): void {
  renewal = renew;
}

/** What happens when the endpoint ends the session for good (the session store sets it). */
export function setSessionEndHandler(handler: (reason: 'session_ended' | 'device_revoked') => void): void {
  sessionEnd = handler;
}
