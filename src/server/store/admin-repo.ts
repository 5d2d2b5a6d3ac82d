import type { AdminAgent, AdminPlatform } from '../../domain/admin-messages';
import type { Role } from '../../domain/enums';
import type { SqlExecutor } from './database';

export async function listPlatforms(db: SqlExecutor): Promise<AdminPlatform[]> {
  return db.query<AdminPlatform>(
    `SELECT p.id, p.name, p.departement, p.academie,
            (SELECT count(*)::int FROM agents a WHERE a.platform_id = p.id AND a.active) AS "activeAgents"
       FROM platforms p ORDER BY p.academie, p.name`,
  );
}

const ADMIN_AGENT_COLUMNS = `a.id, a.email, a.display_name AS "displayName", a.role, a.platform_id AS "platformId",
  p.name AS "platformName", a.structure, a.active`;

/** Every account, or one platform's. */
export async function listAgents(db: SqlExecutor, scope: { platformId: string } | 'all'): Promise<AdminAgent[]> {
  const [condition, params] = scope === 'all' ? ['true', []] : ['a.platform_id = $1', [scope.platformId]];
  return db.query<AdminAgent>(
    `SELECT ${ADMIN_AGENT_COLUMNS} FROM agents a LEFT JOIN platforms p ON p.id = a.platform_id
      WHERE ${condition} ORDER BY p.name NULLS FIRST, a.display_name`,
    params,
  );
}

export async function findAdminAgent(db: SqlExecutor, id: string): Promise<AdminAgent | undefined> {
  const rows = await db.query<AdminAgent>(
    `SELECT ${ADMIN_AGENT_COLUMNS} FROM agents a LEFT JOIN platforms p ON p.id = a.platform_id WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}

/** Locks an account until the end of the transaction (two admins changing it one after the other). */
export async function lockAgent(tx: SqlExecutor, id: string): Promise<void> {
  await tx.query('SELECT id FROM agents WHERE id = $1 FOR UPDATE', [id]);
}

export async function updateAgent(
  tx: SqlExecutor,
  id: string,
  account: { active: boolean; role: Role; platformId: string | null; displayName: string },
): Promise<void> {
  await tx.query('UPDATE agents SET active = $2, role = $3, platform_id = $4, display_name = $5 WHERE id = $1', [
    id,
    account.active,
    account.role,
    account.platformId,
    account.displayName,
  ]);
}

/** The devices of an agent not revoked yet. */
export async function listLiveDevices(db: SqlExecutor, agentId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM devices WHERE agent_id = $1 AND revoked_at IS NULL ORDER BY id',
    [agentId],
  );
  return rows.map((row) => row.id);
}
