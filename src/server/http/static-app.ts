import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built app. Hashed assets are cached for a year; the entry page,
 * the service worker and the manifest are revalidated on every visit so an
 * update is noticed. Any other GET that is not /api gets the app's entry page
 * (client-side routes); /api never does.
 */
export async function registerStaticApp(app: FastifyInstance, distDir: string): Promise<void> {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    app.log.warn(`No built app in ${distDir}: run "npm run build". Only /api is served.`);
  } else {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: ['index.html'],
      setHeaders(reply, path) {
        const immutable = /[\\/]assets[\\/]/.test(path);
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api';
    if (isPage && existsSync(indexHtml)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html', distDir);
    }
    return reply.status(404).send({ error: 'not_found', message: 'Ressource introuvable' });
  });
}
