import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The floor under a Monday morning: the same requests over the same HTTP,
 * each body read and parsed, answered at once with a constant of the right
 * shape (a push acknowledged, a pull with nothing more to give) — no
 * database at all. What the machine, its HTTP stack and the simulated
 * tablets cost before the endpoint does anything.
 */
export const FLOOR_PATHS = { push: '/floor/push', pull: '/floor/pull' };

export async function startHttpFloor(): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  app.post(FLOOR_PATHS.push, async (request) => {
    const body = request.body as { mutations: { seq: number }[] };
    return { results: [], lastSeq: body.mutations.at(-1)?.seq ?? 0 };
  });
  app.post(FLOOR_PATHS.pull, async (request) => {
    const { cursor } = request.body as { cursor: string | null };
    return { changes: [], hasMore: false, cursor: cursor ?? '0' };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}
