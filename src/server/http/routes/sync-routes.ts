import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, pullRequestSchema, pushRequestSchema } from '../../../domain/sync-messages';
import type { Clock } from '../../auth/actor';
import type { Database } from '../../store/database';
import { pullChanges } from '../../sync/pull';
import { pushMutations } from '../../sync/push';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

export interface SyncRoutesOptions {
  db: Database;
  clock: Clock;
}

/** Pushes may carry up to MAX_PUSH_BATCH whole records. */
const PUSH_BODY_LIMIT = 4 * 1024 * 1024;

function checkProtocol(version: number): void {
  if (version !== PROTOCOL_VERSION) {
    throw new HttpError(426, 'upgrade_required', "Cette version de l'application est trop ancienne : mettez-la à jour pour synchroniser");
  }
}

export function registerSyncRoutes(app: FastifyInstance, options: SyncRoutesOptions): void {
  app.post('/api/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const actor = actorOf(request);
    const body = parseBody(pushRequestSchema, request.body);
    checkProtocol(body.protocolVersion);
    return pushMutations(options.db, actor, body, options.clock);
  });

  app.post('/api/sync/pull', async (request) => {
    const actor = actorOf(request);
    const body = parseBody(pullRequestSchema, request.body);
    checkProtocol(body.protocolVersion);
    return pullChanges(options.db, actor, body, options.clock);
  });
}
