import type { AddressInfo } from 'node:net';
import { PROTOCOL_VERSION, type PullResponse } from '../../src/domain/sync-messages';
import { PULL_PAGE_SIZE } from '../../src/app/sync/pull';
import type { Measure } from '../lib/results';
import { rawInsert, rowsOf } from './raw-insert';
import { creations, newCases, type BenchDevice, type World } from './world';

/**
 * A Monday morning: every device of the académie syncs at once, over real
 * HTTP on a listening port (loopback only). Each device pushes the few
 * changes of its weekend, then pulls what its colleagues sent, page by page.
 * Every request's latency is kept; a non-200 answer is an error.
 */
export interface MondayOptions {
  bursts: number;
  /** Cases already on each adviser's device before the burst. */
  casesPerAdviser: number;
  /** New young people pushed by each device in a burst (each with 4 contact attempts). */
  peoplePerPush: number;
}

interface Timings {
  push: number[];
  pull: number[];
  errors: string[];
}

async function post(
  base: string,
  device: BenchDevice,
  path: string,
  body: unknown,
  timings: number[],
  errors: string[],
) {
  const start = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  timings.push(performance.now() - start);
  if (response.status !== 200) errors.push(`${path} ${response.status} ${text.slice(0, 200)}`);
  return response.status === 200 ? (JSON.parse(text) as unknown) : undefined;
}

async function pullToEnd(base: string, device: BenchDevice, cursor: string | null, timings: Timings) {
  for (let page = 0; page < 1000; page += 1) {
    const body = { protocolVersion: PROTOCOL_VERSION, cursor, limit: PULL_PAGE_SIZE };
    const answer = (await post(base, device, '/api/sync/pull', body, timings.pull, timings.errors)) as
      PullResponse | undefined;
    if (!answer) return cursor;
    cursor = answer.cursor;
    if (!answer.hasMore) return cursor;
  }
  return cursor;
}

export async function measureMonday(world: World, options: MondayOptions): Promise<Measure[]> {
  // Each adviser's cases, written directly (not measured), then every device pulls them once.
  for (const [index, device] of world.devices.entries()) {
    await rawInsert(world.db, device, rowsOf(newCases(device, options.casesPerAdviser, 4, 50_000 + index)));
  }
  await world.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
  const warmUp: Timings = { push: [], pull: [], errors: [] };
  const cursors = new Map<string, string | null>();
  for (const device of world.devices) cursors.set(device.deviceId, await pullToEnd(base, device, null, warmUp));
  if (warmUp.errors.length > 0) throw new Error(`first pull: ${warmUp.errors[0]}`);

  const timings: Timings = { push: [], pull: [], errors: [] };
  for (let burst = 0; burst < options.bursts; burst += 1) {
    await Promise.all(
      world.devices.map(async (device, index) => {
        const cases = newCases(device, options.peoplePerPush, 4, 70_000 + burst * 1_000 + index);
        const body = {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: device.deviceId,
          mutations: creations(device, cases),
        };
        await post(base, device, '/api/sync/push', body, timings.push, timings.errors);
        cursors.set(device.deviceId, await pullToEnd(base, device, cursors.get(device.deviceId) ?? null, timings));
      }),
    );
  }
  if (timings.errors.length > 0)
    throw new Error(`${timings.errors.length} failed requests, first: ${timings.errors[0]}`);
  const operation = `${world.devices.length} devices syncing at once (real HTTP) on ${world.backend}`;
  const budget = { max: 200, on: 'p95' as const, text: 'p95 ≤ 200 ms, no error' };
  return [
    { section: 'server', operation, variant: 'push latency', unit: 'ms', samples: timings.push, budget },
    { section: 'server', operation, variant: 'pull latency', unit: 'ms', samples: timings.pull, budget },
  ];
}
