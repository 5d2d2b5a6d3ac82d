import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../support/server/chromium';
import { DEMO_PASSWORD } from '../support/server/test-endpoint';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync('dist/index.html')) throw new Error('No built app: run "npm run build" before the end-to-end tests');
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** A fresh browser profile: its own IndexedDB, service worker and cache — another device. */
export function newDevice(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
}

export async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Menu principal' }).waitFor();
}

/** Opens the list of young people followed (from the main menu). */
export async function openCaseload(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Jeunes suivis' }).click();
  await page.getByTestId('caseload-count').waitFor();
}

/** Waits until the service worker has installed the whole shell and controls the page. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
}

export const rows = (page: Page) => page.getByTestId('caseload-row');
export const pending = (page: Page) => page.getByTestId('sync-pending');
