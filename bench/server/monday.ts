import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { Measure } from '../lib/results';
import { rawInsert, rowsOf } from './raw-insert';
import { BARE_PATHS, startBareEndpoint } from './bare-endpoint';
import { FLOOR_PATHS, startHttpFloor } from './http-floor';
import {
  APP_PATHS,
  pullToEnd,
  type BurstCpu,
  type MondayClientsInput,
  type SyncPaths,
  type Timings,
} from './monday-clients';
import { newCases, type World } from './world';

/**
 * A Monday morning: every device of the académie syncs at once, over real
 * HTTP on a listening port (loopback only). Each device pushes the few
 * changes of its weekend, then pulls what its colleagues sent, page by page.
 * Every request's latency is kept; a non-200 answer is an error. The
 * devices run in a worker thread (monday-clients.ts), off the endpoint's
 * event loop. Then the same bursts go to the bare endpoint (bare-endpoint.ts):
 * what the same requests cost this machine when the endpoint does only the
 * database's part — the limit the latencies are compared with; and to an
 * endpoint with no database at all (http-floor.ts): what HTTP and the
 * tablets alone cost, the floor under both. Each burst's CPU time is kept
 * too, party by party (cpu-time.ts): what the machine has to spend on it,
 * against the 400 ms of CPU two cores give in the budget's 200 ms.
 */
export interface MondayOptions {
  bursts: number;
  /** Cases already on each adviser's device before the burst. */
  casesPerAdviser: number;
  /** New young people pushed by each device in a burst (each with 4 contact attempts). */
  peoplePerPush: number;
}

/** Runs the bursts in a worker thread (monday-clients.ts) and returns what it timed. */
function runClients(input: MondayClientsInput): Promise<Timings> {
  return new Promise((resolve, reject) => {
    // A worker's own entry file is loaded before any --import hook: register tsx first, then load the clients.
    const clients = new URL('./monday-clients.ts', import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(clients)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: input });
    worker.once('message', (message: { timings?: Timings; error?: string }) => {
      void worker.terminate();
      if (message.timings) resolve(message.timings);
      else reject(new Error(message.error ?? 'the clients stopped'));
    });
    worker.once('error', reject);
  });
}

/** Each device pulls once to the end (not measured), then the bursts run; returns their timings. */
async function burstsAgainst(base: string, world: World, options: MondayOptions, paths: SyncPaths): Promise<Timings> {
  const warmUp = { pull: [] as number[], errors: [] as string[] };
  const cursors = new Map<string, string | null>();
  for (const device of world.devices) {
    cursors.set(device.deviceId, await pullToEnd(base, device, null, warmUp, paths.pull));
  }
  if (warmUp.errors.length > 0) throw new Error(`first pull: ${warmUp.errors[0]}`);
  const timings = await runClients({
    base,
    devices: world.devices,
    cursors: Object.fromEntries(cursors),
    bursts: options.bursts,
    peoplePerPush: options.peoplePerPush,
    paths,
  });
  if (timings.errors.length > 0)
    throw new Error(`${timings.errors.length} failed requests, first: ${timings.errors[0]}`);
  return timings;
}

const addressOf = (server: { address(): unknown }) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** The bursts against a baseline endpoint started for them, closed after. */
async function burstsAgainstOwnServer(
  start: () => Promise<FastifyInstance>,
  world: World,
  options: MondayOptions,
  paths: SyncPaths,
): Promise<Timings> {
  const server = await start();
  try {
    return await burstsAgainst(addressOf(server.server), world, options, paths);
  } finally {
    await server.close();
  }
}

export async function measureMonday(world: World, options: MondayOptions): Promise<Measure[]> {
  // Each adviser's cases, written directly (not measured), then every device pulls them once.
  for (const [index, device] of world.devices.entries()) {
    await rawInsert(world.db, device, rowsOf(newCases(device, options.casesPerAdviser, 4, 50_000 + index)));
  }
  await world.app.listen({ port: 0, host: '127.0.0.1' });
  const timings = await burstsAgainst(addressOf(world.app.server), world, options, APP_PATHS);
  const limit = await burstsAgainstOwnServer(
    () => startBareEndpoint(world.db, world.devices),
    world,
    options,
    BARE_PATHS,
  );
  const floor = await burstsAgainstOwnServer(startHttpFloor, world, options, FLOOR_PATHS);
  const operation = `${world.devices.length} devices syncing at once (real HTTP) on ${world.backend}`;
  const budget = { max: 200, on: 'p95' as const, text: 'p95 ≤ 200 ms, no error' };
  const section = 'server' as const;
  const unit = 'ms' as const;
  const cpu = (variant: string, note: string, of: Timings, part: (burst: BurstCpu) => number): Measure[] => {
    const samples = of.cpu.map(part);
    return samples.every(Number.isFinite) ? [{ section, operation, variant, unit, samples, note }] : [];
  };
  const all = (burst: BurstCpu) =>
    burst.tablets + burst.endpoint + (world.backend === 'PostgreSQL' ? burst.postgres : 0);
  return [
    { section, operation, variant: 'push latency', unit, samples: timings.push, budget, baseline: BARE_PUSH },
    { section, operation, variant: 'pull latency', unit, samples: timings.pull, budget, baseline: BARE_PULL },
    { section, operation, variant: BARE_PUSH, unit, samples: limit.push },
    { section, operation, variant: BARE_PULL, unit, samples: limit.pull },
    { section, operation, variant: 'HTTP alone, no database (floor): push latency', unit, samples: floor.push },
    { section, operation, variant: 'HTTP alone, no database (floor): pull latency', unit, samples: floor.pull },
    // What a burst costs the machine (2 cores: 400 ms of CPU in the budget's 200 ms), party by party.
    ...cpu('CPU per burst: the simulated tablets', 'ms of one core', timings, (burst) => burst.tablets),
    ...cpu(
      'CPU per burst: the endpoint',
      'ms of one core, V8 helper threads included',
      timings,
      (burst) => burst.endpoint,
    ),
    ...(world.backend === 'PostgreSQL'
      ? cpu('CPU per burst: the PostgreSQL server', 'ms of one core', timings, (burst) => burst.postgres)
      : []),
    ...cpu('CPU per burst, all of it', 'ms of one core; 400 in 200 ms on 2 cores', timings, all),
    ...cpu('CPU per burst, all of it: bare endpoint (limit)', 'ms of one core', limit, all),
    ...cpu('CPU per burst, all of it: HTTP alone (floor)', 'ms of one core', floor, all),
  ];
}

const BARE_PUSH = 'bare endpoint (limit): push latency';
const BARE_PULL = 'bare endpoint (limit): pull latency';
