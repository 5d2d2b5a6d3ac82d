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
  patch<S extends z.ZodType>(path: string, body: unknown, responseSchema: S): Promise<z.output<S>>;
  get<S extends z.ZodType>(path: string, responseSchema: S): Promise<z.output<S>>;
  /** A file the endpoint sends (GET), as the browser would save it: its content and its name. */
  download(path: string): Promise<DownloadedFile>;
}

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition; '' when the endpoint gave none. */
  fileName: string;
}

type Method = 'GET' | 'POST' | 'PATCH';

/** The file name of a Content-Disposition header ('attachment; filename="x.csv"'). */
function fileNameOf(disposition: string | null): string {
  return /filename="([^"]*)"/.exec(disposition ?? '')?.[1] ?? '';
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
  async function call<T>(method: Method, path: string, body: unknown, read: (response: Response) => Promise<T>) {
    const token = options.token();
    try {
      try {
        return await callWith(token, method, path, body, read);
      } catch (error) {
        const expired = error instanceof ApiFailure && error.status === 401 && error.body?.error === 'token_expired';
        if (!expired || !options.renew || !(await options.renew(token))) throw error;
        return await callWith(options.token(), method, path, body, read);
      }
    } catch (error) {
      const code = error instanceof ApiFailure && error.status === 401 ? error.body?.error : undefined;
      if (token && (code === 'session_ended' || code === 'device_revoked')) options.onSessionEnd?.(code);
      throw error;
    }
  }
  async function callWith<T>(
    token: string | undefined,
    method: Method,
    path: string,
    body: unknown,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const init: RequestInit =
      body === undefined
        ? { method, headers }
        : { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl ?? ''}${path}`, init);
    } catch {
      throw new ApiFailure('offline', 'Pas de connexion au serveur');
    }
    if (!response.ok) {
      const json: unknown = await response.json().catch(() => undefined);
      const error = apiErrorSchema.safeParse(json);
      const message = error.success ? error.data.message : `Erreur du serveur (${response.status})`;
      throw new ApiFailure(kindOf(response.status), message, response.status, error.success ? error.data : undefined);
    }
    return read(response);
  }
  /** The answer checked against the shared schema. */
  const json =
    <S extends z.ZodType>(responseSchema: S) =>
    async (response: Response): Promise<z.output<S>> => {
      const parsed = responseSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new ApiFailure('server', 'Réponse du serveur inattendue', response.status);
      return parsed.data;
    };
  const file = async (response: Response): Promise<DownloadedFile> => ({
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition')),
  });
  return {
    post: (path, body, responseSchema) => call('POST', path, body ?? {}, json(responseSchema)),
    patch: (path, body, responseSchema) => call('PATCH', path, body ?? {}, json(responseSchema)),
    get: (path, responseSchema) => call('GET', path, undefined, json(responseSchema)),
    download: (path) => call('GET', path, undefined, file),
  };
}
