import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Clock } from '../auth/actor';
import { sessionRefused } from '../auth/session-errors';
import { checkAccessToken } from '../auth/session-check';
import type { SqlExecutor } from '../store/database';
import { HttpError } from './http-error';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The session whose access token authenticated the request. */
    sessionId: string | null;
  }
}

/** The only /api routes reachable without an access token. */
const PUBLIC_ROUTES = new Set(['/api/auth/login', '/api/auth/refresh', '/api/health']);

/**
 * What an agent still holding the temporary password of a new account may
 * reach: choosing their own password, and what the account screen and the
 * device's settings read. The person who created the account knows that
 * password: it opens no case, no sync and no administration.
 */
const BEFORE_PASSWORD_CHANGE = new Set([
  '/api/account/password',
  '/api/auth/logout',
  '/api/devices',
  '/api/directory',
  '/api/notice',
]);

/**
 * Every /api route requires a live session's access token unless listed as
 * public: the check runs before routing, so a new route cannot forget it.
 * The 401's `error` tells the app whether to renew, log in again or wipe.
 */
export function installAuthentication(
  app: FastifyInstance,
  db: SqlExecutor,
  clock: Clock,
  sessionSecret: Buffer,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || PUBLIC_ROUTES.has(path)) return;
    const token = /^Bearer ([A-Za-z0-9._-]{20,400})$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw sessionRefused('unauthenticated');
    const { actor, sessionId, mustChangePassword } = await checkAccessToken(db, sessionSecret, token, clock());
    if (mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(path)) {
      throw new HttpError(
        403,
        'password_change_required',
        'Choisissez d’abord votre propre mot de passe dans « Mon compte » : le mot de passe temporaire ne donne accès à rien d’autre',
      );
    }
    request.actor = actor;
    request.sessionId = sessionId;
  });
}

/** The actor of an authenticated route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw sessionRefused('unauthenticated');
  return request.actor;
}

/** The session of an authenticated route. */
export function sessionOf(request: FastifyRequest): string {
  if (!request.sessionId) throw sessionRefused('unauthenticated');
  return request.sessionId;
}
