import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { apiLogin, startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import {
  followApiRequests,
  goTo,
  launchChromium,
  logIn,
  newDevice,
  openCaseload,
  pending,
  waitForOfflineReady,
} from './browser';

/**
 * Device sessions in the browser: a short-lived access token renewed with the
 * rotating refresh token without the user noticing; a refresh token used by
 * someone else ends the session; a revoked tablet wipes its data and returns
 * to the login screen; logging out never drops unsent work silently.
 */
const [CONSEILLERE, , COORDINATION] = DEMO_AGENTS as [
  (typeof DEMO_AGENTS)[number],
  (typeof DEMO_AGENTS)[number],
  (typeof DEMO_AGENTS)[number],
];
const ACCESS_SECONDS = 3;

describe('device sessions in Chromium', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;

  beforeAll(async () => {
    endpoint = await startEndpoint({ accessTokenMinutes: ACCESS_SECONDS / 60 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  /**
   * The refresh token the app holds, as the endpoint last gave it (login or
   * renewal): it rests sealed in IndexedDB, so the test reads it on the wire.
   */
  function followRefreshToken(page: Page): () => string {
    let latest = '';
    page.on('response', (response) => {
      if (!/\/api\/auth\/(login|refresh)$/.test(new URL(response.url()).pathname) || !response.ok()) return;
      void response.json().then((body: { refreshToken?: string }) => {
        if (body.refreshToken) latest = body.refreshToken;
      });
    });
    return () => latest;
  }
  const localYoungPeople = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('raccroche');
          open.onsuccess = () => {
            const count = open.result.transaction('youngPeople').objectStore('youngPeople').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
  const sync = (page: Page) => page.getByRole('button', { name: 'Synchroniser' }).click();

  it('renews an expired access token with the refresh token, and keeps syncing', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    const refreshToken = followRefreshToken(page);
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    const firstRefresh = refreshToken();
    expect(firstRefresh).not.toBe('');
    await page.waitForTimeout(ACCESS_SECONDS * 1000 + 500);
    await sync(page);
    await expect.poll(refreshToken).not.toBe(firstRefresh); // rotated
    await expect.poll(() => pending(page).textContent()).toContain('Aucune modification en attente');
    expect(page.url()).not.toContain('/connexion');
    await tablet.close();
  });

  it('keeps the session when the answer to its renewal is lost: the same renewal is sent again and answered', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    // The first renewal reaches the endpoint, which spends the token; its answer never comes back.
    const renewals: string[] = [];
    await page.route('**/api/auth/refresh', async (route) => {
      renewals.push(route.request().postData() ?? '');
      if (renewals.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionfailed');
    });
    const answered: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/refresh') answered.push(response.status());
    });
    const syncBar = page.getByRole('region', { name: 'État de la synchronisation' });
    await page.waitForTimeout(ACCESS_SECONDS * 1000 + 500);
    await sync(page);
    await expect.poll(() => renewals.length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => syncBar.textContent()).toMatch(/Hors ligne|Erreur de synchronisation/);
    expect(page.url()).not.toContain('/connexion');
    await sync(page);
    await expect.poll(() => answered).toContain(200);
    await expect.poll(() => syncBar.textContent()).toContain('Synchronisé');
    expect(page.url()).not.toContain('/connexion');
    expect(new Set(renewals).size).toBe(1); // sent again as it was
    const [session] = await endpoint.db.query<{ endedAt: Date | null }>(
      `SELECT s.ended_at AS "endedAt" FROM sessions s JOIN agents a ON a.id = s.agent_id
        WHERE a.email = $1 ORDER BY s.created_at DESC LIMIT 1`,
      [CONSEILLERE.email],
    );
    expect(session?.endedAt).toBeNull();
    await tablet.close();
  });

  it('ends the session when its refresh token is used by someone else too', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    const refreshToken = followRefreshToken(page);
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    // A thief copies the refresh token and uses it first.
    const stolen = refreshToken();
    const theft = await fetch(`${endpoint.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stolen }),
    });
    expect(theft.status).toBe(200);
    // The tablet's access token expires; its renewal presents the same token again: the session ends.
    await page.waitForTimeout(ACCESS_SECONDS * 1000 + 500);
    await sync(page);
    await page.getByText('Votre session est terminée').waitFor();
    expect(page.url()).toContain('/connexion');
    // The thief's newer tokens are dead too.
    const { refreshToken: thiefToken } = (await theft.json()) as { refreshToken: string };
    const again = await fetch(`${endpoint.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: thiefToken }),
    });
    expect(again.status).toBe(401);
    await tablet.close();
  });

  it('wipes a revoked tablet at its next contact and returns it to the login screen', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await openCaseload(page);
    await expect.poll(() => localYoungPeople(page)).toBeGreaterThan(50);
    const [device] = await endpoint.db.query<{ id: string }>(
      `SELECT d.id FROM devices d JOIN agents a ON a.id = d.agent_id WHERE a.email = $1 ORDER BY d.created_at DESC LIMIT 1`,
      [CONSEILLERE.email],
    );

    // The coordinator revokes it (a lost tablet).
    const coordinator = await apiLogin(endpoint.url, COORDINATION.email);
    const revoke = await fetch(`${endpoint.url}/api/devices/${device!.id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(revoke.status).toBe(204);

    // Its next contact: the button, unless its own periodic sync got there first.
    const syncButton = page.getByRole('button', { name: 'Synchroniser' });
    if (await syncButton.isVisible()) await syncButton.click({ timeout: 5_000 }).catch(() => undefined);
    await page.getByText('Cet appareil a été révoqué').waitFor();
    expect(page.url()).toContain('/connexion');
    expect(await localYoungPeople(page)).toBe(0);
    await tablet.close();
  });

  it('sends pending work before logging out, and asks before dropping what cannot be sent', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    const requests = followApiRequests(page);
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    const [someone] = await endpoint.db.query<{ id: string }>(
      `SELECT id FROM records WHERE entity = 'youngPerson' AND referent_id = (SELECT id FROM agents WHERE email = $1)
         AND data->>'status' <> 'clos' LIMIT 1`,
      [CONSEILLERE.email],
    );
    await requests.settled();
    await waitForOfflineReady(page);
    await requests.settled();
    await tablet.setOffline(true);
    await goTo(page, `${endpoint.url}/jeunes/${someone!.id}`);
    await page.getByRole('group', { name: 'Résultat de la tentative' }).getByRole('button', { name: 'Joint' }).click();
    await page.getByTestId('quick-contact-confirmation').waitFor();

    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await page.getByText('Des modifications ne sont pas envoyées').waitFor();
    expect(await localYoungPeople(page)).toBeGreaterThan(0); // nothing dropped yet

    // The network returns: a new try sends it, then logs out and clears the tablet.
    await tablet.setOffline(false);
    await page.getByRole('button', { name: 'Réessayer l’envoi' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await localYoungPeople(page)).toBe(0);
    const [attempt] = await endpoint.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM records WHERE entity = 'contactAttempt' AND young_person_id = $1
         AND data->>'result' = 'joint' AND created_at > now() - interval '5 minutes'`,
      [someone!.id],
    );
    expect(attempt?.n).toBe(1);
    await tablet.close();
  });
});
