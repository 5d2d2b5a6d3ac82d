import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * One Vitest run, five projects: unit (domain and app logic in Node),
 * component (Vue components in happy-dom), server (the endpoint on PGlite
 * and PostgreSQL), sync (devices running the app's sync code against the real
 * endpoint), e2e (the built app in real Chromium).
 */
export default defineConfig({
  plugins: [vue()],
  resolve: {
    // vite-plugin-pwa's virtual module exists only in the app's build.
    alias: {
      'virtual:pwa-register': fileURLToPath(new URL('./tests/support/app/pwa-register-stub.ts', import.meta.url)),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'sync',
          include: ['tests/sync/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // A real browser: a screen may take a few seconds to show what a sync or an unlock brought.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
