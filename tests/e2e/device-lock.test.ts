import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { DEMO_PASSWORD, startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { DEVICE_PIN, launchChromium, logIn, newDevice, openCaseload, rows, waitForOfflineReady } from './browser';

/**
 * The tablet in a bag: the app locks after ten minutes without use, opens
 * again with the PIN without any network, and its search works at once; a
 * colleague taking the same browser never reads the first user's files.
 */
const [CONSEILLERE, MLDS] = DEMO_AGENTS as [(typeof DEMO_AGENTS)[number], (typeof DEMO_AGENTS)[number]];
const LOCKED = 'Raccroche est verrouillé';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every string stored in the app's IndexedDB, read raw (what a thief with the disk would see). */
function rawDeviceText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('raccroche');
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const texts: string[] = [];
          const tx = db.transaction(names);
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => texts.push(JSON.stringify(all.result));
          }
          tx.oncomplete = () => resolve(texts.join('\n'));
        };
      }),
  );
}

describe('the device lock in Chromium', () => {
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

  async function someoneFollowedBy(email: string): Promise<{ lastName: string; firstNames: string }> {
    const [row] = await endpoint.db.query<{ lastName: string; firstNames: string }>(
      `SELECT data->>'lastName' AS "lastName", data->>'firstNames' AS "firstNames" FROM records
        WHERE entity = 'youngPerson' AND NOT deleted AND data->>'status' <> 'clos'
          AND referent_id = (SELECT id FROM agents WHERE email = $1)
        ORDER BY data->>'lastName' DESC LIMIT 1`,
      [email],
    );
    return row!;
  }

  it('locks after ten minutes without use, unlocks offline with the PIN, and searches at once', async () => {
    const tablet = await newDevice(browser);
    await tablet.clock.install();
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await openCaseload(page);
    await waitForOfflineReady(page);
    const { lastName, firstNames } = await someoneFollowedBy(CONSEILLERE.email);

    // On the road: no network, the tablet left on the table.
    await tablet.setOffline(true);
    await page.clock.fastForward('09:00');
    await expect.poll(() => page.getByRole('heading', { name: LOCKED }).isVisible()).toBe(false);
    await page.clock.fastForward('02:00');
    await page.getByRole('heading', { level: 1, name: LOCKED }).waitFor();
    expect(await page.getByText(lastName).count()).toBe(0); // nothing of the caseload behind the lock
    expect(fold(await rawDeviceText(page))).not.toContain(fold(lastName)); // nor in clear on the disk

    // A wrong PIN says how many tries are left; the right one opens the app where it was.
    await page.getByLabel('Code de l’appareil').fill('000000');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByText(/Code incorrect : encore 4 essais/).waitFor();
    await page.getByLabel('Code de l’appareil').fill(DEVICE_PIN);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByTestId('caseload-count').waitFor();

    // The search index is there at once: typed without accents, the name is found.
    await page.getByLabel('Rechercher un jeune').fill(fold(`${firstNames} ${lastName}`));
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    // textContent, not innerText: a row below the fold is not rendered (content-visibility) until scrolled to.
    for (const text of await rows(page).allTextContents()) expect(fold(text)).toContain(fold(lastName));

    // Reopened from the home screen with no network: locked again, opened by the PIN.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: LOCKED }).waitFor();
    await page.getByLabel('Code de l’appareil').fill(DEVICE_PIN);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByTestId('caseload-count').waitFor();
    await page.getByLabel('Rechercher un jeune').fill(fold(lastName));
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    await tablet.close();
  });

  it('never shows a colleague who takes the same browser the files of the previous user', async () => {
    const sharedTablet = await newDevice(browser);
    const page = await sharedTablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await openCaseload(page);
    // One of hers whose name none of his young people bears (so the search below can only find her file).
    const [first] = await endpoint.db.query<{ lastName: string }>(
      `SELECT data->>'lastName' AS "lastName" FROM records r
        WHERE entity = 'youngPerson' AND NOT deleted AND data->>'status' <> 'clos'
          AND referent_id = (SELECT id FROM agents WHERE email = $1)
          AND NOT EXISTS (SELECT 1 FROM records o WHERE o.entity = 'youngPerson'
                AND o.referent_id = (SELECT id FROM agents WHERE email = $2)
                AND lower(o.data->>'lastName') = lower(r.data->>'lastName'))
        LIMIT 1`,
      [CONSEILLERE.email, MLDS.email],
    );
    await page.getByLabel('Rechercher un jeune').fill(first!.lastName);
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);

    // She leaves the tablet locked; her colleague logs in with his own account.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: LOCKED }).waitFor();
    await page.getByRole('link', { name: 'Se connecter avec un autre compte' }).click();
    await page.getByLabel('Adresse électronique').fill(MLDS.email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Protéger les données de cet appareil' }).waitFor();
    await page.getByLabel('Code de l’appareil').fill('731846');
    await page.getByLabel('Confirmez le code').fill('731846');
    await page.getByRole('button', { name: 'Protéger l’appareil' }).click();
    await openCaseload(page);
    await expect.poll(() => page.getByTestId('caseload-count').innerText()).toMatch(/\d/);

    // Her files are gone from the device, not merely hidden: his own are there.
    await page.getByLabel('Rechercher un jeune').fill(first!.lastName);
    await expect.poll(() => page.getByText('Aucun jeune ne correspond').isVisible()).toBe(true);
    const his = await someoneFollowedBy(MLDS.email);
    await page.getByLabel('Rechercher un jeune').fill(his.lastName);
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    const [hers] = await endpoint.db.query<{ id: string }>(
      `SELECT id FROM records WHERE entity = 'youngPerson' AND referent_id = (SELECT id FROM agents WHERE email = $1)`,
      [CONSEILLERE.email],
    );
    expect(await rawDeviceText(page)).not.toContain(hers!.id);
    await sharedTablet.close();
  });
});
