import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { goTo, launchChromium, logIn, newDevice, pending, waitForOfflineReady } from './browser';

/**
 * Two devices offline edit the same young person — the conseillère on her
 * tablet, the platform's coordinator at her desk. Fields apart: both values
 * stay. The same field: the tablet, second to sync, gets a conflict; it shows
 * on its indicator, its synchronisation detail and the case file, and is
 * resolved there with a value typed by the conseillère; then both devices
 * and the endpoint show the chosen value and the conflict resolved.
 */
const [CONSEILLERE, , COORDINATION] = DEMO_AGENTS as [
  (typeof DEMO_AGENTS)[number],
  unknown,
  (typeof DEMO_AGENTS)[number],
];

interface Person {
  id: string;
  lastName: string;
  firstNames: string;
}

describe('a conflict between two devices, resolved on the second one', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let person: Person;

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
    const [row] = await endpoint.db.query<Person>(
      `SELECT id, data->>'lastName' AS "lastName", data->>'firstNames' AS "firstNames"
         FROM records
        WHERE entity = 'youngPerson' AND referent_id = $1 AND data->>'status' <> 'clos'
        ORDER BY version LIMIT 1`,
      [CONSEILLERE.id],
    );
    if (!row) throw new Error('The demo data has no open case for the conseillère');
    person = row;
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  const stored = async () => {
    const [row] = await endpoint.db.query<{ commune: string; phone: string }>(
      `SELECT data->>'commune' AS commune, data->>'phone' AS phone FROM records WHERE id = $1`,
      [person.id],
    );
    return row;
  };
  const conflicts = () =>
    endpoint.db.query<{ id: string; data: Record<string, unknown> }>(
      `SELECT id, data FROM records WHERE entity = 'conflict' AND young_person_id = $1`,
      [person.id],
    );
  const header = (page: Page) => page.locator('header.case-header');

  async function openDevice(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDevice(browser);
    const page = await context.newPage();
    await logIn(page, endpoint.url, email);
    await waitForOfflineReady(page);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    return { context, page };
  }

  async function openCase(page: Page): Promise<void> {
    await goTo(page, `${endpoint.url}/jeunes/${person.id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(person.lastName, 'i') }).waitFor();
  }

  /** Through the case file's "Modifier la fiche", as a person would. */
  async function editFile(page: Page, fields: { commune?: string; phone?: string }): Promise<void> {
    await openCase(page);
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    const commune = page.getByLabel('Commune', { exact: true });
    await commune.waitFor();
    if (fields.commune !== undefined) await commune.fill(fields.commune);
    if (fields.phone !== undefined) await page.getByLabel(/^Téléphone/).fill(fields.phone);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('link', { name: 'Modifier la fiche' }).waitFor(); // back on the case file
  }

  async function reconnect(context: BrowserContext, page: Page): Promise<void> {
    await context.setOffline(false);
    await expect
      .poll(() => pending(page).textContent(), { timeout: 30_000 })
      .toContain('Aucune modification en attente');
  }

  it('keeps edits of different fields, and lets the second device resolve a same-field clash', async () => {
    const tablet = await openDevice(CONSEILLERE.email);
    const desk = await openDevice(COORDINATION.email);

    // 1. Both offline, each changes another field: after reconnecting, both values are there everywhere.
    await tablet.context.setOffline(true);
    await desk.context.setOffline(true);
    await editFile(tablet.page, { commune: 'Vaulx-en-Velin' });
    await editFile(desk.page, { phone: '06 39 98 55 55' });
    await reconnect(desk.context, desk.page);
    await reconnect(tablet.context, tablet.page);
    await desk.page.getByRole('button', { name: 'Synchroniser' }).click();
    expect(await stored()).toEqual({ commune: 'Vaulx-en-Velin', phone: '06 39 98 55 55' });
    for (const { page } of [tablet, desk]) {
      await openCase(page);
      await expect.poll(() => header(page).textContent()).toContain('Vaulx-en-Velin');
      await expect.poll(() => header(page).textContent()).toContain('06 39 98 55 55');
    }
    expect(await conflicts()).toEqual([]);

    // 2. Both offline again, the same field: the desk syncs first, the tablet second and gets the conflict.
    await tablet.context.setOffline(true);
    await desk.context.setOffline(true);
    await editFile(desk.page, { commune: 'Villeurbanne' });
    await editFile(tablet.page, { commune: 'Décines-Charpieu' });
    await reconnect(desk.context, desk.page);
    await reconnect(tablet.context, tablet.page);
    expect((await stored())?.commune).toBe('Villeurbanne');
    const [clash] = await conflicts();
    expect(clash?.data).toMatchObject({ field: 'commune', keptValue: 'Villeurbanne', otherValue: 'Décines-Charpieu' });

    // 3. On the tablet: the indicator, the case file and the synchronisation detail show it.
    const page = tablet.page;
    await expect.poll(() => page.getByTestId('sync-conflicts').textContent()).toContain('1 conflit à résoudre');
    await expect.poll(() => page.getByTestId('case-conflicts').textContent()).toContain('Un conflit à résoudre');
    await page.getByRole('link', { name: 'Détail de la synchronisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    const listed = page.getByTestId('conflict-to-resolve');
    await expect.poll(() => listed.textContent()).toContain('Commune');
    await listed.getByRole('link', { name: /Résoudre le conflit sur « Commune »/ }).click();

    // 4. The conflict screen: Sophie's value (kept by the endpoint) and mine, side by side.
    await page.getByRole('heading', { level: 1, name: 'Résoudre un conflit : Commune' }).waitFor();
    await expect.poll(() => page.getByTestId('conflict-current').textContent()).toContain('Villeurbanne');
    const kept = page.getByTestId('conflict-kept');
    expect(await kept.getByRole('heading').textContent()).toBe(`Valeur de ${COORDINATION.displayName}`);
    expect(await kept.getByTestId('conflict-value').textContent()).toBe('Villeurbanne');
    const mine = page.getByTestId('conflict-other');
    expect(await mine.getByRole('heading').textContent()).toBe('Ma valeur');
    expect(await mine.getByTestId('conflict-value').textContent()).toBe('Décines-Charpieu');
    await expect.poll(() => page.getByRole('button', { name: /^Garder cette valeur/ }).count()).toBe(2);

    // Neither: she types the right one.
    await page.getByRole('button', { name: 'Saisir une autre valeur' }).click();
    await page.getByLabel('Commune', { exact: true }).fill('Meyzieu');
    await page.getByRole('button', { name: 'Enregistrer cette valeur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conflit résolu : Commune' }).waitFor();
    await expect
      .poll(() => page.getByTestId('conflict-resolution').textContent())
      .toMatch(/Résolu par vous le .* une autre valeur a été saisie\..*Valeur retenue : Meyzieu/);
    await expect
      .poll(() => pending(page).textContent(), { timeout: 30_000 })
      .toContain('Aucune modification en attente');
    await expect.poll(() => page.getByTestId('sync-conflicts').count()).toBe(0);

    // 5. The endpoint and the desk show the chosen value and the conflict resolved.
    expect((await stored())?.commune).toBe('Meyzieu');
    expect((await conflicts())[0]?.data).toMatchObject({
      status: 'resolu',
      resolution: 'saisie',
      resolvedValue: 'Meyzieu',
      resolvedBy: CONSEILLERE.id,
    });
    await desk.page.getByRole('button', { name: 'Synchroniser' }).click();
    await openCase(desk.page);
    await expect.poll(() => header(desk.page).textContent()).toContain('Meyzieu');
    expect(await desk.page.getByTestId('case-conflicts').count()).toBe(0);
    await goTo(desk.page, `${endpoint.url}/conflits/${clash!.id}`);
    await expect
      .poll(() => desk.page.getByTestId('conflict-resolution').textContent())
      .toContain(`Résolu par ${CONSEILLERE.displayName}`);
    expect(await desk.page.getByRole('button', { name: /^Garder cette valeur/ }).count()).toBe(0);

    await tablet.context.close();
    await desk.context.close();
  });
});
