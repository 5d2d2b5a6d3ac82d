import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assignmentRequestSchema } from '../../../domain/assignment';
import type { CaseHistoryResponse } from '../../../domain/audit-messages';
import { transferRequestSchema } from '../../../domain/distribution';
import type { Clock } from '../../auth/actor';
import { canReadCaseHistory, requireCoordinator } from '../../auth/scope';
import { findCaseOwner, readCaseHistory } from '../../store/audit-repo';
import type { Database } from '../../store/database';
import { reassignCase } from '../../sync/reassign';
import { transferCase } from '../../sync/transfer';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

const caseParams = z.object({ id: z.uuid({ error: 'Identifiant de dossier invalide' }) });

export function registerCaseRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  /** PUT /api/cases/:id/referent: a coordinator assigns a case (the devices follow at their next pull). */
  app.put('/api/cases/:id/referent', async (request) => {
    const actor = actorOf(request);
    const { id } = parseBody(caseParams, request.params);
    const { referentId } = parseBody(assignmentRequestSchema, request.body);
    return { version: await reassignCase(options.db, actor, id, referentId, options.clock) };
  });

  /** POST /api/cases/:id/transfer: the case leaves the platform for another (see transferCase). */
  app.post('/api/cases/:id/transfer', async (request) => {
    const actor = actorOf(request);
    requireCoordinator(actor, 'Seul le responsable de la plateforme transfère les dossiers');
    const { id } = parseBody(caseParams, request.params);
    const body = parseBody(transferRequestSchema, request.body);
    return transferCase(options.db, actor, id, body, options.clock);
  });

  /**
   * GET /api/cases/:id/history: every write of the case, newest first, for
   * the coordinator of its platform and its referent. An admin is refused
   * outright; for anyone else a case out of reach answers like a case that
   * does not exist.
   */
  app.get('/api/cases/:id/history', async (request): Promise<CaseHistoryResponse> => {
    const actor = actorOf(request);
    const { id } = parseBody(caseParams, request.params);
    if (actor.role === 'admin') {
      throw new HttpError(403, 'forbidden', 'L’administration académique n’a pas accès au contenu des dossiers');
    }
    const owner = await findCaseOwner(options.db, id);
    if (!owner || !canReadCaseHistory(actor, owner)) throw new HttpError(404, 'not_found', 'Dossier introuvable');
    return { caseId: id, entries: await readCaseHistory(options.db, id) };
  });
}
