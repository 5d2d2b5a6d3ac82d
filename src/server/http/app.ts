import Fastify, { type FastifyInstance } from 'fastify';
import type { AuthOptions } from '../auth/auth-options';
import { defaultPrivacySettings, type PrivacySettings } from '../privacy/privacy-settings';
import { installAuthentication } from './authenticate';
import { installErrorHandler } from './errors';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerAuditRoutes } from './routes/audit-routes';
import { registerAccountRoutes } from './routes/account-routes';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerCaseRoutes } from './routes/case-routes';
import { registerCatalogueRoutes } from './routes/catalogue-routes';
import { registerDeviceRoutes } from './routes/device-routes';
import { registerDirectoryRoutes } from './routes/directory-routes';
import { registerDistributionRoutes } from './routes/distribution-routes';
import { registerImportRoutes } from './routes/import-routes';
import { registerPrivacyRoutes } from './routes/privacy-routes';
import { registerStatsRoutes } from './routes/stats-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import { installSecurityHeaders } from './security-headers';
import { registerStaticApp } from './static-app';

export interface AppOptions extends AuthOptions {
  /** Fastify's trustProxy (TRUST_PROXY): client address and TLS read from X-Forwarded-* headers. */
  trustProxy?: boolean | string;
  /** Folder of the built app; omitted: API only. */
  distDir?: string;
  logger?: boolean;
  /** Retention, device settings and the information notice; omitted: the defaults and the shipped notice. */
  privacy?: PrivacySettings;
}

/** The endpoint: the API under /api and, when built, the app itself. Wiring only. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  installSecurityHeaders(app);
  installErrorHandler(app);
  installAuthentication(app, options.db, options.clock, options.sessionSecret);
  app.get('/api/health', async () => ({ status: 'ok' }));
  registerAuthRoutes(app, options);
  registerAccountRoutes(app, options);
  registerDeviceRoutes(app, options);
  registerSyncRoutes(app, options);
  const privacy = options.privacy ?? defaultPrivacySettings();
  registerDirectoryRoutes(app, { ...options, privacy });
  registerCaseRoutes(app, options);
  registerDistributionRoutes(app, options);
  registerPrivacyRoutes(app, { ...options, privacy });
  registerAdminRoutes(app, options);
  registerAuditRoutes(app, options);
  registerImportRoutes(app, options);
  registerCatalogueRoutes(app, options);
  registerStatsRoutes(app, options);
  if (options.distDir) await registerStaticApp(app, options.distDir);
  else
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ error: 'not_found', message: 'Ressource introuvable' }),
    );
  return app;
}
