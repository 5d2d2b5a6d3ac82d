import type { SqlExecutor } from './database';

/** A password its owner chose: a temporary one no longer needs changing. */
export async function updatePasswordHash(db: SqlExecutor, agentId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE agents SET password_hash = $2, must_change_password = false WHERE id = $1', [
    agentId,
    passwordHash,
  ]);
}
