import type { SqlExecutor } from './database';

/** Stores a new refresh token's hash; false when that hash is already held (nothing written). */
export async function insertRefreshToken(
  db: SqlExecutor,
  token: { hash: string; sessionId: string; now: Date },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (token_hash) DO NOTHING RETURNING token_hash`,
    [token.hash, token.sessionId, token.now],
  );
  return rows.length === 1;
}

/** Spends a refresh token, naming the token that replaces it. */
export async function markRefreshTokenUsed(
  db: SqlExecutor,
  hash: string,
  now: Date,
  successorHash: string,
): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = $2, successor_hash = $3 WHERE token_hash = $1', [
    hash,
    now,
    successorHash,
  ]);
}

/** Whether a refresh token is held and not yet spent. */
export async function isRefreshTokenUnspent(db: SqlExecutor, hash: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NULL', [hash]);
  return rows.length === 1;
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
