import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Clock } from '../auth/actor';
import { hashToken } from '../auth/tokens';
import type { SqlExecutor } from '../store/database';
import { findLiveSession } from '../store/sessions-repo';
import { HttpError } from './http-error';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The only /api routes reachable without a session. */
const PUBLIC_ROUTES = new Set(['/api/auth/login', '/api/health']);

const UNAUTHENTICATED = () => new HttpError(401, 'unauthenticated', 'Session absente ou expirée : reconnectez-vous');

async function findActor(db: SqlExecutor, request: FastifyRequest, clock: Clock): Promise<Actor> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw UNAUTHENTICATED();
  const session = await findLiveSession(db, hashToken(match[1]), clock());
  if (!session) throw UNAUTHENTICATED();
  return { agentId: session.agentId, deviceId: session.deviceId, role: session.role, platformId: session.platformId };
}

/**
 * Every /api route requires a live session unless listed as public: the check
 * runs before routing, so a new route cannot forget it.
 */
export function installAuthentication(app: FastifyInstance, db: SqlExecutor, clock: Clock): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || PUBLIC_ROUTES.has(path)) return;
    request.actor = await findActor(db, request, clock);
  });
}

/** The actor of an authenticated route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw UNAUTHENTICATED();
  return request.actor;
}
