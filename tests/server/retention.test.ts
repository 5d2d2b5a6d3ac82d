import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseHistoryResponseSchema } from '../../src/domain/audit-messages';
import { purgeExpiredCases } from '../../src/server/privacy/retention';
import { startRetentionJob } from '../../src/server/privacy/retention-job';
import { nextCreate, nextEdit, followUpPoint } from '../support/server/case-builders';
import { AGENTS, PEOPLE } from '../support/server/fixture';
import { everythingStored, PERSONAL, writeFullCase } from '../support/server/full-case';
import { bearer, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The retention purge: a case closed for longer than the retention period
 * (2 years here) loses every personal data; what remains is anonymised for
 * statistics, leaves the devices, and the purge is audited. The endpoint's
 * clock is the test's.
 */
describe.each(backends)('retention purge on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;
  const YEARS = 2;
  const purge = () => purgeExpiredCases(t.db, t.time.clock, YEARS);

  /** Alice's case, written in full and closed on `closedOn`; the devices that held it. */
  async function closedCase(closedOn: string) {
    const conseiller = await t.login('conseiller');
    const coordinator = await t.login('coordinateur');
    const written = await writeFullCase(t, { conseiller, coordinator }, alice, closedOn);
    const cursors = {
      conseiller: (await t.pullAll(conseiller)).cursor,
      coordinator: (await t.pullAll(coordinator)).cursor,
    };
    return { conseiller, coordinator, written, cursors };
  }

  const caseRows = () =>
    t.db.query<{ id: string; entity: string; deleted: boolean; purged: boolean; data: Record<string, unknown> | null }>(
      `SELECT id, entity, deleted, purged_at IS NOT NULL AS purged, data FROM records
        WHERE young_person_id = $1 ORDER BY entity, id`,
      [alice],
    );

  it('purges a case closed more than two years ago, by the days of France, and not a day before', async () => {
    await closedCase('2024-10-05');
    // 5 October 2026, 23:30 in Paris: two years to the day, not more.
    t.time.set(new Date('2026-10-05T21:30:00.000Z'));
    expect((await purge()).caseIds).toEqual([]);
    expect((await t.storedRecord(alice))?.data.lastName).toBe(PERSONAL.lastName);

    // 6 October, 00:30 in Paris (still the 5th in UTC): closed for longer than two years.
    t.time.set(new Date('2026-10-05T22:30:00.000Z'));
    expect(await purge()).toEqual({ cutoff: '2024-10-06', caseIds: [alice] });
  });

  it('keeps an anonymised young person and the counts of the follow-up, and no personal data anywhere', async () => {
    const { written } = await closedCase('2024-03-01');
    const before = await caseRows();
    expect(await everythingStored(t)).toContain(PERSONAL.meetingNotes); // the case as it was

    expect((await purge()).caseIds).toEqual([alice]);

    const after = new Map((await caseRows()).map((row) => [row.id, row]));
    expect(after.get(alice)).toEqual({
      id: alice,
      entity: 'youngPerson',
      deleted: true,
      purged: true,
      data: {
        id: alice,
        anonymised: true,
        platformId: PEOPLE.alice.platformId,
        referentId: AGENTS.conseiller.id,
        origin: 'siei',
        campaign: '2026-09',
        sex: 'F',
        ageBandAtListing: '16_17', // born 14 March 2009, listed on 5 October 2026
        level: '',
        status: 'clos',
        outcome: 'apprentissage',
        closedOn: '2024-03-01',
      },
    });
    expect(after.get(written.contact.id)?.data).toEqual({
      id: written.contact.id,
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      occurredAt: written.contact.occurredAt,
      channel: 'telephone',
      target: 'representant',
      result: 'joint',
      anonymised: true,
    });
    expect(after.get(written.meeting.id)?.data).toEqual({
      id: written.meeting.id,
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      kind: 'entretien',
      date: '2024-01-15',
      contractId: '',
      attendance: '',
      anonymised: true,
    });
    expect(after.get(written.bilan.id)?.data).toMatchObject({
      status: 'valide',
      level: 'infra_3',
      constraintThemes: ['logement'],
      anonymised: true,
    });
    expect(after.get(written.bilan.id)?.data).not.toHaveProperty('project');
    expect(after.get(written.proposal.id)?.data).toMatchObject({ decision: 'refusee', decidedOn: '2024-01-25' });
    expect(after.get(written.proposal.id)?.data).not.toHaveProperty('reason');
    expect(after.get(written.contract.id)?.data).toMatchObject({
      state: 'signe',
      signedOn: '2024-01-30',
      tutorId: AGENTS.mlds.id,
      checkpointDates: ['2024-03-01'],
    });
    expect(after.get(written.closing.id)?.data).toMatchObject({ from: 'contrat_signe', to: 'clos' });
    expect(after.get(written.closing.id)?.data).not.toHaveProperty('reason');
    // The conflict held two people's phone numbers: nothing of it is left.
    expect(after.get(written.conflictId)).toMatchObject({ deleted: true, purged: false, data: null });
    // Every record is still counted (one row each), none is readable by a device.
    expect([...after.values()].map((row) => row.entity).sort()).toEqual(before.map((row) => row.entity).sort());
    expect([...after.values()].every((row) => row.deleted)).toBe(true);

    // Nowhere in the database: records, the trail of device writes, audit events.
    const stored = await everythingStored(t);
    for (const value of [
      PERSONAL.lastName,
      PERSONAL.address,
      PERSONAL.guardian,
      PERSONAL.guardianPhone,
      PERSONAL.school,
      PERSONAL.leavingReason,
      ...PERSONAL.clashPhones,
      'MARQUEUR',
    ]) {
      expect(stored, value).not.toContain(value);
    }
  });

  it('removes the case from the devices that held it, and never sends its content again', async () => {
    const { conseiller, coordinator, written, cursors } = await closedCase('2024-03-01');
    await purge();

    for (const [device, cursor] of [
      [conseiller, cursors.conseiller],
      [coordinator, cursors.coordinator],
    ] as const) {
      const { changes } = await t.pullAll(device, cursor);
      expect(changes.filter((change) => change.op !== 'delete')).toEqual([]);
      expect(new Set(changes.map((change) => change.id))).toEqual(
        new Set(
          [alice, written.contact.id, written.meeting.id, written.bilan.id, written.proposal.id].concat([
            written.contract.id,
            written.closing.id,
            written.conflictId,
          ]),
        ),
      );
      expect(changes.every((change) => change.data === null)).toBe(true);
    }
    // A device starting from nothing gets no trace of it either.
    const fresh = await t.login('coordinateur');
    const everything = JSON.stringify((await t.pullAll(fresh)).changes);
    expect(everything).not.toContain(PERSONAL.lastName);
    expect(everything).not.toContain('MARQUEUR');
    const refreshed = await t.inject({
      method: 'POST',
      url: '/api/sync/records',
      headers: bearer(fresh.token),
      payload: { protocolVersion: 2, ids: [alice, written.meeting.id] },
    });
    expect(refreshed.json().changes.map((change: { op: string; data: unknown }) => [change.op, change.data])).toEqual([
      ['delete', null],
      ['delete', null],
    ]);
  });

  it('refuses every write to a purged case: an edit, a note (no personal data reaches it again)', async () => {
    const { conseiller } = await closedCase('2024-03-01');
    await purge();
    const version = (await t.storedRecord(alice))!.version;
    const { results } = await t.pushOk(conseiller, [
      nextEdit(conseiller, 'youngPerson', alice, version, { phone: '06 39 98 77 77' }),
      nextCreate(conseiller, 'meeting', followUpPoint(alice, AGENTS.conseiller.id)),
    ]);
    expect(results.map((result) => [result.status, result.reason])).toEqual([
      ['rejected', "Cette fiche n'existe pas ou a été supprimée"],
      ['rejected', 'Le jeune de ce dossier a été supprimé'],
    ]);
    expect(await everythingStored(t)).not.toContain('06 39 98 77 77');
  });

  it('records the purge in the audit trail with its counts, and the case history shows it', async () => {
    await closedCase('2024-03-01');
    t.time.set(new Date('2026-10-06T02:00:00.000Z'));
    await purge();
    const events = await t.db.query<Record<string, unknown>>(
      `SELECT at, action, agent_id AS "agentId", device_id AS "deviceId", platform_id AS "platformId", entity,
              record_id AS "recordId", details FROM audit_events WHERE action = 'retention_purge'`,
    );
    expect(events).toEqual([
      {
        at: new Date('2026-10-06T02:00:00.000Z'),
        action: 'retention_purge',
        agentId: null,
        deviceId: null,
        platformId: PEOPLE.alice.platformId,
        entity: 'youngPerson',
        recordId: alice,
        details: {
          closedOn: '2024-03-01',
          retentionYears: 2,
          anonymised: { bilan: 1, contract: 1, contactAttempt: 1, meeting: 1, proposal: 1, statusChange: 1 },
          conflictsDeleted: 1,
        },
      },
    ]);

    const coordinator = await t.login('coordinateur');
    const history = await t.inject({
      method: 'GET',
      url: `/api/cases/${alice}/history`,
      headers: bearer(coordinator.token),
    });
    const { entries } = caseHistoryResponseSchema.parse(history.json());
    expect(entries[0]).toMatchObject({ source: 'event', action: 'retention_purge', agentId: null });
    expect(JSON.stringify(entries)).not.toContain('MARQUEUR');
  });

  it('leaves alone the open cases, the cases closed recently, and a case already purged', async () => {
    await closedCase('2025-01-15'); // closed less than two years ago
    const bastien = PEOPLE.bastien.id;
    const before = await t.storedRecord(bastien);
    expect((await purge()).caseIds).toEqual([]);
    expect(await t.storedRecord(bastien)).toEqual(before);
    expect((await t.storedRecord(alice))?.data.lastName).toBe(PERSONAL.lastName);

    t.time.set(new Date('2027-01-16T12:00:00.000Z'));
    expect((await purge()).caseIds).toEqual([alice]);
    const purged = await caseRows();
    expect((await purge()).caseIds).toEqual([]); // a second run changes nothing
    expect(await caseRows()).toEqual(purged);
    expect(await t.db.query(`SELECT id FROM audit_events WHERE action = 'retention_purge'`)).toHaveLength(1);
    expect(await t.storedRecord(bastien)).toEqual(before);
  });

  it('runs at start and on its period, without keeping the process alive', async () => {
    await closedCase('2024-03-01');
    const runs: string[][] = [];
    const job = startRetentionJob({
      db: t.db,
      clock: t.time.clock,
      retentionYears: YEARS,
      everyHours: 24,
      onRun: (report) => runs.push(report.caseIds),
      onError: (error) => {
        throw error;
      },
    });
    await job.running;
    job.stop();
    expect(runs).toEqual([[alice]]);
  });

  it('does not mistake a tombstone for a case to purge', async () => {
    const conseiller = await t.login('conseiller');
    const id = randomUUID();
    const mistake = { ...PEOPLE.alice, id, status: 'clos', outcome: 'refus', closedOn: '2020-01-01' } as const;
    const [created] = (await t.pushOk(conseiller, [nextCreate(conseiller, 'youngPerson', mistake)])).results;
    expect(created?.status).toBe('applied');
    await t.pushOk(conseiller, [
      {
        mutationId: randomUUID(),
        seq: ++conseiller.lastSeq,
        entity: 'youngPerson',
        recordId: id,
        op: 'delete',
        baseVersion: created!.version!,
      },
    ]);
    expect((await purge()).caseIds).toEqual([]);
  });
});
