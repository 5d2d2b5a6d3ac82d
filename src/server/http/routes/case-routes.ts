import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assignmentRequestSchema } from '../../../domain/assignment';
import type { Clock } from '../../auth/actor';
import type { Database } from '../../store/database';
import { reassignCase } from '../../sync/reassign';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';

const caseParams = z.object({ id: z.uuid({ error: 'Identifiant de dossier invalide' }) });

/** PUT /api/cases/:id/referent: a coordinator assigns a case (the devices follow at their next pull). */
export function registerCaseRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  app.put('/api/cases/:id/referent', async (request) => {
    const actor = actorOf(request);
    const { id } = parseBody(caseParams, request.params);
    const { referentId } = parseBody(assignmentRequestSchema, request.body);
    return { version: await reassignCase(options.db, actor, id, referentId, options.clock) };
  });
}
