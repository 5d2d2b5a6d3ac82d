import type { Agent } from '../../domain/auth-messages';
import type { Role } from '../../domain/enums';
import type { SqlExecutor } from './database';

export interface AgentRow extends Agent {
  passwordHash: string;
  active: boolean;
  mustChangePassword: boolean;
}

const AGENT_COLUMNS = `a.id, a.display_name AS "displayName", a.email, a.role, a.platform_id AS "platformId",
  p.name AS "platformName", a.password_hash AS "passwordHash", a.active,
  a.must_change_password AS "mustChangePassword"`;

export async function findAgentByEmail(db: SqlExecutor, email: string): Promise<AgentRow | undefined> {
  const rows = await db.query<AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents a LEFT JOIN platforms p ON p.id = a.platform_id WHERE a.email = $1`,
    [email.toLowerCase()],
  );
  return rows[0];
}

export async function findAgentById(db: SqlExecutor, id: string): Promise<AgentRow | undefined> {
  const rows = await db.query<AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents a LEFT JOIN platforms p ON p.id = a.platform_id WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}

export interface NewPlatform {
  id: string;
  name: string;
  departement: string;
  academie: string;
}

export async function insertPlatform(db: SqlExecutor, platform: NewPlatform): Promise<void> {
  await db.query('INSERT INTO platforms (id, name, departement, academie) VALUES ($1, $2, $3, $4)', [
    platform.id,
    platform.name,
    platform.departement,
    platform.academie,
  ]);
  await db.query('INSERT INTO platform_clocks (platform_id, value) VALUES ($1, 0)', [platform.id]);
}

export interface NewAgent {
  id: string;
  platformId: string | null;
  email: string;
  displayName: string;
  role: Role;
  structure: string;
  passwordHash: string;
  /** A temporary password, given by whoever created the account: its owner changes it before anything else. */
  mustChangePassword?: boolean;
}

export async function insertAgent(db: SqlExecutor, agent: NewAgent): Promise<void> {
  await db.query(
    `INSERT INTO agents (id, platform_id, email, display_name, role, structure, password_hash, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      agent.id,
      agent.platformId,
      agent.email.toLowerCase(),
      agent.displayName,
      agent.role,
      agent.structure,
      agent.passwordHash,
      agent.mustChangePassword ?? false,
    ],
  );
}

export async function countAgents(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM agents');
  return rows[0]?.n ?? 0;
}

export async function listPlatformAgents(db: SqlExecutor, platformId: string) {
  return db.query<{ id: string; displayName: string; role: Role; structure: string; active: boolean }>(
    `SELECT id, display_name AS "displayName", role, structure, active FROM agents WHERE platform_id = $1 ORDER BY display_name`,
    [platformId],
  );
}

export async function findPlatform(db: SqlExecutor, platformId: string) {
  const rows = await db.query<NewPlatform>('SELECT id, name, departement, academie FROM platforms WHERE id = $1', [
    platformId,
  ]);
  return rows[0] ?? null;
}
