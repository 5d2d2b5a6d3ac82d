import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { goTo, launchChromium, logIn, newDevice, pending, waitForOfflineReady } from './browser';

/**
 * Faults a tablet meets for real, in Chromium: the tab killed while its push
 * is on the way, and two tabs of the app open at once.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;

describe('sync faults in the browser', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
    const [row] = await endpoint.db.query<{ id: string }>(
      `SELECT id FROM records WHERE entity = 'youngPerson' AND referent_id = $1 AND data->>'status' <> 'clos'
        ORDER BY version LIMIT 1`,
      [CONSEILLERE.id],
    );
    caseId = row!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  async function logContactAttempt(page: Page, result: 'Joint' | 'Message laissé'): Promise<void> {
    await goTo(page, `${endpoint.url}/jeunes/${caseId}`);
    const results = page.getByRole('group', { name: 'Résultat de la tentative' });
    await results.getByRole('button', { name: result }).click();
    await expect
      .poll(() => page.getByTestId('quick-contact-confirmation').textContent())
      .toContain('Tentative enregistrée');
  }

  const contactAttemptsOnEndpoint = async () =>
    (
      await endpoint.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM records WHERE entity = 'contactAttempt' AND young_person_id = $1`,
        [caseId],
      )
    )[0]!.n;

  it('loses nothing and duplicates nothing when the tab is killed while its push is on the way', async () => {
    const tablet = await newDevice(browser);
    let page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await waitForOfflineReady(page);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    const before = await contactAttemptsOnEndpoint();

    // The push reaches the endpoint, which commits it; the tab dies before the answer arrives.
    let killed = false;
    await tablet.route('**/api/sync/push', async (route) => {
      if (killed) return route.continue();
      killed = true;
      await route.fetch();
      await page.close();
    });
    await logContactAttempt(page, 'Message laissé').catch(() => undefined); // the tab may die mid-confirmation
    await expect.poll(() => killed).toBe(true);
    await expect.poll(contactAttemptsOnEndpoint).toBe(before + 1);

    // The app opened again: the same mutation is sent again, answered from the log, applied once.
    page = await tablet.newPage();
    await goTo(page, `${endpoint.url}/jeunes/${caseId}`);
    await expect
      .poll(() => pending(page).textContent(), { timeout: 20_000 })
      .toContain('Aucune modification en attente');
    expect(await contactAttemptsOnEndpoint()).toBe(before + 1);
    await tablet.close();
  });

  it('lets only one of two open tabs sync at a time, and both show the result', async () => {
    const tablet = await newDevice(browser);
    const first = await tablet.newPage();
    await logIn(first, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => first.getByTestId('sync-last').textContent()).not.toContain('jamais');
    const second = await tablet.newPage();
    await goTo(second, `${endpoint.url}/jeunes/${caseId}`);
    await second.getByTestId('timeline-entry').first().waitFor();

    let inFlight = 0;
    let mostAtOnce = 0;
    await tablet.route('**/api/sync/{push,pull}', async (route) => {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150)); // a slow network, so overlaps would show
      await route.continue();
      inFlight -= 1;
    });
    const timelineBefore = await second.getByTestId('timeline-entry').count();
    await logContactAttempt(first, 'Joint');
    // Both tabs are asked to sync at once (the button in each).
    await Promise.all([first, second].map((page) => page.getByRole('button', { name: 'Synchroniser' }).click()));
    for (const page of [first, second]) {
      await expect
        .poll(() => pending(page).textContent(), { timeout: 20_000 })
        .toContain('Aucune modification en attente');
    }
    await expect.poll(() => second.getByTestId('timeline-entry').count()).toBe(timelineBefore + 1);
    expect(mostAtOnce).toBe(1);
    await tablet.close();
  });
});
