import type { SqlExecutor } from './database';

export async function insertRefreshToken(
  db: SqlExecutor,
  token: { hash: string; sessionId: string; now: Date },
): Promise<void> {
  await db.query('INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)', [
    token.hash,
    token.sessionId,
    token.now,
  ]);
}

export async function markRefreshTokenUsed(db: SqlExecutor, hash: string, now: Date): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [hash, now]);
}

/**
 * Forgets the refresh tokens of an agent's sessions that are over (ended or
 * expired): presenting one answers "session ended" all the same, and the
 * table does not grow with every renewal of every past session.
 */
export async function forgetSpentRefreshTokens(db: SqlExecutor, agentId: string, now: Date): Promise<void> {
  await db.query(
    `DELETE FROM refresh_tokens r USING sessions s
      WHERE r.session_id = s.id AND s.agent_id = $1 AND (s.ended_at IS NOT NULL OR s.expires_at <= $2)`,
    [agentId, now],
  );
}
