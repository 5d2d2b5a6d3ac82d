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

/** The PIN the tests' users choose for their devices. */
export const DEVICE_PIN = '482915';

/** Logs in; on a device not yet protected, sets its PIN as the app then asks. */
export async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await goTo(page, baseUrl);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const pinSetup = page.getByRole('heading', { level: 1, name: 'Protéger les données de cet appareil' });
  const landing = page.getByRole('heading', { level: 1, name: /Aujourd’hui|Administration/ });
  await pinSetup.or(landing).first().waitFor();
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  if (await pinSetup.isVisible()) {
    await page.getByLabel('Code de l’appareil').fill(DEVICE_PIN);
    await page.getByLabel('Confirmez le code').fill(DEVICE_PIN);
    await page.getByRole('button', { name: 'Protéger l’appareil' }).click();
  }
  await menu.waitFor();
}

/**
 * The app locks at every start (the data key lives only in memory): after a
 * full page load, the lock screen asks for the PIN.
 */
export async function unlockIfLocked(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('h1') !== null);
  const lockScreen = page.getByRole('heading', { name: 'Raccroche est verrouillé' });
  if (!(await lockScreen.isVisible())) return;
  try {
    await page.getByLabel('Code de l’appareil').fill(DEVICE_PIN, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Déverrouiller' }).click({ timeout: 10_000 });
  } catch (error) {
    // At start the lock screen is shown on the word of the device's note (protection-hint.ts); when the
    // database, read meanwhile, says the device is not locked (wiped by the browser), the screen leaves by itself.
    if (await lockScreen.isVisible()) throw error;
    return;
  }
  await lockScreen.waitFor({ state: 'detached' });
}

/** Opens a URL as a user would type it (a full load), unlocking the app if it asks. */
export async function goTo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await unlockIfLocked(page);
}

/** Reloads the page (the app starts again, locked), and unlocks it. */
export async function reload(page: Page): Promise<void> {
  await page.reload();
  await unlockIfLocked(page);
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
    await reload(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
}

export const rows = (page: Page) => page.getByTestId('caseload-row');

/** How many open cases the caseload counts ("86 jeunes suivis"); its table shows them 50 at a time. */
export async function caseloadSize(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('caseload-count').textContent()) ?? '';
  const match = /^(\d[\d\s\u202f]*) jeunes? suivis?/.exec(text.trim());
  return match ? Number(match[1]!.replace(/\D/g, '')) : null;
}
export const pending = (page: Page) => page.getByTestId('sync-pending');

/**
 * Follows the page's requests to the endpoint, so a test can wait until none
 * is on the way before it cuts the network or reloads: a token renewal cut
 * off after the endpoint rotated the refresh token leaves the device with a
 * spent one, and its next renewal ends the session (see the README).
 */
export function followApiRequests(page: Page): { settled: () => Promise<void> } {
  let inFlight = 0;
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (request) => {
    if (isApi(request.url())) inFlight += 1;
  });
  const done = (request: { url: () => string }) => {
    if (isApi(request.url())) inFlight = Math.max(0, inFlight - 1);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async settled() {
      for (let quiet = 0; quiet < 5;) {
        await page.waitForTimeout(100);
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
  };
}
