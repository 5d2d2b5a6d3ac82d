/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { ExpirationPlugin } from 'workbox-expiration';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare let self: ServiceWorkerGlobalScope;

/**
 * The whole app shell is precached at install, so the app opens with no
 * network. Every app route falls back to the entry page — never /api, whose
 * answers are not cached here at all: the device's data lives in IndexedDB.
 */
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api(\/|$)/] }));

/**
 * libsodium (see db/crypto/chacha-poly.ts) is not precached — 433 kB that the
 * app can do without, sealing with @noble/ciphers — but kept once fetched,
 * at the first unlock online (after the login, in practice), so later
 * unlocks offline use it too. Its name carries its content's hash: one copy
 * is kept, the newest.
 */
registerRoute(
  ({ url }) => url.origin === self.location.origin && /\/assets\/sodium-chacha-poly-[^/]+\.js$/.test(url.pathname),
  new CacheFirst({ cacheName: 'raccroche-libsodium', plugins: [new ExpirationPlugin({ maxEntries: 1 })] }),
);

/** The page asks the waiting version to take over only when the user accepted the update. */
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
