import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CatalogueResponse } from '../../../domain/catalogue-messages';
import { solutionPatchSchema } from '../../../domain/catalogue-messages';
import { solutionFieldsSchema } from '../../../domain/solution';
import type { Actor, Clock } from '../../auth/actor';
import { createSolution, updateSolution } from '../../catalogue/solution-writes';
import { listManagedSolutions } from '../../store/catalogue-repo';
import type { Database } from '../../store/database';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

const solutionParams = z.object({ id: z.uuid({ error: 'Identifiant de solution invalide' }) });

/** The catalogue is kept by the head of the platform (devices of every agent receive it). */
function requireCoordinator(actor: Actor): Actor & { platformId: string } {
  if (actor.role !== 'coordinateur' || !actor.platformId) {
    throw new HttpError(403, 'forbidden', 'Réservé au responsable de la plateforme');
  }
  return { ...actor, platformId: actor.platformId };
}

/**
 * /api/catalogue: the coordinator's management of the platform's catalogue
 * of solutions — every entry, active or not, with the places taken; a new
 * entry; an edit (deactivating: `{ active: false }`). Writes are record
 * versions like a device's push (src/server/catalogue/solution-writes.ts).
 */
export function registerCatalogueRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  const { db } = options;

  app.get('/api/catalogue', async (request): Promise<CatalogueResponse> => {
    const actor = requireCoordinator(actorOf(request));
    return { solutions: await listManagedSolutions(db, actor.platformId) };
  });

  app.post('/api/catalogue', async (request, reply) => {
    const actor = requireCoordinator(actorOf(request));
    const fields = parseBody(solutionFieldsSchema, request.body);
    const solution = await createSolution(db, actor, fields, options.clock());
    return reply.status(201).send({ solution });
  });

  app.patch('/api/catalogue/:id', async (request) => {
    const actor = requireCoordinator(actorOf(request));
    const { id } = parseBody(solutionParams, request.params);
    const patch = parseBody(solutionPatchSchema, request.body);
    return { solution: await updateSolution(db, actor, id, patch, options.clock()) };
  });
}
