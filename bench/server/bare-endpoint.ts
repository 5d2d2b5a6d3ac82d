import Fastify, { type FastifyInstance } from 'fastify';
import type { Mutation } from '../../src/domain/sync-messages';
import type { Database } from '../../src/server/store/database';
import { rawInsert } from './raw-insert';
import type { BenchDevice } from './world';

/**
 * The limit a Monday morning is compared with: the same requests over the
 * same HTTP, answered by an endpoint that does only what the database must —
 * a push is the raw batched INSERT of its records (raw-insert.ts), a pull one
 * SELECT of the adviser's records after the cursor. No session check,
 * validation, authorisation, merge, audit or idempotency.
 */
export const BARE_PATHS = { push: '/bare/push', pull: '/bare/pull' };

interface BarePullRow {
  entity: string;
  id: string;
  version: number;
  data: Record<string, unknown>;
}

export async function startBareEndpoint(db: Database, devices: readonly BenchDevice[]): Promise<FastifyInstance> {
  const byDevice = new Map(devices.map((device) => [device.deviceId, device]));
  const byToken = new Map(devices.map((device) => [`Bearer ${device.token}`, device]));
  const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  app.post(BARE_PATHS.push, async (request) => {
    const body = request.body as { deviceId: string; mutations: Mutation[] };
    const device = byDevice.get(body.deviceId)!;
    // The Monday's devices send only creations (creations() in world.ts).
    const rows = body.mutations.map((mutation) => {
      const data = mutation.op === 'create' ? mutation.data : {};
      return {
        entity: mutation.entity,
        youngPersonId: String(data.youngPersonId ?? mutation.recordId),
        data: { ...data, id: mutation.recordId },
      };
    });
    await rawInsert(db, device, rows);
    return { results: [], lastSeq: body.mutations.at(-1)?.seq ?? 0 };
  });
  app.post(BARE_PATHS.pull, async (request) => {
    const device = byToken.get(request.headers.authorization ?? '')!;
    const { cursor, limit } = request.body as { cursor: string | null; limit: number };
    const rows = await db.query<BarePullRow>(
      `SELECT entity, id, version, data FROM records
        WHERE platform_id = $1 AND referent_id = $2 AND version > $3 ORDER BY version LIMIT $4`,
      [device.platformId, device.agentId, Number(cursor ?? 0), limit + 1],
    );
    const changes = rows.slice(0, limit);
    return { changes, hasMore: rows.length > limit, cursor: String(changes.at(-1)?.version ?? cursor ?? 0) };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}
