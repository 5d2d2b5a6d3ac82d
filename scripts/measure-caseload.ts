/**
 * Performance figures of the caseload on 5,000 generated young people with
 * about 10 contact attempts each (for the README):
 * 1. in Node, on the app's caseload store over fake-indexeddb (much slower
 *    than a browser's IndexedDB: the opening figure is pessimistic);
 * 2. in Chromium, on the real caseload screen over the browser's IndexedDB,
 *    each change timed until the DOM shows it (skipped without Chromium).
 *
 *   node --import tsx scripts/measure-caseload.ts [count]
 */
import 'fake-indexeddb/auto';
import vue from '@vitejs/plugin-vue';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { appDb } from '../src/app/db/instance';
import { useCaseloadStore } from '../src/app/stores/caseload';
import {
  describeFigures,
  fillCaseload,
  measureCaseload,
  type CaseloadBenchmarkPage,
  type CaseloadFigures,
} from '../tests/support/app/caseload-benchmark';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/server/chromium';

const count = Number(process.argv[2] ?? 5000);

async function measureInNode(): Promise<CaseloadFigures> {
  const filled = await fillCaseload(appDb, count);
  return measureCaseload(
    filled,
    async () => {
      setActivePinia(createPinia());
      const caseload = useCaseloadStore();
      while (caseload.shown.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return caseload;
    },
    async () => {
      void useCaseloadStore().shown.length;
    },
  );
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'caseload-benchmark.html' : path);
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

async function measureInChromium(): Promise<CaseloadFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'raccroche-measure-'));
  try {
    await build({
      configFile: false,
      root: resolve('tests/support/app'),
      base: './',
      logLevel: 'warn',
      plugins: [vue()],
      css: { lightningcss: { errorRecovery: true } },
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        cssMinify: false,
        rollupOptions: { input: 'caseload-benchmark.html' },
      },
    });
    const server = await serve(outDir);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // Both callbacks run in the page: the benchmark page set its function on the window.
      await page.waitForFunction(
        () => typeof (globalThis as unknown as CaseloadBenchmarkPage).measureCaseloadScreen === 'function',
      );
      return await page.evaluate(
        (n) => (globalThis as unknown as CaseloadBenchmarkPage).measureCaseloadScreen(n),
        count,
      );
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

console.log(describeFigures(await measureInNode(), `Node ${process.version}, caseload store, fake-indexeddb`));
appDb.close();
try {
  console.log(`\n${describeFigures(await measureInChromium(), 'Chromium, caseload screen (DOM updated)')}`);
} catch (error) {
  console.log(`\nChromium measure skipped: ${error instanceof Error ? error.message : String(error)}`);
}
