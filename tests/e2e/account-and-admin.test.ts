import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS, DEMO_PLATFORM } from '../../src/server/demo/demo-data';
import { apiLogin, DEMO_PASSWORD, startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { launchChromium, logIn, newDevice, openCaseload, pending } from './browser';

/**
 * The screens that talk to the endpoint directly, in Chromium: the conseillère
 * changes her password (her other device's session ends) and sees her
 * devices; the académie's administrator lands on the administration, creates
 * an account and downloads the audit of the month; the coordinator records a
 * contact on a case and reads the case's history.
 */
const agent = (role: string) => DEMO_AGENTS.find((demo) => demo.role === role)!;
const CONSEILLERE = agent('conseiller');
const MLDS = agent('mlds');
const COORDINATION = agent('coordinateur');
const ADMIN = agent('admin');
const NEW_PASSWORD = 'Quai Saint-Vincent 12';

describe('account, administration and case history in Chromium', () => {
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

  const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });
  const login = (email: string, password: string) =>
    fetch(`${endpoint.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, deviceName: 'vérification' }),
    });

  it('lets the conseillère see her devices and change her password, which logs her other device out', async () => {
    const otherTablet = await apiLogin(endpoint.url, CONSEILLERE.email);
    const device = await newDevice(browser);
    const page = await device.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await page.getByRole('link', { name: CONSEILLERE.displayName }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();

    const mine = page.getByTestId('my-devices').getByTestId('device-item');
    await expect.poll(() => mine.count()).toBe(2);
    expect(await mine.filter({ hasText: 'Cet appareil' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Appareils de la plateforme' }).count()).toBe(0);

    await page.locator('#password-currentPassword').fill(DEMO_PASSWORD);
    await page.locator('#password-newPassword').fill('motdepasse');
    await page.locator('#password-newPassword').blur();
    await expect
      .poll(() => page.locator('#password-newPassword-error').textContent())
      .toContain('au moins 12 caractères');
    await page.locator('#password-newPassword').fill(NEW_PASSWORD);
    await page.locator('#password-confirmation').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect
      .poll(() => page.getByTestId('password-changed').textContent())
      .toContain('Vos sessions sur vos autres appareils ont été fermées');

    const refused = await fetch(`${endpoint.url}/api/devices`, {
      headers: { authorization: `Bearer ${otherTablet.token}` },
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toBe('session_ended');
    expect((await login(CONSEILLERE.email, DEMO_PASSWORD)).status).toBe(401);
    expect((await login(CONSEILLERE.email, NEW_PASSWORD)).status).toBe(200);

    await page.getByRole('button', { name: 'Synchroniser' }).click(); // this device goes on
    await expect.poll(() => pending(page).textContent()).toContain('Aucune modification en attente');
    expect(page.url()).toMatch(/\/compte$/);
    await device.close();
  });

  it('brings the administrator to the administration, where she creates an account and exports the audit', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await logIn(page, endpoint.url, ADMIN.email);
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    expect(page.url()).toMatch(/\/admin$/);
    expect(await mainMenu(page).getByRole('link').allInnerTexts()).toEqual([
      'Administration',
      'Activité du réseau', // figures of every platform, no case content
      'Mon compte',
    ]);
    await expect.poll(() => page.getByTestId('agent-row').count()).toBe(DEMO_AGENTS.length);

    await page.locator('#agent-email').fill('lucie.martin@ac-lyon.example');
    await page.locator('#agent-displayName').fill('Lucie Martin');
    await page.locator('#agent-role').selectOption('conseiller');
    await page.locator('#agent-platformId').selectOption(DEMO_PLATFORM.id);
    await page.locator('#agent-temporaryPassword').fill('Lucie-Martin-2026');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect
      .poll(() => page.locator('#agent-temporaryPassword-message').textContent())
      .toContain('ne doit pas reprendre votre adresse électronique');
    await page.locator('#agent-temporaryPassword').fill('Place Bellecour 1789');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect.poll(() => page.getByTestId('agent-created').textContent()).toContain('Compte créé pour Lucie Martin');
    await expect.poll(() => page.getByTestId('agent-row').count()).toBe(DEMO_AGENTS.length + 1);
    expect((await login('lucie.martin@ac-lyon.example', 'Place Bellecour 1789')).status).toBe(200);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le journal (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-raccroche-\d{4}-\d\d-01-au-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFdate;agent;rôle;plateforme;appareil;action;type de fiche;fiche;détail\r\n')).toBe(
      true,
    );
    expect(csv).toContain('Compte créé');
    await expect.poll(() => page.getByTestId('audit-saved').textContent()).toContain(download.suggestedFilename());
    await device.close();
  });

  it('shows the coordinator the history of a case: who wrote what, from which device, with which result', async () => {
    const [person] = await endpoint.db.query<{ id: string; lastName: string; firstNames: string }>(
      `SELECT id, data->>'lastName' AS "lastName", data->>'firstNames' AS "firstNames" FROM records
        WHERE entity = 'youngPerson' AND referent_id = $1 AND data->>'status' = 'a_traiter'
          AND NOT EXISTS (SELECT 1 FROM records c WHERE c.young_person_id = records.id AND c.entity <> 'youngPerson')
        ORDER BY version LIMIT 1`,
      [MLDS.id],
    );
    if (!person) throw new Error('The demo data has no untouched case for the MLDS coordinator');
    const desk = await apiLogin(endpoint.url, COORDINATION.email);
    const reassigned = await fetch(`${endpoint.url}/api/cases/${person.id}/referent`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ referentId: CONSEILLERE.id }),
    });
    expect(reassigned.status).toBe(200);

    const device = await newDevice(browser);
    const page = await device.newPage();
    await logIn(page, endpoint.url, COORDINATION.email);
    await openCaseload(page);
    await page.getByLabel('Rechercher un jeune').fill(`${person.lastName} ${person.firstNames}`);
    const name = `${person.lastName.toLocaleUpperCase('fr-FR')} ${person.firstNames}`;
    await page.getByRole('link', { name, exact: true }).first().click();
    const results = page.getByRole('group', { name: 'Résultat de la tentative' });
    await results.getByRole('button', { name: 'Message laissé' }).click();
    await expect
      .poll(() => page.getByTestId('quick-contact-confirmation').textContent())
      .toContain('Tentative enregistrée');
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await expect.poll(() => pending(page).textContent()).toContain('Aucune modification en attente');

    await page.getByRole('link', { name: 'Historique des modifications' }).click();
    await page.getByRole('heading', { level: 1, name: 'Historique des modifications' }).waitFor();
    const entries = page.getByTestId('history-entry');
    await expect.poll(() => entries.count()).toBe(2);
    const [contact, reassignment] = await entries.allInnerTexts();
    expect(contact).toContain('Création — Tentative de contact');
    expect(contact).toContain(`Par ${COORDINATION.displayName}, depuis «`);
    expect(contact).toContain('appliquée');
    expect(reassignment).toContain('Dossier attribué à un autre référent — Fiche du jeune');
    expect(reassignment).toContain(`De ${MLDS.displayName} à ${CONSEILLERE.displayName}`);
    expect(reassignment).toMatch(/depuis « test »/);
    await device.close();
  });
});
