import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmergencyExport } from '../../src/domain/emergency-export';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import {
  caseloadSize,
  goTo,
  launchChromium,
  logIn,
  newDevice,
  openCaseload,
  pending,
  reload,
  waitForOfflineReady,
} from './browser';

/**
 * The device's storage, in Chromium: the "Données sur cet appareil" screen;
 * an edit a tablet could not sync, exported to a file and imported on a
 * second tablet of the same adviser, reaching the endpoint once (imported
 * twice, and sent again by the first tablet once back online); a database
 * wiped by the browser, noticed at the next login and reloaded.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;

describe('the data on a device: protection, emergency export and wipe', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let person: { id: string; lastName: string };

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
    const [row] = await endpoint.db.query<{ id: string; lastName: string }>(
      `SELECT id, data->>'lastName' AS "lastName" FROM records
        WHERE entity = 'youngPerson' AND referent_id = $1 AND data->>'status' <> 'clos'
        ORDER BY version LIMIT 1`,
      [CONSEILLERE.id],
    );
    person = row!;
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  const storedCommune = async () =>
    (
      await endpoint.db.query<{ commune: string }>(`SELECT data->>'commune' AS commune FROM records WHERE id = $1`, [
        person.id,
      ])
    )[0]?.commune;
  const mutationsOf = async (deviceId: string) =>
    (
      await endpoint.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE device_id = $1', [
        deviceId,
      ])
    )[0]!.n;

  async function openDeviceScreen(page: Page): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Données sur cet appareil' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Données sur cet appareil' }).waitFor();
  }

  async function syncedOnce(page: Page): Promise<void> {
    await expect.poll(() => page.getByTestId('sync-last').textContent(), { timeout: 20_000 }).not.toContain('jamais');
  }

  it('exports what a tablet could not sync and replays it once on another tablet of the same adviser', async () => {
    // 1. Tablet A, offline, edits a young person's commune.
    const tabletA = await newDevice(browser);
    const pageA = await tabletA.newPage();
    await logIn(pageA, endpoint.url, CONSEILLERE.email);
    await syncedOnce(pageA);
    await waitForOfflineReady(pageA);
    await tabletA.setOffline(true);
    await goTo(pageA, `${endpoint.url}/jeunes/${person.id}/modifier`);
    const commune = pageA.getByLabel('Commune', { exact: true });
    await commune.waitFor();
    await commune.fill('Maubeuge');
    await pageA.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await pageA.getByRole('link', { name: 'Modifier la fiche' }).waitFor();
    await expect.poll(() => pending(pageA).textContent()).toContain('1 modification en attente');

    // 2. Its "Données sur cet appareil" screen: protection, space, what it holds.
    await openDeviceScreen(pageA);
    await expect
      .poll(() => pageA.getByTestId('persistence-status').textContent())
      .toMatch(/Stockage persistant (non )?accordé/);
    await expect.poll(() => pageA.getByTestId('storage-estimate').textContent()).toMatch(/\d+,\d Mo/);
    expect(await pageA.getByTestId('device-counts').textContent()).toMatch(/Modifications en attente d’envoi\s*1/);
    expect(await pageA.getByText('Sur iPad et avec Safari').count()).toBe(1);

    // 3. The emergency export, saved as a file.
    const [download] = await Promise.all([
      pageA.waitForEvent('download'),
      pageA.getByRole('button', { name: 'Exporter les modifications non synchronisées' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^raccroche-secours-.*\.json$/);
    const path = await download.path();
    const parsed = parseEmergencyExport(await readFile(path, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.mutations).toMatchObject([{ seq: 1, recordId: person.id, payload: { commune: 'Maubeuge' } }]);
    const deviceA = parsed.file.deviceId;
    await pageA.getByTestId('export-result').waitFor();

    // 4. Tablet B, same adviser, imports it: the endpoint has the edit once, and B shows it.
    const tabletB = await newDevice(browser);
    const pageB = await tabletB.newPage();
    await logIn(pageB, endpoint.url, CONSEILLERE.email);
    await syncedOnce(pageB);
    await openDeviceScreen(pageB);
    await pageB.getByLabel('Importer un fichier de secours').setInputFiles(path);
    await expect
      .poll(() => pageB.getByTestId('import-result').textContent())
      .toContain('1 modification enregistrée par le serveur');
    expect(await storedCommune()).toBe('Maubeuge');
    expect(await mutationsOf(deviceA)).toBe(1);
    await goTo(pageB, `${endpoint.url}/jeunes/${person.id}`);
    await expect.poll(() => pageB.locator('main').textContent(), { timeout: 20_000 }).toContain('Maubeuge');

    // 5. Imported again: nothing changes on the endpoint.
    await goTo(pageB, `${endpoint.url}/appareil`);
    await pageB.getByLabel('Importer un fichier de secours').setInputFiles(path);
    await pageB.getByTestId('import-result').waitFor();
    expect(await mutationsOf(deviceA)).toBe(1);

    // 6. Tablet A comes back online: its own copy of the edit is answered, not applied again.
    await tabletA.setOffline(false);
    await expect
      .poll(() => pending(pageA).textContent(), { timeout: 30_000 })
      .toContain('Aucune modification en attente');
    expect(await mutationsOf(deviceA)).toBe(1);
    await Promise.all([tabletA.close(), tabletB.close()]);
  });

  it('notices a database wiped by the browser at the next login, and reloads it from the endpoint', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await syncedOnce(page);
    await openCaseload(page);
    await expect.poll(() => caseloadSize(page)).not.toBeNull();
    const caseload = (await caseloadSize(page))!;
    expect(caseload).toBeGreaterThan(0);

    // The browser drops IndexedDB (as under storage pressure), not localStorage. Done from a
    // page of the same origin that does not run the app, so no connection holds the database.
    await page.goto(`${endpoint.url}/favicon.svg`); // not an app page: nothing to unlock
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('raccroche');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        }),
    );

    await logIn(page, endpoint.url, CONSEILLERE.email); // the session went with the database
    const notice = page.getByTestId('eviction-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Les données de cet appareil avaient été effacées par le navigateur');
    await expect
      .poll(() => notice.textContent(), { timeout: 20_000 })
      .toContain('elles ont été rechargées depuis le serveur');
    expect(await notice.textContent()).toContain(
      'Les modifications non synchronisées à ce moment-là n’ont pas pu être récupérées',
    );
    await openCaseload(page);
    await expect.poll(() => caseloadSize(page)).toBe(caseload);

    await page.getByRole('button', { name: 'J’ai compris' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await reload(page);
    await page.getByRole('navigation', { name: 'Menu principal' }).waitFor();
    expect(await page.getByTestId('eviction-notice').count()).toBe(0);
    await tablet.close();
  });
});
