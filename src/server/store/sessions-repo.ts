import type { Role } from '../../domain/enums';
import type { SqlExecutor } from './database';

export async function insertDevice(
  db: SqlExecutor,
  device: { id: string; agentId: string; name: string; now: Date },
): Promise<void> {
  await db.query('INSERT INTO devices (id, agent_id, name, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)', [
    device.id,
    device.agentId,
    device.name,
    device.now,
  ]);
}

/** A device of this agent that can take a new session (not revoked). */
export async function findUsableDevice(
  db: SqlExecutor,
  deviceId: string,
  agentId: string,
): Promise<{ id: string; lastSeq: number } | undefined> {
  const rows = await db.query<{ id: string; lastSeq: number }>(
    'SELECT id, last_seq AS "lastSeq" FROM devices WHERE id = $1 AND agent_id = $2 AND revoked_at IS NULL',
    [deviceId, agentId],
  );
  return rows[0];
}

export async function deleteSession(db: SqlExecutor, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function insertSession(
  db: SqlExecutor,
  session: { tokenHash: string; deviceId: string; agentId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    'INSERT INTO sessions (token_hash, device_id, agent_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [session.tokenHash, session.deviceId, session.agentId, session.now, session.expiresAt],
  );
}

export interface SessionRow {
  agentId: string;
  deviceId: string;
  role: Role;
  platformId: string | null;
  expiresAt: Date;
}

/** The live session of a token: not expired, device not revoked, agent active. */
export async function findLiveSession(db: SqlExecutor, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const rows = await db.query<SessionRow>(
    `SELECT s.agent_id AS "agentId", s.device_id AS "deviceId", a.role, a.platform_id AS "platformId",
            s.expires_at AS "expiresAt"
       FROM sessions s
       JOIN devices d ON d.id = s.device_id
       JOIN agents a ON a.id = s.agent_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND d.revoked_at IS NULL AND a.active`,
    [tokenHash, now],
  );
  return rows[0];
}

/** The agent a device belongs to. */
export async function findDeviceAgent(db: SqlExecutor, deviceId: string): Promise<string | undefined> {
  const rows = await db.query<{ agentId: string }>('SELECT agent_id AS "agentId" FROM devices WHERE id = $1', [
    deviceId,
  ]);
  return rows[0]?.agentId;
}

/** A device of this agent, revoked or not (its mutations may still be replayed by the agent from an export). */
export async function findOwnDevice(
  db: SqlExecutor,
  deviceId: string,
  agentId: string,
): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM devices WHERE id = $1 AND agent_id = $2', [
    deviceId,
    agentId,
  ]);
  return rows[0];
}
