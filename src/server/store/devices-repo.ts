import type { DeviceSummary } from '../../domain/device-messages';
import type { SqlExecutor } from './database';

/** Whose devices a list shows: one agent's, one platform's agents', or all. */
export type DeviceListScope = { agentId: string } | { platformId: string } | 'all';

type DeviceRow = Omit<DeviceSummary, 'current' | 'createdAt' | 'lastSeenAt' | 'revokedAt'> & {
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
};

export async function listDevices(db: SqlExecutor, scope: DeviceListScope): Promise<DeviceRow[]> {
  const [condition, params] =
    scope === 'all'
      ? ['true', []]
      : 'agentId' in scope
        ? ['d.agent_id = $1', [scope.agentId]]
        : ['a.platform_id = $1', [scope.platformId]];
  return db.query<DeviceRow>(
    `SELECT d.id, d.name, d.agent_id AS "agentId", a.display_name AS "agentName", d.created_at AS "createdAt",
            d.last_seen_at AS "lastSeenAt", d.revoked_at AS "revokedAt"
       FROM devices d JOIN agents a ON a.id = d.agent_id
      WHERE ${condition}
      ORDER BY a.display_name, d.revoked_at IS NOT NULL, d.last_seen_at DESC, d.id`,
    params,
  );
}

/** A device and the platform of its agent (who may revoke it depends on both). */
export async function findDeviceOwner(
  db: SqlExecutor,
  deviceId: string,
): Promise<{ agentId: string; platformId: string | null } | undefined> {
  const rows = await db.query<{ agentId: string; platformId: string | null }>(
    `SELECT d.agent_id AS "agentId", a.platform_id AS "platformId"
       FROM devices d JOIN agents a ON a.id = d.agent_id WHERE d.id = $1`,
    [deviceId],
  );
  return rows[0];
}

/** Marks a device revoked (the first revocation's time is kept). */
export async function revokeDevice(db: SqlExecutor, deviceId: string, now: Date): Promise<void> {
  await db.query('UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1', [deviceId, now]);
}
