import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { CHROMIUM_ARGS, chromiumPath } from '../support/server/chromium';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { goTo, launchChromium, logIn, newDevice, waitForOfflineReady } from './browser';

/**
 * The app as an installed PWA: Chromium finds it installable, every app route
 * opens offline (never /api), API answers are never cached by the service
 * worker, and a new version waits for the user — it never reloads under an
 * open form, and the draft survives the update.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;

describe('the installed app', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let dist: string;
  let caseId: string;

  beforeAll(async () => {
    // A copy of the build, so that a test can publish a "new version" of it.
    dist = mkdtempSync(join(tmpdir(), 'raccroche-dist-'));
    cpSync('dist', dist, { recursive: true });
    endpoint = await startEndpoint({ distDir: dist });
    browser = await launchChromium();
    const [row] = await endpoint.db.query<{ id: string }>(
      `SELECT id FROM records WHERE entity = 'youngPerson' AND referent_id = $1 AND data->>'status' <> 'clos' LIMIT 1`,
      [CONSEILLERE.id],
    );
    caseId = row!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('is installable according to Chromium', async () => {
    // A real profile: Chromium never offers installation in an incognito-like context.
    const profile = mkdtempSync(join(tmpdir(), 'raccroche-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    });
    const page = await context.newPage();
    await goTo(page, endpoint.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('opens every app route offline, never answers /api from the cache, and caches no API answer', async () => {
    const context = await newDevice(browser);
    const page = await context.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await waitForOfflineReady(page);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    await context.setOffline(true);
    for (const path of [
      '/jeunes',
      `/jeunes/${caseId}`,
      `/jeunes/${caseId}/bilans/nouveau`,
      '/catalogue',
      '/synchronisation',
    ]) {
      await goTo(page, `${endpoint.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    const api = await page.evaluate(() =>
      fetch('/api/health').then(
        (response) => `answered ${response.status}`,
        () => 'failed',
      ),
    );
    expect(api).toBe('failed');
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
      return urls;
    });
    expect(cached.length).toBeGreaterThan(10);
    expect(cached.filter((url) => url.includes('/api/'))).toEqual([]);
    await context.close();
  });

  it('announces a new version without reloading under an open form, and keeps the draft through the update', async () => {
    const context = await newDevice(browser);
    const page = await context.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await waitForOfflineReady(page);
    await goTo(page, `${endpoint.url}/jeunes/${caseId}/entretiens/nouveau`);
    const notes = page.locator('#meeting-notes');
    await notes.fill('Notes en cours de saisie au moment de la mise à jour');
    await expect.poll(() => page.getByText(/Brouillon enregistré/).count()).toBeGreaterThan(0);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });

    // A new version is published: the service worker file changes.
    appendFileSync(join(dist, 'sw.js'), '\n// version suivante\n');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.getByText('Nouvelle version disponible').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // not reloaded
    expect(await notes.inputValue()).toBe('Notes en cours de saisie au moment de la mise à jour');

    // The user accepts: the page reloads on the new version, and the form reopens on the draft.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Mettre à jour' }).click()]);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    await goTo(page, `${endpoint.url}/jeunes/${caseId}/entretiens/nouveau`);
    await expect
      .poll(() => page.locator('#meeting-notes').inputValue())
      .toBe('Notes en cours de saisie au moment de la mise à jour');
    await expect.poll(() => page.getByText(/Brouillon restauré/).count()).toBeGreaterThan(0);
    await context.close();
  });
});
