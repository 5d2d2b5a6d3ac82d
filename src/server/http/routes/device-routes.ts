import type { FastifyInstance } from 'fastify';
import { deviceParamsSchema, type DevicesResponse } from '../../../domain/device-messages';
import type { Clock } from '../../auth/actor';
import { canManageDevice, deviceListScope } from '../../auth/device-access';
import type { Database } from '../../store/database';
import { findDeviceOwner, listDevices, revokeDevice } from '../../store/devices-repo';
import { recordAuditEvent } from '../../store/audit-repo';
import { endDeviceSessions } from '../../store/sessions-repo';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

const NO_SUCH_DEVICE = () => new HttpError(404, 'not_found', 'Appareil introuvable');

/**
 * GET /api/devices: the devices the caller may manage (own; a coordinator's
 * platform's; an admin's: all), the caller's own marked `current`.
 * POST /api/devices/:id/revoke: cuts a device off — its sessions end, and
 * every later call from it (renewal included) gets 401 'device_revoked', on
 * which the app wipes its data. A device out of reach is a 404, as if absent.
 */
export function registerDeviceRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  app.get('/api/devices', async (request): Promise<DevicesResponse> => {
    const actor = actorOf(request);
    const rows = await listDevices(options.db, deviceListScope(actor));
    return rows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      current: row.id === actor.deviceId,
    }));
  });

  app.post('/api/devices/:id/revoke', async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseBody(deviceParamsSchema, request.params);
    const owner = await findDeviceOwner(options.db, id);
    if (!owner || !canManageDevice(actor, owner)) throw NO_SUCH_DEVICE();
    const now = options.clock();
    await options.db.transaction(async (tx) => {
      await revokeDevice(tx, id, now);
      await endDeviceSessions(tx, id, now, 'device_revoked');
      await recordAuditEvent(tx, {
        at: now,
        action: 'device_revoked',
        agentId: actor.agentId,
        deviceId: actor.deviceId,
        platformId: owner.platformId ?? null,
        details: { revokedDevice: id, owner: owner.agentId },
      });
    });
    return reply.status(204).send();
  });
}
