import type { z } from 'zod';
import { apiErrorSchema, type ApiError } from '../../domain/auth-messages';

/** Why a call to the endpoint failed, as the app needs to react to it. */
export type ApiFailureKind = 'offline' | 'unauthenticated' | 'upgrade' | 'client' | 'server';

export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    message: string,
    readonly status?: number,
    readonly body?: ApiError,
  ) {
    super(message);
  }
}

function kindOf(status: number): ApiFailureKind {
  if (status === 401) return 'unauthenticated';
  if (status === 426) return 'upgrade';
  if (status >= 500) return 'server';
  return 'client';
}

export interface ApiClient {
  post<S extends z.ZodType>(path: string, body: unknown, responseSchema: S): Promise<z.output<S>>;
  get<S extends z.ZodType>(path: string, responseSchema: S): Promise<z.output<S>>;
}

/**
 * JSON over fetch to the endpoint. Every answer is checked against the shared
 * schema; a network failure is 'offline', an error answer carries the
 * endpoint's French message.
 */
export function createApiClient(options: {
  baseUrl?: string;
  token: () => string | undefined;
  /** Renews the session after the endpoint refused `expiredToken` as out of date; true: call again. */
  renew?: (expiredToken: string | undefined) => Promise<boolean>;
  /** Told when the endpoint ends the session for good: 'session_ended' (log in again) or 'device_revoked' (wipe). */
  onSessionEnd?: (reason: 'session_ended' | 'device_revoked') => void;
  fetch?: typeof fetch;
}): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  /** An access token out of date is renewed once, and the call made again with the new one. */
  async function call<S extends z.ZodType>(path: string, body: unknown, responseSchema: S): Promise<z.output<S>> {
    const token = options.token();
    try {
      try {
        return await callWith(token, path, body, responseSchema);
      } catch (error) {
        const expired = error instanceof ApiFailure && error.status === 401 && error.body?.error === 'token_expired';
        if (!expired || !options.renew || !(await options.renew(token))) throw error;
        return await callWith(options.token(), path, body, responseSchema);
      }
    } catch (error) {
      const code = error instanceof ApiFailure && error.status === 401 ? error.body?.error : undefined;
      if (token && (code === 'session_ended' || code === 'device_revoked')) options.onSessionEnd?.(code);
      throw error;
    }
  }
  async function callWith<S extends z.ZodType>(
    token: string | undefined,
    path: string,
    body: unknown,
    responseSchema: S,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const init: RequestInit =
      body === undefined
        ? { method: 'GET', headers }
        : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl ?? ''}${path}`, init);
    } catch {
      throw new ApiFailure('offline', 'Pas de connexion au serveur');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = apiErrorSchema.safeParse(json);
      const message = error.success ? error.data.message : `Erreur du serveur (${response.status})`;
      throw new ApiFailure(kindOf(response.status), message, response.status, error.success ? error.data : undefined);
    }
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) throw new ApiFailure('server', 'Réponse du serveur inattendue', response.status);
    return parsed.data;
  }
  return {
    post: (path, body, responseSchema) => call(path, body ?? {}, responseSchema),
    get: (path, responseSchema) => call(path, undefined, responseSchema),
  };
}
