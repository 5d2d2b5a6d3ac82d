import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from '../auth/actor';
import type { Database } from '../store/database';
import { installAuthentication } from './authenticate';
import { installErrorHandler } from './errors';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerCaseRoutes } from './routes/case-routes';
import { registerDirectoryRoutes } from './routes/directory-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import { registerStaticApp } from './static-app';

export interface AppOptions {
  db: Database;
  clock: Clock;
  sessionDays: number;
  /** Folder of the built app; omitted: API only. */
  distDir?: string;
  logger?: boolean;
}

/** The endpoint: the API under /api and, when built, the app itself. Wiring only. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  installErrorHandler(app);
  installAuthentication(app, options.db, options.clock);
  app.get('/api/health', async () => ({ status: 'ok' }));
  registerAuthRoutes(app, options);
  registerSyncRoutes(app, options);
  registerDirectoryRoutes(app, options);
  registerCaseRoutes(app, options);
  if (options.distDir) await registerStaticApp(app, options.distDir);
  else
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ error: 'not_found', message: 'Ressource introuvable' }),
    );
  return app;
}
