import { describe, expect, it } from 'vitest';
import { accessExportSchema } from '../../src/domain/access-export';
import { purgeExpiredCases } from '../../src/server/privacy/retention';
import { AGENTS, PEOPLE, PLATFORM } from '../support/server/fixture';
import { PERSONAL, writeFullCase } from '../support/server/full-case';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The right of access: the coordinator exports one young person's whole file
 * as JSON and as a readable French document; each export is in the audit
 * trail; nobody else gets it.
 */
describe.each(backends)('right-of-access export on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  const exportOf = (device: Device, caseId: string, format?: string) =>
    t.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/export${format ? `?format=${format}` : ''}`,
      headers: bearer(device.token),
    });

  async function aliceWritten(closedOn = '2026-09-30') {
    const conseiller = await t.login('conseiller');
    const coordinator = await t.login('coordinateur', 'Poste de Corinne');
    const written = await writeFullCase(t, { conseiller, coordinator }, alice, closedOn);
    return { conseiller, coordinator, written };
  }

  it('gives the coordinator the whole file as JSON: identity, every record, the names of the agents', async () => {
    const { coordinator, written } = await aliceWritten();
    t.time.set(new Date('2026-10-05T08:10:00.000Z'));
    const response = await exportOf(coordinator, alice, 'json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="droit-acces-${alice.slice(0, 8)}-2026-10-05.json"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');

    const file = accessExportSchema.parse(response.json());
    expect(file).toMatchObject({
      exportedAt: '2026-10-05T08:10:00.000Z',
      exportedBy: AGENTS.coordinateur.displayName,
      platform: { name: PLATFORM.name, departement: PLATFORM.departement, academie: PLATFORM.academie },
      listedOn: '2026-10-05',
      retention: { years: 2, erasedFrom: '2028-10-01' },
      youngPerson: {
        id: alice,
        lastName: PERSONAL.lastName,
        address: PERSONAL.address,
        leavingReason: PERSONAL.leavingReason,
        guardians: [expect.objectContaining({ name: PERSONAL.guardian })],
        closingComment: PERSONAL.closingComment,
      },
    });
    expect(file.contactAttempts).toEqual([written.contact]);
    expect(file.meetings).toEqual([written.meeting]);
    expect(file.bilans).toEqual([written.bilan]);
    expect(file.proposals).toEqual([written.proposal]);
    expect(file.contracts).toEqual([{ ...written.contract, state: 'signe', signedOn: '2024-01-30' }]);
    expect(file.statusChanges).toEqual([written.closing]);
    expect(file.conflicts).toEqual([
      expect.objectContaining({
        field: 'phone',
        keptValue: PERSONAL.clashPhones[0],
        otherValue: PERSONAL.clashPhones[1],
      }),
    ]);
    expect(file.agents).toEqual({
      [AGENTS.conseiller.id]: AGENTS.conseiller.displayName,
      [AGENTS.mlds.id]: AGENTS.mlds.displayName,
      [AGENTS.coordinateur.id]: AGENTS.coordinateur.displayName,
    });
  });

  it('gives it as a readable French document too, with every text of the file, and escaped', async () => {
    const { coordinator } = await aliceWritten();
    await t.db.query(
      `UPDATE records SET data = jsonb_set(data, '{commune}', '"<script>alert(1)</script>"') WHERE id = $1`,
      [alice],
    );
    const response = await exportOf(coordinator, alice, 'html');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="droit-acces-.+\.html"$/);
    const html = response.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('Dossier de Alice ARNAUD');
    expect(html).toContain('droit d’accès (RGPD, article 15)');
    for (const value of [
      PERSONAL.address,
      PERSONAL.guardian,
      PERSONAL.school,
      PERSONAL.leavingReason,
      PERSONAL.callNote,
      PERSONAL.meetingNotes,
      PERSONAL.meetingPlace,
      PERSONAL.constraint,
      PERSONAL.project,
      PERSONAL.recommendation,
      PERSONAL.proposalReason,
      PERSONAL.contractObjectives,
      PERSONAL.closingComment,
      AGENTS.conseiller.displayName,
    ]) {
      expect(html, value).toContain(value);
    }
    expect(html).toContain('Tentative de contact – Téléphone : joint'); // labels, not codes
    expect(html).toContain('Apprentissage / CFA');
    expect(html).toContain('14/03/2009'); // dates in French
    expect(html).toContain('effacées à partir du 01/10/2028');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('records each export in the audit trail, with the format and the number of records, no content', async () => {
    const { coordinator } = await aliceWritten();
    await exportOf(coordinator, alice, 'json');
    t.time.advance(60_000);
    await exportOf(coordinator, alice, 'html');
    const events = await t.db.query<Record<string, unknown>>(
      `SELECT action, agent_id AS "agentId", device_id AS "deviceId", platform_id AS "platformId", entity,
              record_id AS "recordId", details FROM audit_events WHERE action = 'access_export' ORDER BY at`,
    );
    const event = {
      action: 'access_export',
      agentId: AGENTS.coordinateur.id,
      deviceId: coordinator.deviceId,
      platformId: PLATFORM.id,
      entity: 'youngPerson',
      recordId: alice,
    };
    expect(events).toEqual([
      { ...event, details: { format: 'json', records: 7 } },
      { ...event, details: { format: 'html', records: 7 } },
    ]);
  });

  it('is the coordinator’s: anyone else finds no such case, an admin is refused, and nothing is recorded', async () => {
    await aliceWritten();
    const refusals: [string, number][] = [];
    for (const agent of ['conseiller', 'mlds', 'tuteur', 'conseillerAilleurs', 'admin'] as const) {
      refusals.push([agent, (await exportOf(await t.login(agent), alice, 'html')).statusCode]);
    }
    expect(refusals).toEqual([
      ['conseiller', 404], // the referent: the export is the platform's act
      ['mlds', 404], // a tutor of the case
      ['tuteur', 404],
      ['conseillerAilleurs', 404],
      ['admin', 403],
    ]);
    expect(await t.db.query(`SELECT id FROM audit_events WHERE action = 'access_export'`)).toEqual([]);
  });

  it('answers 400 for a format it does not make or a bad id, 404 for no case or a record that is not one', async () => {
    const { coordinator, written } = await aliceWritten();
    expect((await exportOf(coordinator, alice, 'pdf')).statusCode).toBe(400);
    expect((await exportOf(coordinator, 'pas-un-identifiant', 'json')).statusCode).toBe(400);
    expect((await exportOf(coordinator, written.meeting.id, 'json')).statusCode).toBe(404);
    expect((await exportOf(coordinator, PEOPLE.emma.id, 'json')).statusCode).toBe(404); // another platform
    expect((await exportOf(coordinator, alice)).headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('says that a purged case has no personal data left to export', async () => {
    const { coordinator } = await aliceWritten('2024-03-01');
    await purgeExpiredCases(t.db, t.time.clock, 2);
    const response = await exportOf(coordinator, alice, 'json');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'purged', message: expect.stringMatching(/effacées/) });
  });
});
