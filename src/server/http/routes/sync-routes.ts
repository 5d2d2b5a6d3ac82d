import type { FastifyInstance } from 'fastify';
import {
  PROTOCOL_VERSION,
  pullRequestSchema,
  pushRequestSchema,
  refreshRequestSchema,
} from '../../../domain/sync-messages';
import type { Clock } from '../../auth/actor';
import type { Database } from '../../store/database';
import { findOwnDevice } from '../../store/sessions-repo';
import { pullChanges, refreshRecords } from '../../sync/pull';
import { pushGroups } from '../../sync/push-groups';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

export interface SyncRoutesOptions {
  db: Database;
  clock: Clock;
}

/** Pushes may carry up to MAX_PUSH_BATCH whole records. */
const PUSH_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Checked before the body is parsed: a request of another protocol version may
 * have another shape, and must get "update the app" (426), not "invalid" (400).
 */
function checkProtocol(body: unknown): void {
  const version =
    typeof body === 'object' && body !== null ? (body as { protocolVersion?: unknown }).protocolVersion : undefined;
  if (typeof version === 'number' && version !== PROTOCOL_VERSION) {
    throw new HttpError(
      426,
      'upgrade_required',
      "Cette version de l'application est trop ancienne : mettez-la à jour pour synchroniser",
    );
  }
}

export function registerSyncRoutes(app: FastifyInstance, options: SyncRoutesOptions): void {
  const push = pushGroups(options.db, options.clock);
  app.post('/api/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const actor = actorOf(request);
    checkProtocol(request.body);
    const body = parseBody(pushRequestSchema, request.body);
    return push(actor, body);
  });

  app.post('/api/sync/pull', async (request) => {
    const actor = actorOf(request);
    checkProtocol(request.body);
    const body = parseBody(pullRequestSchema, request.body);
    return pullChanges(options.db, actor, body, options.clock);
  });

  /** The current server copy of some records, in scope (a device putting a record back after discarding a change). */
  app.post('/api/sync/records', async (request) => {
    const actor = actorOf(request);
    checkProtocol(request.body);
    const body = parseBody(refreshRequestSchema, request.body);
    return refreshRecords(options.db, actor, body.ids);
  });

  /**
   * Mutations of another device of the same agent, from an emergency export
   * imported here: applied under that device's own numbering, so anything it
   * had already sent is answered, not applied again.
   */
  app.post('/api/sync/replay', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const actor = actorOf(request);
    checkProtocol(request.body);
    const body = parseBody(pushRequestSchema, request.body);
    const origin = await findOwnDevice(options.db, body.deviceId, actor.agentId);
    if (!origin) {
      throw new HttpError(
        403,
        'wrong_device',
        'Ce fichier vient d’un appareil d’un autre compte : il ne peut pas être rejoué ici',
      );
    }
    const asOrigin = { ...actor, deviceId: body.deviceId };
    return push(asOrigin, body);
  });
}
