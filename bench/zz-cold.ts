import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_AGENTS } from '../src/server/demo/demo-data';
import { logIn, waitForOfflineReady } from '../tests/e2e/browser';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/server/chromium';
import { startEndpoint } from '../tests/support/server/test-endpoint';
const launch = (profile: string) => chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, viewport: { width: 1024, height: 768 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
const endpoint = await startEndpoint({ distDir: resolve('dist') });
const profile = mkdtempSync(join(tmpdir(), 'zz-profile-'));
let context = await launch(profile);
let page = context.pages()[0] ?? (await context.newPage());
await logIn(page, endpoint.url, DEMO_AGENTS[0]!.email);
await waitForOfflineReady(page);
await page.waitForFunction(() => !document.querySelector('[data-testid="sync-last"]')?.textContent?.includes('jamais'));
await context.close();
for (let i = 0; i < 4; i++) {
  context = await launch(profile);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${endpoint.url}/jeunes`, { waitUntil: 'commit' });
  const h = await page.waitForFunction(() => (document.querySelector('h1')?.textContent?.includes('verrouillé') ? performance.now() : false), undefined, { polling: 'raf' });
  const lock = await h.jsonValue();
  const info = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource').map((r: any) => `${r.name.split('/').pop()} start ${r.startTime.toFixed(0)} end ${r.responseEnd.toFixed(0)} worker ${r.workerStart.toFixed(0)}`);
    const marks = performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`);
    const paint = performance.getEntriesByType('paint').map((m) => `${m.name} ${m.startTime.toFixed(0)}`);
    return { nav: { workerStart: nav.workerStart, fetchStart: nav.fetchStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd }, res, marks, paint };
  });
  console.log('lock at', lock, JSON.stringify(info.nav));
  if (i === 3) { console.log(info.res.join('\n')); console.log(info.marks, info.paint); }
  await context.close();
}
await endpoint.stop(); rmSync(profile, { recursive: true, force: true });
