import type { LightMyRequestResponse } from 'fastify';
import { PROTOCOL_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../src/domain/sync-messages';
import { PUSH_BATCH_SIZE } from '../../src/app/sync/push';
import { PULL_PAGE_SIZE } from '../../src/app/sync/pull';
import type { Measure } from '../lib/results';
import { rawInsert, rowsOf } from './raw-insert';
import { creations, newCases, type BenchDevice, type World } from './world';

/**
 * The endpoint's push and pull, through the HTTP app (Fastify's inject: the
 * same routing, authentication, body parsing and validation as on the
 * network, without the socket), compared with a raw batched INSERT of the
 * same rows in the same run.
 */
export interface PushPullOptions {
  rounds: number;
  /** Mutations per round: a fifth are new young people, the rest their contact attempts. */
  mutationsPerRound: number;
  /** Changes pulled, in pages of PULL_PAGE_SIZE. */
  pullChanges: number;
}

async function push(world: World, device: BenchDevice, mutations: Mutation[]): Promise<void> {
  const response = await world.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { authorization: `Bearer ${device.token}` },
    payload: { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations },
  });
  if (response.statusCode !== 200) throw new Error(`push answered ${response.statusCode}: ${response.body}`);
  const body = response.json<PushResponse>();
  const refused = body.results.filter((result) => result.status !== 'applied');
  if (refused.length > 0) throw new Error(`push not applied: ${JSON.stringify(refused[0])}`);
}

async function pullAll(world: World, device: BenchDevice, wanted: number): Promise<number> {
  let cursor: string | null = null;
  let received = 0;
  while (received < wanted) {
    const response: LightMyRequestResponse = await world.app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { protocolVersion: PROTOCOL_VERSION, cursor, limit: PULL_PAGE_SIZE },
    });
    if (response.statusCode !== 200) throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
    const page: PullResponse = response.json<PullResponse>();
    received += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return received;
}

const batches = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

export async function measurePushPull(world: World, options: PushPullOptions): Promise<Measure[]> {
  const device = world.devices[0]!;
  const pushed: number[] = [];
  const raw: number[] = [];
  const people = Math.max(1, Math.round(options.mutationsPerRound / 5));
  for (let round = 0; round < options.rounds; round += 1) {
    const cases = newCases(device, people, 4, 9_000 + round);
    const mutations = creations(device, cases);
    let start = performance.now();
    for (const batch of batches(mutations, PUSH_BATCH_SIZE)) await push(world, device, batch);
    pushed.push(mutations.length / ((performance.now() - start) / 1000));
    const rows = rowsOf(cases);
    start = performance.now();
    for (const batch of batches(rows, PUSH_BATCH_SIZE)) await rawInsert(world.db, device, batch);
    raw.push(rows.length / ((performance.now() - start) / 1000));
  }
  const pulls: number[] = [];
  let pulled = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    const start = performance.now();
    pulled = await pullAll(world, device, options.pullChanges);
    pulls.push(performance.now() - start);
  }
  const on = `on ${world.backend}`;
  const postgres = world.backend === 'PostgreSQL';
  return [
    {
      section: 'server',
      operation: `push ${options.mutationsPerRound.toLocaleString('en')} mutations in batches of ${PUSH_BATCH_SIZE} ${on}`,
      variant: 'raw batched INSERT',
      unit: 'mutations/s',
      samples: raw,
    },
    {
      section: 'server',
      operation: `push ${options.mutationsPerRound.toLocaleString('en')} mutations in batches of ${PUSH_BATCH_SIZE} ${on}`,
      variant: 'endpoint push (HTTP app)',
      unit: 'mutations/s',
      samples: pushed,
      baseline: 'raw batched INSERT',
      budget: postgres
        ? { min: 2000, ratioMin: 0.3, text: '≥ 2,000/s and ≥ 0.30× raw' }
        : { ratioMin: 0.3, text: '≥ 0.30× raw' },
    },
    {
      section: 'server',
      operation: `pull ${pulled.toLocaleString('en')} changes in pages of ${PULL_PAGE_SIZE} ${on}`,
      variant: 'endpoint pull (HTTP app)',
      unit: 'ms',
      samples: pulls,
      budget: { max: (1000 * pulled) / 10_000, text: pulled >= 10_000 ? '≤ 1 s' : `≤ 1 s per 10,000` },
    },
  ];
}
