import type { SqlExecutor } from './database';

/** The latest end of a lock on any of these keys, if one is still running. */
export async function findLockEnd(db: SqlExecutor, keys: readonly string[], now: Date): Promise<Date | undefined> {
  const rows = await db.query<{ until: Date | null }>(
    'SELECT max(locked_until) AS until FROM login_attempts WHERE key = ANY($1::text[]) AND locked_until > $2',
    [keys, now],
  );
  return rows[0]?.until ?? undefined;
}

/**
 * Counts one more attempt on a key, atomically (concurrent attempts each get
 * their own number), in a window that restarts when its first attempt is
 * older than `windowStart`; the number of attempts in the window, this one
 * included.
 */
export async function countAttempt(db: SqlExecutor, key: string, now: Date, windowStart: Date): Promise<number> {
  const rows = await db.query<{ failures: number }>(
    `INSERT INTO login_attempts AS l (key, failures, window_started_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN l.window_started_at <= $3 THEN 1 ELSE l.failures + 1 END,
       window_started_at = CASE WHEN l.window_started_at <= $3 THEN $2 ELSE l.window_started_at END,
       locked_until = CASE WHEN l.window_started_at <= $3 THEN NULL ELSE l.locked_until END
     RETURNING failures`,
    [key, now, windowStart],
  );
  return rows[0]?.failures ?? 1;
}

export async function lockKey(db: SqlExecutor, key: string, until: Date): Promise<void> {
  await db.query('UPDATE login_attempts SET locked_until = $2 WHERE key = $1', [key, until]);
}

/** Takes back one counted attempt (it succeeded). */
export async function uncountAttempt(db: SqlExecutor, key: string): Promise<void> {
  await db.query('UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $1', [key]);
}

export async function clearKey(db: SqlExecutor, key: string): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE key = $1', [key]);
}
