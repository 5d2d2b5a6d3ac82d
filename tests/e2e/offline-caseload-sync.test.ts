import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/domain/sync-messages';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { apiLogin, startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import {
  caseloadSize,
  launchChromium,
  logIn,
  newDevice,
  openCaseload,
  pending,
  reload,
  rows,
  waitForOfflineReady,
} from './browser';

/**
 * The walking skeleton, end to end in Chromium: an adviser logs in, goes
 * offline, reloads, adds and edits young people, comes back online; the
 * changes reach the endpoint by themselves and a second device sees them.
 */
const [CONSEILLERE, , COORDINATION] = DEMO_AGENTS as [
  (typeof DEMO_AGENTS)[number],
  unknown,
  (typeof DEMO_AGENTS)[number],
];

/** Young people in the active caseload (the demo also holds their case records and a few closed cases). */
const OPEN_CASE = `entity = 'youngPerson' AND data->>'status' <> 'clos'`;

interface StoredPerson {
  lastName: string;
  firstNames: string;
  commune: string;
  ine: string;
  referentId: string | null;
}

describe('offline caseload, edits and sync between two devices', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let assignedToConseillere = 0;

  const storedPeople = async (where: string, params: unknown[]) =>
    (await endpoint.db.query<{ data: StoredPerson }>(`SELECT data FROM records WHERE ${where}`, params)).map(
      (row) => row.data,
    );

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
    const [row] = await endpoint.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM records WHERE ${OPEN_CASE} AND referent_id = $1`,
      [CONSEILLERE.id],
    );
    assignedToConseillere = row?.n ?? 0;
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  async function addYoungPersonOffline(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Ajouter un jeune' }).click();
    await page.getByLabel(/^Nom\b/).fill('Lefèvre-Hoarau');
    await page.getByLabel('Prénom(s)').fill('Élodie');
    // A malformed INE is refused on the spot, in French, next to its field.
    const ine = page.getByLabel(/^INE/);
    await ine.fill('12345');
    await ine.blur();
    await expect.poll(() => page.locator('#yp-ine-message').textContent()).toContain('INE invalide');
    await ine.fill('1234567890a');
    await page.getByLabel('Date de naissance').fill('2009-03-14');
    await page.getByLabel('Commune', { exact: true }).fill('Vénissieux');
    await page.getByRole('button', { name: 'Ajouter ce jeune' }).click();
    await page.getByRole('heading', { name: 'Mes jeunes' }).waitFor();
  }

  async function editCommuneOffline(page: Page, person: StoredPerson): Promise<void> {
    const name = `${person.lastName.toLocaleUpperCase('fr-FR')} ${person.firstNames}`;
    await page.getByRole('link', { name, exact: true }).first().click();
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    const commune = page.getByLabel('Commune', { exact: true });
    await commune.waitFor();
    await commune.fill('Saint-Fons');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('link', { name: 'Modifier la fiche' }).waitFor(); // back on the case file
    await openCaseload(page);
  }

  it('keeps working offline and syncs to the endpoint and a second device', async () => {
    // 2. The conseillère logs in and sees the young people assigned to her.
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await openCaseload(page);
    await expect.poll(() => caseloadSize(page)).toBe(assignedToConseillere);
    await waitForOfflineReady(page);

    // 3. Network cut, page reloaded: the app opens from the service worker, the caseload from IndexedDB.
    await tablet.setOffline(true);
    await reload(page);
    await page.getByRole('heading', { name: 'Mes jeunes' }).waitFor();
    await expect.poll(() => caseloadSize(page)).toBe(assignedToConseillere);
    await expect.poll(() => rows(page).count()).toBe(Math.min(assignedToConseillere, 50)); // the first page of the list

    // 4. Offline: one young person added, another edited.
    const [someoneElse] = await storedPeople(`${OPEN_CASE} AND referent_id = $1 ORDER BY version LIMIT 1`, [
      CONSEILLERE.id,
    ]);
    await addYoungPersonOffline(page);
    await editCommuneOffline(page, someoneElse!);
    await expect.poll(() => caseloadSize(page)).toBe(assignedToConseillere + 1);

    // 5. What waits to be sent is on screen.
    await expect.poll(() => pending(page).textContent()).toContain('2 modifications en attente');
    expect(await storedPeople(`data->>'lastName' = $1`, ['Lefèvre-Hoarau'])).toHaveLength(0);

    // 6. The network returns: the changes leave without a click.
    await tablet.setOffline(false);
    await expect
      .poll(() => pending(page).textContent(), { timeout: 20_000 })
      .toContain('Aucune modification en attente');
    const [created] = await storedPeople(`data->>'lastName' = $1`, ['Lefèvre-Hoarau']);
    expect(created).toMatchObject({
      firstNames: 'Élodie',
      ine: '1234567890A',
      commune: 'Vénissieux',
      referentId: CONSEILLERE.id,
    });
    const edited = await storedPeople(`data->>'lastName' = $1 AND data->>'firstNames' = $2`, [
      someoneElse!.lastName,
      someoneElse!.firstNames,
    ]);
    expect(edited.map((person) => person.commune)).toContain('Saint-Fons');

    // 7. A second device of the same adviser, and the coordinator, see both changes after their own sync.
    for (const email of [CONSEILLERE.email, COORDINATION.email]) {
      const other = await newDevice(browser);
      const otherPage = await other.newPage();
      await logIn(otherPage, endpoint.url, email);
      await openCaseload(otherPage);
      await otherPage.getByLabel('Rechercher un jeune').fill('elodie lefevre');
      await expect.poll(() => rows(otherPage).count()).toBe(1);
      await expect.poll(() => rows(otherPage).first().textContent()).toContain('Vénissieux');
      await otherPage.getByLabel('Rechercher un jeune').fill('Saint-Fons');
      await expect.poll(() => rows(otherPage).count()).toBeGreaterThan(0);
      await other.close();
    }
    await tablet.close();
  });

  it('brings a colleague\'s change at once when "Synchroniser" is pressed', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await openCaseload(page);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');

    // The coordinator changes one of her young people from their own device.
    const [target] = await endpoint.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM records WHERE ${OPEN_CASE} AND referent_id = $1 ORDER BY version DESC LIMIT 1`,
      [CONSEILLERE.id],
    );
    const coordinator = await apiLogin(endpoint.url, COORDINATION.email);
    const push = await fetch(`${endpoint.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.token}` },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: coordinator.deviceId,
        mutations: [
          {
            mutationId: crypto.randomUUID(),
            seq: 1,
            entity: 'youngPerson',
            recordId: target!.id,
            op: 'update',
            baseVersion: target!.version,
            changes: { commune: 'Rillieux-la-Pape' },
          },
        ],
      }),
    });
    expect(push.status).toBe(200);

    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByLabel('Rechercher un jeune').fill('Rillieux');
    await expect.poll(() => rows(page).count(), { timeout: 5_000 }).toBe(1);
    await tablet.close();
  });
});
