import vue from '@vitejs/plugin-vue';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/support/server/chromium';

/**
 * The bench page built for production (minified, Vue's production build, as
 * the app ships) and served from a temporary folder on a free loopback port,
 * opened in headless Chromium.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'page.html' : path);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

export interface BenchBrowser {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export async function openBenchPage(): Promise<BenchBrowser> {
  const outDir = mkdtempSync(join(tmpdir(), 'raccroche-bench-'));
  await build({
    configFile: false,
    root: resolve('bench/device'),
    base: './',
    logLevel: 'warn',
    plugins: [vue()],
    // RxDB pins its own Dexie (4.4.2); two copies in one page refuse to run: both use the app's.
    resolve: { dedupe: ['dexie'] },
    css: { lightningcss: { errorRecovery: true } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      cssMinify: false,
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input: 'page.html' },
    },
  });
  const server = await serve(outDir);
  const browser = await launchBenchChromium();
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  page.on('pageerror', (error) => console.error(`bench page: ${error.message}`));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'raccrocheBench' in window);
  return {
    browser,
    page,
    async close() {
      await browser.close();
      server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
