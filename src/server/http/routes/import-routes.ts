import type { FastifyInstance } from 'fastify';
import { importApplyRequestSchema, importPreviewRequestSchema } from '../../../domain/siei/messages';
import type { Clock } from '../../auth/actor';
import { applyImport, importPlatformOf, previewImport } from '../../imports/siei-import';
import type { Database } from '../../store/database';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';

/**
 * A SIEI list of 30,000 rows (MAX_IMPORT_ROWS) is about 10 MB of JSON even
 * with empty values left out. The list goes in one request because the
 * import is one transaction (all or nothing): sending it in chunks would mean
 * staging them on the endpoint between requests. Only these two routes take
 * bodies this large; every other keeps the 1 MiB limit.
 */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

export function registerImportRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  /** POST /api/imports/preview: the rows read by the app, classified against the platform's young people. */
  app.post('/api/imports/preview', { bodyLimit: IMPORT_BODY_LIMIT }, async (request) => {
    const actor = actorOf(request);
    importPlatformOf(actor); // refused before the body is even read
    const body = parseBody(importPreviewRequestSchema, request.body);
    return previewImport(options.db, actor, body, options.clock);
  });

  /** POST /api/imports: the coordinator confirmed; applied once per import id. */
  app.post('/api/imports', { bodyLimit: IMPORT_BODY_LIMIT }, async (request) => {
    const actor = actorOf(request);
    importPlatformOf(actor);
    const body = parseBody(importApplyRequestSchema, request.body);
    return applyImport(options.db, actor, body, options.clock);
  });
}
