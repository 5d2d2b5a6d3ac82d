import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { DEVICE_PIN, logIn, waitForOfflineReady } from '../../tests/e2e/browser';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/support/server/chromium';
import { startEndpoint } from '../../tests/support/server/test-endpoint';
import { ensureBuild } from '../build-size';
import type { Measure } from '../lib/results';

/**
 * Cold start from the service worker's cache: the built app (dist/) served by
 * the real endpoint, the conseillère logged in, her PIN set and her caseload
 * synced once; then Chromium is closed and started again on the same profile
 * and opens /jeunes. Times are the page's own (from its navigation start):
 * to the lock screen (the app locks at every start), and from the press on
 * "Déverrouiller" (the PIN typed at once) to the caseload's first rows.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;

const launch = (profile: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1024, height: 768 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });

export async function measureColdStart(starts: number, log: (line: string) => void): Promise<Measure[]> {
  ensureBuild(log);
  const endpoint = await startEndpoint({ distDir: resolve('dist') });
  const profile = mkdtempSync(join(tmpdir(), 'raccroche-bench-profile-'));
  try {
    let context = await launch(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await waitForOfflineReady(page);
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="sync-last"]')?.textContent?.includes('jamais'),
    );
    const [{ count }] = (await endpoint.db.query(
      `SELECT count(*)::int AS count FROM records WHERE entity = 'youngPerson' AND referent_id = $1`,
      [CONSEILLERE.id],
    )) as [{ count: number }];
    await context.close();

    const toLock: number[] = [];
    const toRows: number[] = [];
    const warmUps = starts > 1 ? 1 : 0; // the first start after installation warms the caches of the OS
    for (let start = 0; start < starts + warmUps; start += 1) {
      context = await launch(profile);
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${endpoint.url}/jeunes`, { waitUntil: 'commit' });
      const lockShown = await page.waitForFunction(
        () => (document.querySelector('h1')?.textContent?.includes('verrouillé') ? performance.now() : false),
        undefined,
        { polling: 'raf' },
      );
      const lockMs = (await lockShown.jsonValue()) as number;
      if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
        throw new Error('the page was not served by the service worker');
      }
      await page.getByLabel('Code de l’appareil').fill(DEVICE_PIN);
      const pressedAt = await page.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Déverrouiller'));
        button!.click();
        return performance.now();
      });
      const rowsShown = await page.waitForFunction(
        () => (document.querySelector('[data-testid="caseload-row"]') ? performance.now() : false),
        undefined,
        { polling: 'raf' },
      );
      const rowsMs = (await rowsShown.jsonValue()) as number;
      await context.close();
      if (start < warmUps) continue;
      toLock.push(lockMs);
      toRows.push(lockMs + (rowsMs - pressedAt));
    }
    const operation = `cold start from the service worker cache to the caseload (${count} cases)`;
    return [
      {
        section: 'device',
        operation,
        variant: 'to the lock screen (PIN asked)',
        unit: 'ms',
        samples: toLock,
        budget: { max: 1000, text: '≤ 1 s' },
      },
      {
        section: 'device',
        operation,
        variant: 'to the first rows, PIN typed at once',
        unit: 'ms',
        samples: toRows,
        note: 'includes the unlock, budget of its own',
      },
    ];
  } finally {
    await endpoint.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}
