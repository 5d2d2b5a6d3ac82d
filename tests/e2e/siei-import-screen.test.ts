import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { launchChromium, logIn, newDevice } from './browser';

/**
 * The SIEI import screen in Chromium, on the built app: the file is read by
 * the real Web Worker (the component test reads it on the page's thread),
 * under the Content-Security-Policy, and the preview has no axe-core
 * violation. (The whole path — import, assign, the adviser's sync — is the
 * coordinator's end-to-end test.)
 */
const COORDINATOR = DEMO_AGENTS.find((agent) => agent.role === 'coordinateur')!;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page, WCAG 2.1 A and AA rules (as tests/e2e/accessibility.test.ts runs it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; help: string }[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
  });
}

describe('the SIEI import screen in Chromium', () => {
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

  it('reads an Excel file in its worker, previews it accessibly, and imports it once confirmed', async () => {
    const context = await newDevice(browser);
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await logIn(page, endpoint.url, COORDINATOR.email);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Import SIEI' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer une liste SIEI' }).waitFor();

    await page.getByLabel('Campagne SIEI').fill('2026-11');
    await page.getByLabel(/Fichier de la liste SIEI/).setInputFiles('tests/fixtures/siei/excel-windows-1252.csv');
    await page.getByTestId('import-counts').waitFor();
    expect(await page.getByTestId('import-reading').textContent()).toContain('Windows-1252');
    expect(await page.getByTestId('import-new').locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Lefèvre Hélène'),
      expect.stringContaining("N'Diaye Moussa"),
      expect.stringContaining('Dupré Zoé'),
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('3 dossiers créés');
    const created = await endpoint.db.query<{ referentId: string | null }>(
      `SELECT referent_id AS "referentId" FROM records WHERE entity = 'youngPerson' AND data ->> 'ine' = '1234567890A'`,
    );
    expect(created).toEqual([{ referentId: null }]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
