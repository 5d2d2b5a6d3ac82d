import { parentPort, workerData } from 'node:worker_threads';
import { PROTOCOL_VERSION, type PullResponse } from '../../src/domain/sync-messages';
import { PULL_PAGE_SIZE } from '../../src/app/sync/pull';
import { postgresCpuMs, processCpuMs, threadCpuMs } from './cpu-time';
import { postJson } from './http-post';
import { creations, newCases, type BenchDevice } from './world';

/**
 * The tablets of a Monday morning, in a worker thread of their own: the
 * requests, their JSON and their timing run beside the endpoint, not on its
 * event loop (200 real tablets do not borrow the server's CPU either; on a
 * 2-core machine they still share it with the endpoint and the database).
 */
export interface MondayClientsInput {
  base: string;
  devices: BenchDevice[];
  cursors: Record<string, string | null>;
  bursts: number;
  peoplePerPush: number;
  /** Where to push and pull: the endpoint's sync routes, or the bare endpoint's (bare-endpoint.ts). */
  paths: SyncPaths;
}

export interface SyncPaths {
  push: string;
  pull: string;
}

export const APP_PATHS: SyncPaths = { push: '/api/sync/push', pull: '/api/sync/pull' };

export interface Timings {
  push: number[];
  pull: number[];
  errors: string[];
  /** CPU time of each burst (ms of one core), from its first request to its last answer. */
  cpu: BurstCpu[];
}

export interface BurstCpu {
  /** This worker's thread: the 200 tablets' requests, JSON and timing. */
  tablets: number;
  /** The whole process but the tablets' thread: the endpoint (PGlite in it) and the helper threads V8 gives both. */
  endpoint: number;
  /** The PostgreSQL server's processes (none of the work on PGlite). */
  postgres: number;
}

const cpuNow = () => ({ thread: threadCpuMs(), process: processCpuMs(), postgres: postgresCpuMs() });

function cpuSince(start: ReturnType<typeof cpuNow>): BurstCpu {
  const end = cpuNow();
  const tablets = end.thread - start.thread;
  return { tablets, endpoint: end.process - start.process - tablets, postgres: end.postgres - start.postgres };
}

async function post(
  base: string,
  device: BenchDevice,
  path: string,
  body: string,
  timings: number[],
  errors: string[],
) {
  const start = performance.now();
  const { status, text } = await postJson(`${base}${path}`, device.token, body);
  timings.push(performance.now() - start);
  if (status !== 200) errors.push(`${path} ${status} ${text.slice(0, 200)}`);
  return status === 200 ? (JSON.parse(text) as unknown) : undefined;
}

/** Pulls page by page to the end; returns the last cursor. */
export async function pullToEnd(
  base: string,
  device: BenchDevice,
  cursor: string | null,
  timings: Pick<Timings, 'pull' | 'errors'>,
  path = APP_PATHS.pull,
) {
  for (let page = 0; page < 1000; page += 1) {
    const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, cursor, limit: PULL_PAGE_SIZE });
    const answer = (await post(base, device, path, body, timings.pull, timings.errors)) as PullResponse | undefined;
    if (!answer) return cursor;
    cursor = answer.cursor;
    if (!answer.hasMore) return cursor;
  }
  return cursor;
}

/** Every device at once: it pushes the few changes of its weekend, then pulls what its colleagues sent. */
export async function runBursts(input: MondayClientsInput): Promise<Timings> {
  const timings: Timings = { push: [], pull: [], errors: [], cpu: [] };
  const cursors = new Map(Object.entries(input.cursors));
  for (let burst = 0; burst < input.bursts; burst += 1) {
    // Every device's body is written before the burst: real tablets do it on their own CPUs, at the same time.
    const pushes = input.devices.map((device, index) => ({
      device,
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: device.deviceId,
        mutations: creations(device, newCases(device, input.peoplePerPush, 4, 70_000 + burst * 1_000 + index)),
      }),
    }));
    const cpuAtStart = cpuNow();
    await Promise.all(
      pushes.map(async ({ device, body }) => {
        await post(input.base, device, input.paths.push, body, timings.push, timings.errors);
        cursors.set(
          device.deviceId,
          await pullToEnd(input.base, device, cursors.get(device.deviceId) ?? null, timings, input.paths.pull),
        );
      }),
    );
    timings.cpu.push(cpuSince(cpuAtStart));
  }
  return timings;
}

if (parentPort && workerData) {
  const port = parentPort;
  runBursts(workerData as MondayClientsInput).then(
    (timings) => port.postMessage({ timings }),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
}
