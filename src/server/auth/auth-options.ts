import type { Database } from '../store/database';
import type { Clock } from './actor';
import type { SessionSettings } from './device-sessions';
import { realSleep, type Sleep } from './login-throttle';

/** What the login, session and account routes need from the endpoint's options. */
export interface AuthOptions {
  db: Database;
  clock: Clock;
  sessionDays: number;
  /** HMAC-SHA256 key of access tokens (session-secret.ts). */
  sessionSecret: Buffer;
  /** Lifetime of an access token; default 15. */
  accessTokenMinutes?: number;
  /** How a throttled login waits; default a real timer (tests move their clock instead). */
  sleep?: Sleep;
}

export const DEFAULT_ACCESS_TOKEN_MINUTES = 15;

export function sessionSettings(options: AuthOptions): SessionSettings {
  return {
    secret: options.sessionSecret,
    sessionDays: options.sessionDays,
    accessTokenMinutes: options.accessTokenMinutes ?? DEFAULT_ACCESS_TOKEN_MINUTES,
  };
}

export function sleepOf(options: AuthOptions): Sleep {
  return options.sleep ?? realSleep;
}
