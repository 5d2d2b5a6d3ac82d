import type { FastifyInstance } from 'fastify';

/**
 * Every route the endpoint registered under /api, as "METHOD /path", read
 * from Fastify itself so that a new route is seen without editing any test.
 * printRoutes draws a tree even with commonPrefix off: a parametric child
 * (`/api/admin/agents` → `/:id`) is a line of its own, indented under its
 * parent, and its path is the parent's plus its own.
 */
export function registeredApiRoutes(app: FastifyInstance, options: { withHead?: boolean } = {}): string[] {
  const routes = new Set<string>();
  const pathAtDepth: string[] = [''];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│├└─\s]*)(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match?.[2]) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (pathAtDepth[depth - 1] ?? '') + match[2];
    pathAtDepth[depth] = path;
    if (!match[3] || !path.startsWith('/api/')) continue;
    for (const method of match[3].split(', ')) {
      if (method !== 'HEAD' || options.withHead) routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}
