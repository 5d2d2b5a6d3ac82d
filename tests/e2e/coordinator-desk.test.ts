import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { axeViolations } from './axe';
import { goTo, launchChromium, logIn, newDevice, reload, waitForOfflineReady } from './browser';

/**
 * The coordinator's desk in Chromium: the catalogue kept from "Gérer le
 * catalogue" (an entry added, one taken out; the conseillère's tablet
 * receives both at its next sync), and the activity bilan drawn as charts
 * with their tables, printed without the app around it, exported as CSV —
 * without an accessibility or Content-Security-Policy violation.
 */
const agent = (role: string) => DEMO_AGENTS.find((demo) => demo.role === role)!;
const COORDINATION = agent('coordinateur');
const CONSEILLERE = agent('conseiller');
const ADMIN = agent('admin');
const NEW_ENTRY = 'Atelier remobilisation – Maison des jeunes (fictif)';

describe('the coordinator’s desk in Chromium', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

  /** Content-Security-Policy violations the page reports. */
  function watchViolations(page: Page): string[] {
    const found: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) found.push(message.text());
    });
    return found;
  }

  const noHorizontalScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('keeps the catalogue: an entry added, another taken out, and the conseillère’s tablet follows', async () => {
    const desk = await (await newDevice(browser)).newPage();
    const violations = watchViolations(desk);
    await logIn(desk, endpoint.url, COORDINATION.email);
    await menu(desk).getByRole('link', { name: 'Catalogue des solutions' }).click();
    await desk.getByRole('link', { name: 'Gérer le catalogue' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Gérer le catalogue' }).waitFor();
    await desk.getByTestId('managed-solution').first().waitFor();
    expect(await desk.getByTestId('places-taken').first().textContent()).toMatch(/places? prises? sur|Aucune place/);
    expect(await axeViolations(desk)).toEqual([]);

    await desk.getByRole('button', { name: 'Ajouter une solution' }).click();
    await desk.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    await expect.poll(() => desk.locator('#solution-name-message').textContent()).toBe('Le nom est obligatoire');
    await desk.locator('#solution-type').selectOption('action_mlds');
    await desk.locator('#solution-name').fill(NEW_ENTRY);
    await desk.locator('#solution-placesTotal').fill('10');
    await desk.locator('#solution-siret').fill('130 000 000 00012');
    await desk.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    await expect.poll(() => desk.getByTestId('catalogue-outcome').textContent()).toContain(NEW_ENTRY);

    const first = desk
      .getByTestId('managed-solution')
      .filter({ hasNot: desk.getByText('Retirée') })
      .first();
    const retired = (await first.getByRole('heading').textContent())!.trim();
    await first.getByRole('button', { name: /^Retirer du catalogue/ }).click();
    await desk.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await expect.poll(() => desk.getByTestId('catalogue-outcome').textContent()).toContain('retirée du catalogue');

    await desk.setViewportSize({ width: 320, height: 640 });
    await expect.poll(() => noHorizontalScroll(desk)).toBe(true); // the charts follow the width as they redraw
    expect(violations).toEqual([]);

    const tablet = await (await newDevice(browser)).newPage();
    await logIn(tablet, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => tablet.getByTestId('sync-last').textContent()).not.toContain('jamais');
    await menu(tablet).getByRole('link', { name: 'Catalogue des solutions' }).click();
    const names = () => tablet.getByTestId('catalogue-entry').getByRole('heading').allTextContents();
    await expect.poll(async () => (await names()).some((name) => name.includes(NEW_ENTRY))).toBe(true);
    expect((await names()).map((name) => name.trim())).not.toContain(retired);
    expect(await tablet.getByRole('link', { name: 'Gérer le catalogue' }).count()).toBe(0);
  });

  it('draws the activity bilan with its tables, prints it without the menu, exports the CSV; offline it says so', async () => {
    const context = await newDevice(browser);
    const desk = await context.newPage();
    const violations = watchViolations(desk);
    await logIn(desk, endpoint.url, COORDINATION.email);
    await menu(desk).getByRole('link', { name: 'Activité du réseau' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Activité du réseau' }).waitFor();
    const funnel = desk.locator('#activity-funnel-canvas');
    await funnel.waitFor();
    // The chart is drawn: its canvas holds painted pixels.
    await expect
      .poll(() =>
        funnel.evaluate((canvas: HTMLCanvasElement) => {
          const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          return data.some((value, index) => index % 4 === 3 && value > 0);
        }),
      )
      .toBe(true);
    for (const id of ['activity-funnel', 'activity-types', 'activity-outcomes', 'activity-trend']) {
      expect(await desk.getByTestId(`${id}-table`).locator('caption').count()).toBe(1);
    }
    expect(
      Number(await desk.getByTestId('activity-funnel-table').locator('tbody tr td').first().textContent()),
    ).toBeGreaterThan(0);
    expect(await axeViolations(desk)).toEqual([]);

    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('button', { name: 'Télécharger le bilan (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^activite-psad-.+-\d{4}-09-01-au-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFRéférent;Jeunes repérés;Jeunes contactés;')).toBe(true);

    await desk.emulateMedia({ media: 'print' });
    expect(await menu(desk).isVisible()).toBe(false);
    expect(await desk.locator('#activity-filters').isVisible()).toBe(false);
    expect(await funnel.isVisible()).toBe(true);
    await desk.emulateMedia({ media: 'screen' });

    await desk.setViewportSize({ width: 320, height: 640 });
    await expect.poll(() => noHorizontalScroll(desk)).toBe(true); // the charts follow the width as they redraw
    expect(violations).toEqual([]);

    await waitForOfflineReady(desk);
    await context.setOffline(true);
    await reload(desk); // the screen comes from the service worker; the bilan cannot
    await desk.getByText('Connexion au réseau nécessaire').waitFor();
    await context.setOffline(false);
  });

  it('gives the académie’s administrator every platform’s bilan', async () => {
    const desk = await (await newDevice(browser)).newPage();
    await logIn(desk, endpoint.url, ADMIN.email);
    await menu(desk).getByRole('link', { name: 'Activité du réseau' }).click();
    await expect
      .poll(() => desk.locator('#activity-report-title').textContent())
      .toMatch(/^Toutes les plateformes, du/);
    await goTo(desk, `${endpoint.url}/catalogue/gestion`); // not the admin's: back to the administration
    await desk.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  });
});
