import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toFieldIssues } from '../../domain/sync-messages';
import type { ApiError } from '../../domain/auth-messages';
import { HttpError } from './http-error';

/** Parses a request body with a domain schema; a mismatch is a 400 listing each field and its reason. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid_request', 'Requête invalide', toFieldIssues(parsed.error));
  }
  return parsed.data;
}

/** Every error leaves the endpoint as { error, message, issues? } with a French message. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    let status = 500;
    let body: ApiError = { error: 'internal_error', message: 'Erreur interne du serveur' };
    if (error instanceof HttpError) {
      status = error.statusCode;
      body = { error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
    } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      status = 400;
      body = { error: 'invalid_json', message: 'Corps de requête JSON invalide' };
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { error: 'too_large', message: 'Requête trop volumineuse' };
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      body = { error: 'unsupported_media_type', message: 'Le corps de la requête doit être du JSON' };
    } else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      status = error.statusCode;
      body = { error: 'bad_request', message: 'Requête invalide' };
    }
    if (status >= 500) request.log.error(error);
    return reply.status(status).send(body);
  });
}
