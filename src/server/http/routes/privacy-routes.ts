import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { accessExportQuerySchema } from '../../../domain/access-export';
import type { Notice } from '../../../domain/notice';
import type { Clock } from '../../auth/actor';
import { exportCaseFile } from '../../privacy/access-export';
import { renderAccessExportHtml } from '../../privacy/access-export-html';
import { noticeValues, renderNotice } from '../../privacy/notice';
import type { PrivacySettings } from '../../privacy/privacy-settings';
import { platformDay } from '../../privacy/retention-dates';
import { findPlatform } from '../../store/agents-repo';
import type { Database } from '../../store/database';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';

const caseParams = z.object({ id: z.uuid({ error: 'Identifiant de dossier invalide' }) });

/**
 * The young people's rights:
 * - GET /api/cases/:id/export?format=json|html: the right of access, one
 *   young person's whole file, for the coordinator of their platform (see
 *   exportCaseFile), recorded in the audit trail; a file to save, never cached;
 * - GET /api/notice: the information notice to give to a young person and
 *   their guardians, for any agent, worded for their platform.
 */
export function registerPrivacyRoutes(
  app: FastifyInstance,
  options: { db: Database; clock: Clock; privacy: PrivacySettings },
): void {
  app.get('/api/cases/:id/export', async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseBody(caseParams, request.params);
    const { format } = parseBody(accessExportQuerySchema, request.query);
    const file = await exportCaseFile(
      options.db,
      actor,
      { caseId: id, format },
      { clock: options.clock, retentionYears: options.privacy.retentionYears },
    );
    const name = `droit-acces-${id.slice(0, 8)}-${platformDay(new Date(file.exportedAt))}.${format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (format === 'json') {
      return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(file, null, 2));
    }
    return reply.header('content-type', 'text/html; charset=utf-8').send(renderAccessExportHtml(file));
  });

  app.get('/api/notice', async (request): Promise<Notice> => {
    const actor = actorOf(request);
    const platform = actor.platformId ? await findPlatform(options.db, actor.platformId) : null;
    return renderNotice(options.privacy.notice, noticeValues(platform, options.privacy.retentionYears));
  });
}
