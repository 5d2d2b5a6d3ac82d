import type { FastifyInstance } from 'fastify';
import { activityQuerySchema, type ActivityResponse } from '../../../domain/activity-stats';
import type { Clock } from '../../auth/actor';
import { activityCsv } from '../../stats/activity-csv';
import { activityOf, activityScope } from '../../stats/activity';
import { recordAuditEvent } from '../../store/audit-repo';
import type { Database } from '../../store/database';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';

/** A file name without spaces or accents: "activite-psad-lyon-centre-2025-09-01-au-2026-08-31.csv". */
function fileName(scopeName: string, from: string, to: string): string {
  const slug = scopeName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `activite-${slug}-${from}-au-${to}.csv`;
}

/**
 * The activity bilans of the network, for the platform's coordinator (their
 * platform) and the académie's admin (any platform, or all):
 * - GET /api/stats/activity?from&to&platformId&agentId: the figures;
 * - GET /api/stats/activity.csv (same query): the same as a spreadsheet.
 *   The export is recorded in the audit trail: it names agents and what
 *   their work amounted to.
 */
export function registerStatsRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  const { db } = options;

  app.get('/api/stats/activity', async (request): Promise<ActivityResponse> => {
    const actor = actorOf(request);
    const query = parseBody(activityQuerySchema, request.query);
    const scope = await activityScope(db, actor, query);
    return activityOf(db, scope, query);
  });

  app.get('/api/stats/activity.csv', async (request, reply) => {
    const actor = actorOf(request);
    const query = parseBody(activityQuerySchema, request.query);
    const scope = await activityScope(db, actor, query);
    const activity = await activityOf(db, scope, query);
    await recordAuditEvent(db, {
      at: options.clock(),
      action: 'activity_exported',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: scope.platformId,
      details: { from: query.from, to: query.to, platformId: scope.platformId, agentId: scope.agentId },
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(scope.name, query.from, query.to)}"`)
      .header('cache-control', 'no-store')
      .send(activityCsv(activity, scope.name));
  });
}
