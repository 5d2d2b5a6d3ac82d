import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Length of a generated secret: 256 bits, as the HMAC-SHA256 key of access tokens. */
const SECRET_BYTES = 32;
const SECRET_FILE = 'session-secret';

/**
 * The key that signs access tokens.
 *
 * 1. SESSION_SECRET, when set: the same value in every endpoint process (more
 *    than one process, or a data folder that is not shared).
 * 2. Otherwise `DATA_DIR/session-secret`, read as it is.
 * 3. Absent: 32 random bytes written there, readable by the endpoint's user
 *    only (0600). Created exclusively ('wx'), so two processes starting
 *    together on one data folder end up with the same secret: the loser of
 *    the race reads the winner's file.
 *
 * Changing the secret ends every access token at once (devices renew them
 * with their refresh token, which the secret does not sign).
 */
export function loadSessionSecret(options: { sessionSecret?: string; dataDir: string }): Buffer {
  if (options.sessionSecret) return Buffer.from(options.sessionSecret, 'utf8');
  const path = join(options.dataDir, SECRET_FILE);
  try {
    return readSecretFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  try {
    writeFileSync(path, randomBytes(SECRET_BYTES).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecretFile(path);
}

function readSecretFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (text.length < 32) throw new Error(`${path} holds no usable secret (at least 32 characters): delete it or fix it`);
  return Buffer.from(text, 'utf8');
}
