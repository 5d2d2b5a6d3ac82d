import type { FastifyInstance } from 'fastify';
import { auditEventsRequestSchema, auditPeriodQuerySchema } from '../../../domain/audit-messages';
import type { Clock } from '../../auth/actor';
import { auditCsv } from '../../audit/audit-csv';
import { readAuditPeriod, recordAuditEvent } from '../../store/audit-repo';
import type { Database } from '../../store/database';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { requireAdmin } from './admin-routes';

/**
 * The audit trail's own routes:
 * - POST /api/audit/events: a device reports the exports of personal data it
 *   made by itself (the emergency export), recorded with the device, the
 *   agent and the server's time (the device's time kept in the details);
 * - GET /api/admin/audit.csv?from&to: the admin's export of a period, every
 *   device mutation and every audit event; the export is itself recorded, in
 *   the same transaction as the reading.
 */
export function registerAuditRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  const { db } = options;

  app.post('/api/audit/events', async (request, reply) => {
    const actor = actorOf(request);
    const { events } = parseBody(auditEventsRequestSchema, request.body);
    const at = options.clock();
    await db.transaction(async (tx) => {
      for (const event of events) {
        await recordAuditEvent(tx, {
          id: event.id,
          at,
          action: event.kind,
          agentId: actor.agentId,
          deviceId: actor.deviceId,
          platformId: actor.platformId,
          details: { ...event.details, deviceAt: event.at },
        });
      }
    });
    return reply.status(204).send();
  });

  app.get('/api/admin/audit.csv', async (request, reply) => {
    const actor = requireAdmin(actorOf(request));
    const period = parseBody(auditPeriodQuerySchema, request.query);
    const csv = await db.transaction(async (tx) => {
      const rows = await readAuditPeriod(tx, period.from, period.to);
      await recordAuditEvent(tx, {
        at: options.clock(),
        action: 'audit_exported',
        agentId: actor.agentId,
        deviceId: actor.deviceId,
        platformId: null,
        details: { from: period.from, to: period.to, rows: rows.length },
      });
      return auditCsv(rows);
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-raccroche-${period.from}-au-${period.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
