import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of the app and the API. The built app is only
 * files of its own origin: module scripts, stylesheets, icons, fonts, the
 * service worker and the manifest — no inline script or style element, no
 * third party. Vue and the DSFR components set styles through the CSSOM
 * (element.style), which a CSP does not govern, so 'unsafe-inline' is needed
 * nowhere. tests/e2e/security-headers.test.ts loads the built app under it
 * and fails on any violation.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets WebAssembly compile (argon2id, which derives the device's key from the PIN); not JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Powerful features the app never uses, refused to it and to anything that would inject itself. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
].join(', ');

const EVERY_ANSWER = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};

/** Two years, subdomains included: the usual HSTS preload value. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Sets the security headers on every answer (app files, API, errors, 404),
 * before anything else runs so that even a refusal carries them.
 * - Strict-Transport-Security only on a request that came over TLS: directly,
 *   or through a trusted proxy that says so in X-Forwarded-Proto (TRUST_PROXY);
 *   sent over plain HTTP it would be ignored at best.
 * - API answers (tokens, personal data) are never stored by a cache.
 * - No CORS header is ever set: other origins cannot read any answer.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(EVERY_ANSWER);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
