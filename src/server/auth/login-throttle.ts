import { isIPv4, isIPv6 } from 'node:net';
import { HttpError } from '../http/http-error';
import type { Database } from '../store/database';
import { clearKey, countAttempt, findLockEnd, lockKey, uncountAttempt } from '../store/login-attempts-repo';
import type { Clock } from './actor';

/** Failures are counted in a window of 15 minutes from the first one. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** From the 4th attempt in a window, each waits 1 s per earlier failure… */
export const DELAY_AFTER_FAILURES = 3;
const DELAY_PER_FAILURE_MS = 1000;
/** …at most 5 s. */
export const MAX_DELAY_MS = 5000;
/** The 10th failure locks the key for 15 minutes. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;

/** How an answer waits; tests move their clock instead of waiting. */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 429 whose message says nothing about the account: the same for a known, unknown or locked-out one. */
export class TooManyAttempts extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'too_many_attempts',
      `Trop de tentatives de connexion infructueuses. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    );
  }
}

/**
 * The key of a client address. An IPv6 client holds a whole /64 (and picks
 * any address in it), so its first 64 bits are the key; an IPv4 address
 * written as IPv6 (::ffff:a.b.c.d) is the IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return `address:${mapped}`;
  if (!isIPv6(address)) return `address:${address}`;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `address:${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/** An attempt let through; the caller tells how it ended. */
export interface Attempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

/**
 * Lets a password attempt through, slowed or refused, per account key (the
 * e-mail typed, whether an account has it or not) and per client address.
 *
 * 1. A key locked: 429 with the time left, before anything else (the
 *    password is not even checked, so a lock tells nothing about it).
 * 2. Count the attempt on both keys now, as if it failed, atomically: of
 *    twenty attempts sent at once each gets its own number, so no more than
 *    LOCK_AFTER_FAILURES are ever checked in a window.
 * 3. A number beyond that (attempts racing the lock): lock and refuse.
 * 4. After DELAY_AFTER_FAILURES earlier failures, wait 1 s per failure (at
 *    most 5 s) before checking: a guesser's rate drops, a user mistyping
 *    twice notices nothing.
 * 5. Then the caller checks the password and reports:
 *    - failed: the count stays; the key that reached LOCK_AFTER_FAILURES is
 *      locked for LOCK_MS;
 *    - succeeded: the account key starts again from zero; on the address
 *      key only this attempt is taken back (colleagues behind one office
 *      address do not clear each other's failures).
 */
export async function admitAttempt(
  db: Database,
  keys: { account: string; address: string },
  clock: Clock,
  sleep: Sleep,
): Promise<Attempt> {
  const both = [keys.account, keys.address];
  const start = clock();
  const lockEnd = await findLockEnd(db, both, start); // step 1
  if (lockEnd) throw new TooManyAttempts(Math.ceil((lockEnd.getTime() - start.getTime()) / 1000));

  const windowStart = new Date(start.getTime() - THROTTLE_WINDOW_MS);
  const counts = await Promise.all(both.map((key) => countAttempt(db, key, start, windowStart))); // step 2
  if (Math.max(...counts) > LOCK_AFTER_FAILURES) {
    for (const [index, key] of both.entries()) {
      if (counts[index]! > LOCK_AFTER_FAILURES) await lockKey(db, key, new Date(start.getTime() + LOCK_MS)); // step 3
    }
    throw new TooManyAttempts(LOCK_MS / 1000);
  }

  const earlierFailures = Math.max(...counts) - 1;
  if (earlierFailures >= DELAY_AFTER_FAILURES) {
    await sleep(Math.min(earlierFailures * DELAY_PER_FAILURE_MS, MAX_DELAY_MS)); // step 4
  }

  return {
    async failed() {
      const lockedUntil = new Date(clock().getTime() + LOCK_MS);
      for (const [index, key] of both.entries()) {
        if (counts[index]! >= LOCK_AFTER_FAILURES) await lockKey(db, key, lockedUntil); // step 5
      }
    },
    async succeeded() {
      await clearKey(db, keys.account);
      await uncountAttempt(db, keys.address);
    },
  };
}
