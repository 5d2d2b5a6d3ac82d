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

/** The device's last contact: login, renewal, sync. */
export async function touchDevice(db: SqlExecutor, deviceId: string, now: Date): Promise<void> {
  await db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [deviceId, now]);
}

export type SessionEndReason = 'logout' | 'refresh_reused' | 'device_revoked' | 'password_changed';

export async function insertSession(
  db: SqlExecutor,
  session: { id: string; deviceId: string; agentId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, device_id, agent_id, created_at, last_refreshed_at, expires_at)
     VALUES ($1, $2, $3, $4, $4, $5)`,
    [session.id, session.deviceId, session.agentId, session.now, session.expiresAt],
  );
}

/** A renewal: the session lives `expiresAt` from now on (sliding expiry). */
export async function extendSession(db: SqlExecutor, sessionId: string, now: Date, expiresAt: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_refreshed_at = $2, expires_at = $3 WHERE id = $1', [
    sessionId,
    now,
    expiresAt,
  ]);
}

export async function endSession(db: SqlExecutor, sessionId: string, now: Date, reason: SessionEndReason) {
  await db.query('UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL', [
    sessionId,
    now,
    reason,
  ]);
}

export async function endDeviceSessions(db: SqlExecutor, deviceId: string, now: Date, reason: SessionEndReason) {
  await db.query('UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE device_id = $1 AND ended_at IS NULL', [
    deviceId,
    now,
    reason,
  ]);
}

/** Ends every session of an agent but one (the one that asked). */
export async function endOtherSessions(
  db: SqlExecutor,
  agentId: string,
  keptSessionId: string,
  now: Date,
  reason: SessionEndReason,
): Promise<void> {
  await db.query(
    `UPDATE sessions SET ended_at = $3, end_reason = $4
      WHERE agent_id = $1 AND id <> $2 AND ended_at IS NULL`,
    [agentId, keptSessionId, now, reason],
  );
}

/** A session with what decides whether it may act: its device, its agent (role and platform read live). */
export interface SessionState {
  sessionId: string;
  agentId: string;
  deviceId: string;
  role: Role;
  platformId: string | null;
  agentActive: boolean;
  expiresAt: Date;
  endedAt: Date | null;
  deviceRevokedAt: Date | null;
  deviceLastSeenAt: Date;
  /** The agent still has the temporary password they were given (see 0010_distribution.sql). */
  mustChangePassword: boolean;
}

const SESSION_STATE = `s.id AS "sessionId", s.agent_id AS "agentId", s.device_id AS "deviceId", a.role,
  a.platform_id AS "platformId", a.active AS "agentActive", s.expires_at AS "expiresAt", s.ended_at AS "endedAt",
  d.revoked_at AS "deviceRevokedAt", d.last_seen_at AS "deviceLastSeenAt",
  a.must_change_password AS "mustChangePassword"`;
const WITH_DEVICE_AND_AGENT = 'JOIN devices d ON d.id = s.device_id JOIN agents a ON a.id = s.agent_id';

/** By primary key, with its device and agent (also by primary key): the check behind every API call. */
export async function findSessionState(db: SqlExecutor, sessionId: string): Promise<SessionState | undefined> {
  const rows = await db.query<SessionState>(
    `SELECT ${SESSION_STATE} FROM sessions s ${WITH_DEVICE_AND_AGENT} WHERE s.id = $1`,
    [sessionId],
  );
  return rows[0];
}

/** A refresh token's state: spent or not, and the token that replaced it (its hash). */
export interface RefreshTokenState extends SessionState {
  tokenUsedAt: Date | null;
  successorHash: string | null;
}

/** The session a refresh token was given to, the token's row locked until the end of the transaction. */
export async function lockSessionOfRefreshToken(
  tx: SqlExecutor,
  tokenHash: string,
): Promise<RefreshTokenState | undefined> {
  const rows = await tx.query<RefreshTokenState>(
    `SELECT r.used_at AS "tokenUsedAt", r.successor_hash AS "successorHash", ${SESSION_STATE}
       FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id ${WITH_DEVICE_AND_AGENT}
      WHERE r.token_hash = $1 FOR UPDATE OF r`,
    [tokenHash],
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
