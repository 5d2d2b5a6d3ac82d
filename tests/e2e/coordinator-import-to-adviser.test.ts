import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { generateSieiFile } from '../support/siei/generate-siei-list';
import { launchChromium, logIn, newDevice, openCaseload, rows } from './browser';

/**
 * The month's list, from the coordinator's desk to the adviser's tablet: the
 * coordinator imports a SIEI file as Excel writes it, confirms the preview
 * without fixing anything, gives ten of the new young people to the
 * conseillère, and her tablet — logged in before — has them at its next sync.
 */
const CONSEILLERE = DEMO_AGENTS.find((agent) => agent.role === 'conseiller')!;
const COORDINATION = DEMO_AGENTS.find((agent) => agent.role === 'coordinateur')!;
const CAMPAIGN = '2026-12';
const LISTED = 14;

describe('a SIEI list from the coordinator to the adviser’s tablet, in Chromium', () => {
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

  it('imports the file, assigns ten young people, and the conseillère’s device receives them', async () => {
    const tablet = await newDevice(browser);
    const adviser = await tablet.newPage();
    await logIn(adviser, endpoint.url, CONSEILLERE.email);
    await openCaseload(adviser);
    await expect.poll(() => adviser.getByTestId('sync-last').textContent()).not.toContain('jamais');
    const before = Number((await adviser.getByTestId('caseload-count').innerText()).match(/\d+/)?.[0]);

    // 1. The coordinator imports the month's list and confirms the preview as it is.
    const desk = await (await newDevice(browser)).newPage();
    await logIn(desk, endpoint.url, COORDINATION.email);
    const menu = desk.getByRole('navigation', { name: 'Menu principal' });
    await menu.getByRole('link', { name: 'Import SIEI' }).click();
    await desk.getByLabel('Campagne SIEI').fill(CAMPAIGN);
    const file = join(mkdtempSync(join(tmpdir(), 'siei-')), 'liste-siei-decembre.csv');
    writeFileSync(file, generateSieiFile(LISTED, 1212));
    await desk.getByLabel(/Fichier de la liste SIEI/).setInputFiles(file);
    await desk.getByTestId('import-counts').waitFor();
    await desk.getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect.poll(() => desk.getByTestId('import-result').textContent()).toContain(`${LISTED} dossiers créés`);
    const imported = await endpoint.db.query<{ id: string; name: string }>(
      `SELECT id, upper(data ->> 'lastName') || ' ' || (data ->> 'firstNames') AS name FROM records
        WHERE entity = 'youngPerson' AND data ->> 'campaign' = $1 AND referent_id IS NULL ORDER BY name`,
      [CAMPAIGN],
    );
    expect(imported).toHaveLength(LISTED);

    // 2. On the distribution, the new campaign's young people; ten go to the conseillère.
    await menu.getByRole('link', { name: 'Répartition des jeunes' }).click();
    await desk.getByTestId('distribution-count').waitFor();
    await desk.getByLabel('Campagne SIEI').selectOption(CAMPAIGN);
    await desk.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => desk.getByTestId('distribution-row').count()).toBe(LISTED);
    const chosen = imported.slice(0, 10);
    for (const young of chosen) {
      await desk.getByLabel(young.name, { exact: true }).focus(); // a DSFR checkbox: its input is drawn by its label
      await desk.keyboard.press('Space');
    }
    await expect.poll(() => desk.getByTestId('selection-count').textContent()).toBe('10 jeunes sélectionnés');
    await desk.getByLabel('Conseiller', { exact: true }).selectOption(CONSEILLERE.id);
    await desk.getByRole('button', { name: 'Attribuer', exact: true }).click();
    await desk.getByRole('button', { name: 'Confirmer l’attribution' }).click();
    await expect.poll(() => desk.getByTestId('distribution-outcome').textContent()).toContain('10 jeunes attribués');

    // 3. The conseillère's tablet, at its next sync: the ten are in her caseload, the four others not.
    await adviser.getByRole('button', { name: 'Synchroniser' }).click();
    await expect
      .poll(async () => Number((await adviser.getByTestId('caseload-count').innerText()).match(/\d+/)?.[0]))
      .toBe(before + 10);
    const search = adviser.getByLabel('Rechercher un jeune');
    for (const young of [chosen[0]!, chosen[9]!]) {
      await search.fill(young.name);
      await expect.poll(() => rows(adviser).count()).toBeGreaterThan(0);
    }
    await search.fill(imported[LISTED - 1]!.name);
    await expect.poll(() => adviser.getByText('Aucun jeune ne correspond').isVisible()).toBe(true);
    await tablet.close();
  });
});
