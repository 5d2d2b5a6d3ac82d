import type { FastifyInstance } from 'fastify';
import type { DirectoryResponse } from '../../../domain/directory';
import type { Database } from '../../store/database';
import { findPlatform, listPlatformAgents } from '../../store/agents-repo';
import { actorOf } from '../authenticate';

/** GET /api/directory: the user's platform and its agents (names and roles only). */
export function registerDirectoryRoutes(app: FastifyInstance, options: { db: Database }): void {
  app.get('/api/directory', async (request): Promise<DirectoryResponse> => {
    const actor = actorOf(request);
    if (!actor.platformId) return { platform: null, agents: [] };
    const [platform, agents] = await Promise.all([
      findPlatform(options.db, actor.platformId),
      listPlatformAgents(options.db, actor.platformId),
    ]);
    return { platform, agents };
  });
}
