import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../../src/server/auth/actor';
import { seedDemo } from '../../../src/server/demo/seed-demo';
import { buildApp } from '../../../src/server/http/app';
import type { Database } from '../../../src/server/store/database';
import { openDatabase } from '../../../src/server/store/open-database';

export const DEMO_PASSWORD = 'Demo-e2e-password-1';

export interface RunningEndpoint {
  url: string;
  db: Database;
  stop(): Promise<void>;
}

/**
 * The real endpoint serving the built app (dist/, or a copy of it), on an
 * embedded database in a temporary folder, with the demo data, on a free port
 * of localhost.
 */
export async function startEndpoint(
  options: { distDir?: string; accessTokenMinutes?: number } = {},
): Promise<RunningEndpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raccroche-e2e-'));
  const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  await seedDemo(db, DEMO_PASSWORD, systemClock);
  const app = await buildApp({
    db,
    clock: systemClock,
    sessionDays: 30,
    sessionSecret: randomBytes(32),
    ...(options.accessTokenMinutes ? { accessTokenMinutes: options.accessTokenMinutes } : {}),
    distDir: options.distDir ?? resolve('dist'),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    db,
    async stop() {
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the HTTP API, as a device would. */
export async function apiLogin(baseUrl: string, email: string): Promise<{ token: string; deviceId: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD, deviceName: 'test' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const body = (await response.json()) as { accessToken: string; deviceId: string };
  return { token: body.accessToken, deviceId: body.deviceId };
}
