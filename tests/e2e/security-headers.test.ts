import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security-headers';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { goTo, launchChromium, logIn, newDevice, openCaseload, reload, rows, waitForOfflineReady } from './browser';

/**
 * The built app under the endpoint's Content-Security-Policy, in Chromium:
 * every screen an adviser goes through, online and offline (served by the
 * service worker), without a single violation — a blocked inline style or
 * script shows up in the console and as a `securitypolicyviolation` event.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

describe('the built app under the Content-Security-Policy', () => {
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

  /** Every violation the page reports, from the console and from the DOM event. */
  async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
    const fromConsole: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
    });
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.cspViolations?.push(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    return async () => [...fromConsole, ...(await page.evaluate(() => window.cspViolations ?? []))];
  }

  async function openFromMenu(page: Page, link: string, heading: string | RegExp): Promise<void> {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  it('sends the policy with the entry page', async () => {
    const response = await fetch(endpoint.url);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toBeNull(); // plain HTTP here
  });

  it('shows every screen of an adviser without a violation, online and offline', async () => {
    const context = await newDevice(browser);
    const page = await context.newPage();
    const violations = await watchViolations(page);

    await goTo(page, endpoint.url);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await waitForOfflineReady(page);

    await openCaseload(page);
    await rows(page).first().getByRole('link').first().click();
    await page.getByRole('link', { name: 'Nouvel entretien' }).waitFor();
    await page.getByRole('link', { name: 'Nouvel entretien' }).click();
    await page.locator('#meeting-notes').fill('Premier échange.');
    await page.goBack();
    await page.getByRole('link', { name: 'Nouveau bilan' }).click();
    await page.getByRole('button', { name: 'Valider le bilan' }).waitFor();
    await page.goBack();
    await openFromMenu(page, 'Catalogue des solutions', /Catalogue/);
    await openFromMenu(page, 'Données sur cet appareil', 'Données sur cet appareil');
    const sealingWarnings: string[] = [];
    page.on('console', (message) => {
      if (/libsodium indisponible/.test(message.text())) sealingWarnings.push(message.text());
    });

    await reload(page); // now under the service worker, which keeps libsodium when the unlock loads it
    await context.setOffline(true);
    await reload(page); // the shell now comes from the service worker's cache, libsodium too
    await openCaseload(page);
    expect(await page.evaluate(async () => (await (await caches.open('raccroche-libsodium')).keys()).length)).toBe(1);
    await context.setOffline(false);

    expect(sealingWarnings).toEqual([]); // WebAssembly allowed, libsodium loaded at each unlock, offline too
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
