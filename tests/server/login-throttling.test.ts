import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/server/auth/login-throttle';
import { AGENTS, FIXTURE_PASSWORD } from '../support/server/fixture';
import { useTestApp, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const MINUTE = 60_000;
const WRONG = 'Pas-le-bon-mot-de-passe-1';

interface Answer {
  status: number;
  body: string;
  retryAfter: string | undefined;
  /** How long the answer waited (the test clock, which a throttled login moves instead of sleeping). */
  waitedMs: number;
}

async function attempt(t: TestApp, email: string, password: string, address = '203.0.113.7'): Promise<Answer> {
  const before = t.time.clock().getTime();
  const response = await t.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password, deviceName: 'PC' },
    remoteAddress: address,
  });
  const retryAfter = response.headers['retry-after'];
  return {
    status: response.statusCode,
    body: response.body,
    retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
    waitedMs: t.time.clock().getTime() - before,
  };
}

async function attempts(t: TestApp, count: number, email: string, address?: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await attempt(t, email, WRONG, address));
  return answers;
}

describe.each(backends)('login throttling on %s', (backend) => {
  const t = useTestApp(backend);
  const email = AGENTS.conseiller.email;

  it('answers the first 3 failures at once, then waits 1 s per earlier failure (at most 5 s)', async () => {
    const answers = await attempts(t, 9, email);
    expect(answers.map((answer) => answer.status)).toEqual(Array(9).fill(401));
    expect(answers.map((answer) => answer.waitedMs)).toEqual([0, 0, 0, 3000, 4000, 5000, 5000, 5000, 5000]);
  });

  it('locks the account for 15 minutes after 10 failures, the right password included, with Retry-After', async () => {
    const failures = await attempts(t, 10, email);
    expect(failures.every((answer) => answer.status === 401)).toBe(true);

    const locked = await attempt(t, email, FIXTURE_PASSWORD, '198.51.100.1'); // right password, another address
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe('900');
    expect(JSON.parse(locked.body)).toEqual({
      error: 'too_many_attempts',
      message: 'Trop de tentatives de connexion infructueuses. Par sécurité, réessayez dans 15 minutes.',
    });
    expect(locked.waitedMs).toBe(0); // refused before anything is checked

    t.time.advance(10 * MINUTE);
    const later = await attempt(t, email, FIXTURE_PASSWORD, '198.51.100.1');
    expect(later.status).toBe(429);
    expect(Number(later.retryAfter)).toBeLessThanOrEqual(300);
    expect(JSON.parse(later.body).message).toContain('dans 5 minutes');

    t.time.advance(5 * MINUTE);
    expect((await attempt(t, email, FIXTURE_PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('starts the account again from zero after a success', async () => {
    await attempts(t, 5, email);
    expect((await attempt(t, email, FIXTURE_PASSWORD)).status).toBe(200);
    const next = await attempts(t, 3, email, '198.51.100.2');
    expect(next.map((answer) => answer.waitedMs)).toEqual([0, 0, 0]);
  });

  it('forgets failures older than 15 minutes', async () => {
    await attempts(t, 9, email);
    t.time.advance(15 * MINUTE);
    const fresh = await attempts(t, 3, email);
    expect(fresh.map((answer) => [answer.status, answer.waitedMs])).toEqual([
      [401, 0],
      [401, 0],
      [401, 0],
    ]);
  });

  it('treats an unknown account exactly like a known one: same statuses, bodies, waits and lock', async () => {
    const known = [...(await attempts(t, 10, email, '198.51.100.3')), await attempt(t, email, WRONG, '198.51.100.4')];
    const unknown = [
      ...(await attempts(t, 10, 'personne@test.example', '198.51.100.5')),
      await attempt(t, 'personne@test.example', WRONG, '198.51.100.6'),
    ];
    expect(unknown).toEqual(known);
    expect(known.at(-1)?.status).toBe(429);
  });

  it('counts the e-mail as typed, whatever its case and spaces', async () => {
    await attempts(t, 5, email.toUpperCase());
    const next = await attempt(t, `  ${email} `, WRONG);
    expect(next.waitedMs).toBe(5000);
  });

  it('locks an address that fails on many accounts, and only that address', async () => {
    const address = '192.0.2.10';
    for (let i = 0; i < 10; i++) await attempt(t, `inconnu${i}@test.example`, WRONG, address);

    const fromThere = await attempt(t, AGENTS.mlds.email, FIXTURE_PASSWORD, address);
    expect(fromThere.status).toBe(429);
    expect(fromThere.retryAfter).toBe('900');
    expect((await attempt(t, AGENTS.mlds.email, FIXTURE_PASSWORD, '192.0.2.11')).status).toBe(200);
  });

  it('keeps counting on the address when colleagues behind it log in successfully', async () => {
    const office = '192.0.2.20';
    await attempt(t, 'faute.de.frappe@test.example', WRONG, office);
    await attempt(t, 'autre.faute@test.example', WRONG, office);
    await attempt(t, 'encore.une@test.example', WRONG, office);
    expect((await attempt(t, AGENTS.mlds.email, FIXTURE_PASSWORD, office)).waitedMs).toBe(3000);
    expect((await attempt(t, AGENTS.coordinateur.email, FIXTURE_PASSWORD, office)).waitedMs).toBe(3000);
  });

  it('lets no more than 10 of 20 simultaneous guesses be checked', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(t, email, WRONG)));
    const statuses = answers.map((answer) => answer.status);
    // Each is counted before it is checked; which ones pass depends on how the two keys' counts interleave.
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - checked);
    expect((await attempt(t, email, FIXTURE_PASSWORD, '198.51.100.9')).status).toBe(429);
  });

  it('keeps the count in the database: a restart of the endpoint changes nothing', async () => {
    await attempts(t, 10, email);
    await t.restartEndpoint();
    expect((await attempt(t, email, FIXTURE_PASSWORD, '198.51.100.7')).status).toBe(429);
  });
});

describe('the key of a client address', () => {
  it('is the address itself for IPv4, also when written as IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('address:203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('address:203.0.113.7');
  });

  it('is the /64 network for IPv6, however the address is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('address:2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::1')).toBe('address:2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('address:2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('address:0:0:0:0::/64');
  });
});
