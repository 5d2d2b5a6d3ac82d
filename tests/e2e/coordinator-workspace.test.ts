import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { goTo, launchChromium, logIn, newDevice } from './browser';

/**
 * The coordinator's desk screens in Chromium: the distribution and the
 * platform's accounts are axe-clean (lists, confirmations, the transfer
 * form), hold at 320 px, and a batch is assigned with the keyboard only.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;
const COORDINATION = DEMO_AGENTS.find((agent) => agent.role === 'coordinateur')!;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('the coordinator’s workspace in Chromium', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
    context = await newDevice(browser);
    page = await context.newPage();
    await logIn(page, endpoint.url, COORDINATION.email);
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  const menu = () => page.getByRole('navigation', { name: 'Menu principal' });

  it('assigns young people with the keyboard only, and is axe-clean at every step', async () => {
    await menu().getByRole('link', { name: 'Répartition des jeunes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Répartition des jeunes' }).waitFor();
    await page.getByTestId('distribution-count').waitFor();
    const unassigned = await endpoint.db.query<{ id: string; name: string }>(
      `SELECT id, upper(data ->> 'lastName') || ' ' || (data ->> 'firstNames') AS name FROM records
        WHERE entity = 'youngPerson' AND referent_id IS NULL AND data ->> 'status' <> 'clos'`,
    );
    await expect.poll(() => page.getByTestId('distribution-row').count()).toBe(unassigned.length);
    expect(await axeViolations(page)).toEqual([]);

    const chosen = unassigned.slice(0, 2);
    for (const young of chosen) {
      await page.getByLabel(young.name, { exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('2 jeunes sélectionnés');
    const adviser = page.getByLabel('Conseiller', { exact: true });
    await adviser.focus();
    await adviser.selectOption(CONSEILLERE.id); // a select's own keyboard list is the browser's
    await page.getByRole('button', { name: 'Attribuer', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('assign-confirm');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('distribution-outcome').textContent()).toContain('2 jeunes attribués à');
    const referents = await endpoint.db.query<{ referentId: string }>(
      'SELECT referent_id AS "referentId" FROM records WHERE id = ANY($1::uuid[])',
      [chosen.map((young) => young.id)],
    );
    expect(referents).toEqual([{ referentId: CONSEILLERE.id }, { referentId: CONSEILLERE.id }]);

    await page.getByRole('button', { name: 'Transférer' }).first().click();
    await page.getByTestId('transfer-panel').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('transfer-panel').waitFor({ state: 'detached' });
  });

  it('shows the platform’s accounts and the deactivation’s consequences, axe-clean', async () => {
    await menu().getByRole('link', { name: 'Comptes de la plateforme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes de la plateforme' }).waitFor();
    await page.getByTestId('team-row').first().waitFor();
    await page.getByTestId('team-devices').or(page.getByText('Aucun appareil enregistré')).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Désactiver' }).first().click();
    await page.getByTestId('team-deactivate').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('team-deactivate').getByRole('button', { name: 'Annuler' }).click();
  });

  it('holds at 320 px without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const [path, heading] of [
      ['/repartition', 'Répartition des jeunes'],
      ['/equipe', 'Comptes de la plateforme'],
    ] as const) {
      await goTo(page, `${endpoint.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForTimeout(300);
      expect(await fitsWidth(page), heading).toBe(true);
    }
  });

  it('says plainly that the list needs the network when there is none', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('heading', { level: 1, name: 'Comptes de la plateforme' }).waitFor();
    await context.setOffline(true);
    try {
      await menu().getByRole('link', { name: 'Répartition des jeunes' }).click();
      await page.getByText('Connexion au réseau nécessaire').first().waitFor();
    } finally {
      await context.setOffline(false);
    }
  });
});
