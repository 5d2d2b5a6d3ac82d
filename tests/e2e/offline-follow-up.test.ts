import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS } from '../../src/server/demo/demo-data';
import { startEndpoint, type RunningEndpoint } from '../support/server/test-endpoint';
import { goTo, launchChromium, logIn, newDevice, pending, reload, waitForOfflineReady } from './browser';

/**
 * A young person's whole follow-up, typed on a tablet with no network from
 * just after login to the end: two contact attempts, an interview whose notes
 * survive a reload mid-typing, a validated bilan, a solution proposed and
 * accepted, a contract signed and printed, the case closed. Back online, a
 * second device shows the same timeline.
 */
const CONSEILLERE = DEMO_AGENTS[0]!;
const LONG_NOTES = [
  'Entretien de situation au CIO. Le jeune a quitté le lycée professionnel en novembre après des absences répétées.',
  'Il souhaite se former en cuisine ; il a travaillé l’été dernier dans un restaurant. Pas de difficulté de logement.',
  'Freins : mobilité (pas de permis), horaires de transport. Motivation réelle pour un CAP en apprentissage.',
].join('\n');

describe('the whole follow-up of a young person, offline, then on a second device', () => {
  let endpoint: RunningEndpoint;
  let browser: Browser;
  let person: { id: string; lastName: string; firstNames: string };

  beforeAll(async () => {
    endpoint = await startEndpoint();
    browser = await launchChromium();
    // An adult followed by the conseillère, not yet contacted, with nothing in the file yet.
    const [row] = await endpoint.db.query<{ id: string; lastName: string; firstNames: string }>(
      `SELECT p.id, p.data->>'lastName' AS "lastName", p.data->>'firstNames' AS "firstNames"
         FROM records p
        WHERE p.entity = 'youngPerson' AND p.referent_id = $1 AND p.data->>'status' = 'a_traiter'
          AND (p.data->>'birthDate')::date < current_date - interval '19 years'
          AND NOT EXISTS (SELECT 1 FROM records c WHERE c.young_person_id = p.id AND c.entity <> 'youngPerson')
        ORDER BY p.version LIMIT 1`,
      [CONSEILLERE.id],
    );
    if (!row) throw new Error('The demo data has no adult, untouched case for the conseillère');
    person = row;
  });

  afterAll(async () => {
    await browser?.close();
    await endpoint?.stop();
  });

  const backToCase = (page: Page) =>
    page.getByRole('heading', { level: 1, name: new RegExp(person.lastName, 'i') }).waitFor();
  const timeline = (page: Page) => page.getByTestId('timeline-entry').allInnerTexts();

  async function logContacts(page: Page): Promise<void> {
    const results = page.getByRole('group', { name: 'Résultat de la tentative' });
    await results.getByRole('button', { name: 'Message laissé' }).click();
    await expect
      .poll(() => page.getByTestId('quick-contact-confirmation').textContent())
      .toContain('Tentative enregistrée');
    await results.getByRole('button', { name: 'Joint' }).click();
    await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(2);
  }

  async function writeInterviewAcrossAReload(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Nouvel entretien' }).click();
    await page.locator('#meeting-place').fill('CIO Lyon Centre');
    const notes = page.locator('#meeting-notes');
    const [firstPart, rest] = [LONG_NOTES.slice(0, 150), LONG_NOTES.slice(150)];
    await notes.pressSequentially(firstPart, { delay: 2 });
    await expect.poll(() => page.getByText(/Brouillon enregistré/).count()).toBeGreaterThan(0);
    await page.waitForTimeout(300); // each keystroke's write takes a few milliseconds
    await reload(page); // the tab is reloaded mid-typing: nothing typed may be lost
    await expect.poll(() => page.locator('#meeting-notes').inputValue()).toBe(firstPart);
    await expect.poll(() => page.getByText(/Brouillon restauré/).count()).toBeGreaterThan(0);
    await page.locator('#meeting-notes').press('End');
    await page.locator('#meeting-notes').pressSequentially(rest.slice(0, 60), { delay: 1 });
    await page.locator('#meeting-notes').fill(LONG_NOTES);
    await page.locator('#meeting-next-steps').fill('Bilan de positionnement avec la MLDS');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await backToCase(page);
  }

  async function validateBilan(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Nouveau bilan' }).click();
    await page.locator('#bilan-project').fill('CAP Cuisine en apprentissage');
    await page.locator('#bilan-recommendation').fill('Orientation vers un CFA, avec un accompagnement sur la mobilité');
    await page.getByRole('button', { name: 'Valider le bilan' }).click();
    await page.getByRole('button', { name: 'Confirmer la validation' }).click();
    await page.getByTestId('bilan-locked').waitFor();
    await goTo(page, `${new URL(page.url()).origin}/jeunes/${person.id}`);
    await backToCase(page);
  }

  async function proposeAndAccept(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Proposer une solution' }).click();
    await page.getByLabel('Rechercher une solution').fill('CFA');
    await page.locator('label[for^="proposal-solution-"]').first().click();
    await page.getByRole('button', { name: 'Enregistrer la proposition' }).click();
    await backToCase(page);
    await page.getByRole('button', { name: 'Indiquer la décision' }).click();
    await page.getByLabel('Décision du jeune').selectOption('acceptee');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => page.getByTestId('case-proposal').first().textContent()).toContain('Acceptée');
  }

  async function signAndPrintContract(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Nouveau contrat' }).click();
    await page.locator('#contract-objectives').fill('Entrer en CAP Cuisine en apprentissage et obtenir le diplôme');
    await page.locator('#contract-startDate').fill('2026-12-01');
    await page.locator('#contract-endDate').fill('2028-06-30');
    await page.getByRole('button', { name: 'Marquer comme signé' }).click();
    await page.getByRole('button', { name: 'Confirmer la signature' }).click();
    await page.getByTestId('contract-locked').waitFor();

    await page.getByRole('link', { name: 'Version imprimable' }).click();
    await page.getByRole('button', { name: 'Imprimer' }).waitFor();
    const document = await page.locator('main').innerText();
    expect(document).toContain('Contrat Formation Qualification Emploi');
    expect(document).toContain('Entrer en CAP Cuisine en apprentissage');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await goTo(page, `${new URL(page.url()).origin}/jeunes/${person.id}`);
    await backToCase(page);
  }

  async function closeCase(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Clôturer le dossier' }).click();
    await page.getByLabel('Code de sortie').selectOption('apprentissage');
    await page.getByLabel('Commentaire').fill('Entrée en CFA, contrat d’apprentissage signé');
    await page.getByRole('button', { name: 'Clôturer le dossier' }).click();
    await backToCase(page);
    await expect.poll(() => page.getByText(/Dossier clos le/).count()).toBeGreaterThan(0);
  }

  it('records every step offline and shows the same timeline on another device once synced', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await logIn(page, endpoint.url, CONSEILLERE.email);
    await waitForOfflineReady(page);
    await expect.poll(() => page.getByTestId('sync-last').textContent()).not.toContain('jamais');
    await tablet.setOffline(true);

    // A deep link to the case file opens offline.
    await goTo(page, `${endpoint.url}/jeunes/${person.id}`);
    await backToCase(page);
    await logContacts(page);
    await writeInterviewAcrossAReload(page);
    await validateBilan(page);
    await proposeAndAccept(page);
    await signAndPrintContract(page);
    await closeCase(page);

    const offlineTimeline = await timeline(page);
    expect(offlineTimeline.length).toBeGreaterThanOrEqual(7); // 2 contacts, interview, bilan, proposal, contract, closing
    expect(await pending(page).textContent()).toMatch(/modifications en attente/);
    const [stored] = await endpoint.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM records WHERE young_person_id = $1',
      [person.id],
    );
    expect(stored?.n).toBe(1); // nothing has left the tablet

    // Back online: everything leaves by itself.
    await tablet.setOffline(false);
    await expect
      .poll(() => pending(page).textContent(), { timeout: 30_000 })
      .toContain('Aucune modification en attente');
    const [closed] = await endpoint.db.query<{ status: string; outcome: string }>(
      `SELECT data->>'status' AS status, data->>'outcome' AS outcome FROM records WHERE id = $1`,
      [person.id],
    );
    expect(closed).toEqual({ status: 'clos', outcome: 'apprentissage' });
    const [meeting] = await endpoint.db.query<{ notes: string }>(
      `SELECT data->>'notes' AS notes FROM records WHERE young_person_id = $1 AND entity = 'meeting'`,
      [person.id],
    );
    expect(meeting?.notes).toBe(LONG_NOTES);
    await expect.poll(() => page.getByText('non synchronisé').count(), { timeout: 10_000 }).toBe(0);
    const tabletTimeline = await timeline(page);

    // A second device of the conseillère sees the whole timeline, identical.
    const other = await newDevice(browser);
    const otherPage = await other.newPage();
    await logIn(otherPage, endpoint.url, CONSEILLERE.email);
    await expect.poll(() => otherPage.getByTestId('sync-last').textContent()).not.toContain('jamais');
    await goTo(otherPage, `${endpoint.url}/jeunes/${person.id}`);
    await backToCase(otherPage);
    await expect.poll(() => timeline(otherPage)).toEqual(tabletTimeline);
    await other.close();
    await tablet.close();
  });
});
