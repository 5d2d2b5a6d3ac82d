import type { SqlExecutor } from './database';

export async function updatePasswordHash(db: SqlExecutor, agentId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE agents SET password_hash = $2 WHERE id = $1', [agentId, passwordHash]);
}
