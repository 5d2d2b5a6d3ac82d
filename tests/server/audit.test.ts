import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseHistoryResponseSchema } from '../../src/domain/audit-messages';
import { contactAttemptOf, nextCreate, nextEdit } from '../support/server/case-builders';
import { AGENTS, PEOPLE, PLATFORM } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The audit trail: device writes (the endpoint's `mutations`) and audit
 * events (the other writes, the exports of personal data), append-only; a
 * case's history; the admin's CSV export of a period.
 */
describe.each(backends)('audit trail on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id; // followed by the conseiller

  const contact = (device: Device, youngPersonId: string) =>
    nextCreate(device, 'contactAttempt', contactAttemptOf(youngPersonId, device.agent.id, { note: 'Rappel convenu' }));

  async function editPhone(device: Device, id: string, phone: string) {
    const stored = (await t.storedRecord(id))!;
    return t.pushOk(device, [nextEdit(device, 'youngPerson', id, stored.version, { phone })]);
  }

  const assign = (device: Device, caseId: string, referentId: string | null) =>
    t.inject({
      method: 'PUT',
      url: `/api/cases/${caseId}/referent`,
      headers: bearer(device.token),
      payload: { referentId },
    });

  const exportEvent = (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    kind: 'emergency_export',
    at: '2026-10-05T07:55:00.000Z',
    details: { mutations: 3, drafts: 1 },
    ...overrides,
  });

  const report = (device: Device, events: unknown[]) =>
    t.inject({ method: 'POST', url: '/api/audit/events', headers: bearer(device.token), payload: { events } });

  const auditCsv = (device: Device, query: string) =>
    t.inject({ method: 'GET', url: `/api/admin/audit.csv${query}`, headers: bearer(device.token) });

  const csvRows = (body: string) =>
    body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .map((row) => row.split(';'));

  it('refuses to change or delete anything of the trail, on audit events and device writes alike', async () => {
    const conseiller = await t.login('conseiller');
    await t.pushOk(conseiller, [contact(conseiller, alice)]);
    expect((await report(conseiller, [exportEvent()])).statusCode).toBe(204);

    for (const statement of [
      `UPDATE audit_events SET action = 'rien'`,
      'DELETE FROM audit_events',
      `UPDATE mutations SET result = '{}'::jsonb`,
      'DELETE FROM mutations',
    ]) {
      await expect(t.db.query(statement), statement).rejects.toThrow(/append-only/);
    }
    expect(await t.db.query('SELECT action FROM audit_events')).toEqual([{ action: 'emergency_export' }]);
    expect(await t.db.query('SELECT count(*)::int AS n FROM mutations')).toEqual([{ n: 1 }]);
  });

  it('records who wrote what from which device at the server’s time, and reassignments with the coordinator’s device', async () => {
    const conseiller = await t.login('conseiller');
    t.time.advance(60_000);
    await editPhone(conseiller, alice, '06 39 98 00 42');
    const [write] = await t.db.query<Record<string, unknown>>(
      `SELECT agent_id AS "agentId", device_id AS "deviceId", received_at AS at, record_id AS "recordId",
              payload FROM mutations`,
    );
    expect(write).toEqual({
      agentId: AGENTS.conseiller.id,
      deviceId: conseiller.deviceId,
      at: t.time.clock(),
      recordId: alice,
      payload: { phone: true }, // the field, never its value
    });

    const coordinator = await t.login('coordinateur');
    expect((await assign(coordinator, alice, AGENTS.mlds.id)).statusCode).toBe(200);
    const events = await t.db.query<Record<string, unknown>>(
      `SELECT action, agent_id AS "agentId", device_id AS "deviceId", platform_id AS "platformId", entity,
              record_id AS "recordId", details FROM audit_events`,
    );
    expect(events).toEqual([
      {
        action: 'case_reassigned',
        agentId: AGENTS.coordinateur.id,
        deviceId: coordinator.deviceId,
        platformId: PLATFORM.id,
        entity: 'youngPerson',
        recordId: alice,
        details: { from: AGENTS.conseiller.id, to: AGENTS.mlds.id },
      },
    ]);
  });

  it('records an emergency export reported by a device once, at the server’s time, with its device', async () => {
    const conseiller = await t.login('conseiller');
    const event = exportEvent();
    expect((await report(conseiller, [event])).statusCode).toBe(204);
    expect((await report(conseiller, [event])).statusCode).toBe(204); // the answer was lost: sent again

    const rows = await t.db.query<Record<string, unknown>>(
      `SELECT id, at, action, agent_id AS "agentId", device_id AS "deviceId", platform_id AS "platformId", details
         FROM audit_events`,
    );
    expect(rows).toEqual([
      {
        id: event.id,
        at: t.time.clock(),
        action: 'emergency_export',
        agentId: AGENTS.conseiller.id,
        deviceId: conseiller.deviceId,
        platformId: PLATFORM.id,
        details: { mutations: 3, drafts: 1, deviceAt: event.at },
      },
    ]);
  });

  it.each([
    ['an unknown kind', { kind: 'export_pdf' }],
    ['a negative count', { details: { mutations: -1, drafts: 0 } }],
    ['a device time that is not one', { at: 'hier soir' }],
    ['an unexpected field', { details: { mutations: 1, drafts: 0, names: ['Alice'] } }],
  ])('refuses a reported event with %s, and records nothing', async (_what, overrides) => {
    const conseiller = await t.login('conseiller');
    const response = await report(conseiller, [exportEvent(), exportEvent(overrides)]);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.length).toBeGreaterThan(0);
    expect(await t.db.query('SELECT id FROM audit_events')).toEqual([]);
  });

  it('gives the coordinator a case’s history, newest first: writes, refusals and events, with names and devices', async () => {
    const conseiller = await t.login('conseiller', 'Tablette de Claire');
    const coordinator = await t.login('coordinateur', 'Poste de Corinne');
    const mlds = await t.login('mlds', 'Tablette de Mehdi');
    const call = contact(conseiller, alice);
    await t.pushOk(conseiller, [call]);
    await t.pushOk(conseiller, [contact(conseiller, PEOPLE.bastien.id)]); // another case: not in alice's history
    t.time.advance(60_000);
    await editPhone(coordinator, alice, '06 39 98 00 43');
    t.time.advance(60_000);
    await editPhone(mlds, alice, '06 39 98 00 44'); // refused: not theirs
    t.time.advance(60_000);
    await assign(coordinator, alice, AGENTS.mlds.id);

    const response = await t.inject({
      method: 'GET',
      url: `/api/cases/${alice}/history`,
      headers: bearer(coordinator.token),
    });
    expect(response.statusCode).toBe(200);
    const { entries } = caseHistoryResponseSchema.parse(response.json());
    expect(
      entries.map((entry) => [
        entry.source,
        entry.action,
        entry.entity,
        entry.status,
        entry.agentName,
        entry.deviceName,
      ]),
    ).toEqual([
      ['event', 'case_reassigned', 'youngPerson', null, 'Corinne Coordination', 'Poste de Corinne'],
      ['mutation', 'update', 'youngPerson', 'rejected', 'Mehdi Mlds', 'Tablette de Mehdi'],
      ['mutation', 'update', 'youngPerson', 'applied', 'Corinne Coordination', 'Poste de Corinne'],
      ['mutation', 'create', 'contactAttempt', 'applied', 'Claire Conseil', 'Tablette de Claire'],
    ]);
    expect(entries[1]).toMatchObject({
      reason: "Vous n'avez pas accès à ce dossier",
      changes: { phone: true },
    });
    expect(entries[3]).toMatchObject({
      recordId: call.recordId,
      changes: expect.objectContaining({ note: true }),
    });
    expect(entries.map((entry) => entry.at)).toEqual([...entries.map((entry) => entry.at)].sort().reverse());

    // The new referent reads it; the previous one no longer does.
    const asMlds = await t.inject({ method: 'GET', url: `/api/cases/${alice}/history`, headers: bearer(mlds.token) });
    expect(asMlds.statusCode).toBe(200);
    const asConseiller = await t.inject({
      method: 'GET',
      url: `/api/cases/${alice}/history`,
      headers: bearer(conseiller.token),
    });
    expect(asConseiller.statusCode).toBe(404);
  });

  it('answers 404 for a history of a record that is not a young person, or of no record, and 400 for a bad id', async () => {
    const coordinator = await t.login('coordinateur');
    const get = (id: string) =>
      t.inject({ method: 'GET', url: `/api/cases/${id}/history`, headers: bearer(coordinator.token) });
    expect((await get(randomUUID())).statusCode).toBe(404);
    expect((await get('pas-un-identifiant')).statusCode).toBe(400);
  });

  it('exports a period as a French CSV: BOM, semicolons, Paris days and times, field names but no values', async () => {
    // 22:30 UTC on 5 October is 00:30 on 6 October in Paris.
    t.time.set(new Date('2026-10-05T22:30:00.000Z'));
    const conseiller = await t.login('conseiller', '=HYPERLINK("http://exemple.invalid")');
    await editPhone(conseiller, alice, '06 39 98 00 45');
    await report(conseiller, [exportEvent()]);
    const admin = await t.login('admin');

    const sixth = await auditCsv(admin, '?from=2026-10-06&to=2026-10-06');
    expect(sixth.statusCode).toBe(200);
    expect(sixth.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(sixth.headers['content-disposition']).toBe(
      'attachment; filename="audit-raccroche-2026-10-06-au-2026-10-06.csv"',
    );
    expect(
      sixth.body.startsWith('\uFEFFdate;agent;rôle;plateforme;appareil;action;type de fiche;fiche;détail\r\n'),
    ).toBe(true);
    const rows = csvRows(sixth.body).slice(1);
    expect(rows).toEqual([
      [
        '06/10/2026 00:30:00',
        'Claire Conseil <conseiller@test.example>',
        'Conseiller·ère (Psy-EN)',
        'PSAD Test Nord',
        `"'=HYPERLINK(""http://exemple.invalid"") (${conseiller.deviceId})"`,
        'Modification',
        'Fiche du jeune',
        alice,
        'appliquée – champs : phone',
      ],
      [
        '06/10/2026 00:30:00',
        'Claire Conseil <conseiller@test.example>',
        'Conseiller·ère (Psy-EN)',
        'PSAD Test Nord',
        `"'=HYPERLINK(""http://exemple.invalid"") (${conseiller.deviceId})"`,
        'Export de secours sur l’appareil',
        '',
        '',
        `"{""drafts"":1,""deviceAt"":""2026-10-05T07:55:00.000Z"",""mutations"":3}"`, // jsonb's key order
      ],
    ]);
    expect(sixth.body).not.toContain('06 39 98 00 45');

    const fifth = await auditCsv(admin, '?from=2026-10-05&to=2026-10-05');
    expect(csvRows(fifth.body)).toHaveLength(1); // the header alone
  });

  it('audits each export, which the next export of the period then shows', async () => {
    const admin = await t.login('admin');
    await auditCsv(admin, '?from=2026-10-01&to=2026-10-31');
    const events = await t.db.query<{ action: string; agentId: string; details: unknown }>(
      `SELECT action, agent_id AS "agentId", details FROM audit_events`,
    );
    expect(events).toEqual([
      {
        action: 'audit_exported',
        agentId: AGENTS.admin.id,
        details: { from: '2026-10-01', to: '2026-10-31', rows: 0 },
      },
    ]);
    const rows = csvRows((await auditCsv(admin, '?from=2026-10-01&to=2026-10-31')).body).slice(1);
    expect(rows.map((row) => [row[1], row[2], row[3], row[5]])).toEqual([
      ['Adèle Admin <admin@test.example>', 'Administrateur·rice académique', '', 'Export du journal d’audit'],
    ]);
  });

  it.each([
    ['no period', '', ['from', 'to']],
    ['an impossible day', '?from=2026-02-30&to=2026-03-01', ['from']],
    ['an end before the start', '?from=2026-10-31&to=2026-10-01', ['to']],
    ['more than a year', '?from=2025-01-01&to=2026-01-02', ['to']],
  ])('refuses an export with %s (400, the fields named) and audits nothing', async (_what, query, paths) => {
    const admin = await t.login('admin');
    const response = await auditCsv(admin, query);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
    expect(await t.db.query('SELECT id FROM audit_events')).toEqual([]);
  });

  it('records a device revoked and a password changed, with who did it', async () => {
    const tablet = await t.login('conseiller');
    const desk = await t.login('coordinateur');
    const revoked = await t.inject({
      method: 'POST',
      url: `/api/devices/${tablet.deviceId}/revoke`,
      headers: bearer(desk.token),
      payload: {},
    });
    expect(revoked.statusCode).toBe(204);
    const other = await t.login('mlds');
    const changed = await t.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: bearer(other.token),
      payload: { currentPassword: 'Mot-de-passe-des-tests-1', newPassword: 'Un-autre-secret-bien-long-42' },
    });
    expect(changed.statusCode).toBe(204);
    const events = await t.db.query<{ action: string; agentId: string }>(
      `SELECT action, agent_id AS "agentId" FROM audit_events WHERE action IN ('device_revoked', 'password_changed') ORDER BY at`,
    );
    expect(events).toEqual([
      { action: 'device_revoked', agentId: AGENTS.coordinateur.id },
      { action: 'password_changed', agentId: AGENTS.mlds.id },
    ]);
  });
});
