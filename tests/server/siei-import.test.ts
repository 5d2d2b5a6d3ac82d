import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importApplyRequestSchema } from '../../src/domain/siei/messages';
import type { ImportRow } from '../../src/domain/siei/row';
import type { YoungPerson } from '../../src/domain/young-person';
import { applyImport } from '../../src/server/imports/siei-import';
import type { Database } from '../../src/server/store/database';
import { nextCreate, nextEdit } from '../support/server/case-builders';
import { AGENTS, PLATFORM, youngPerson } from '../support/server/fixture';
import {
  applyBody,
  applyOk,
  applyRequest,
  fixtureRows,
  insertPerson,
  previewOk,
  previewRequest,
} from '../support/server/siei-import';
import { bearer, useTestApp, type Device, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/** Young people the platform already follows, each matching one row of excel-windows-1252.csv. */
const HELENE = youngPerson({
  id: '9a8b7c6d-0000-4000-8000-000000000001',
  ine: '1234567890A',
  lastName: 'Lefèvre',
  firstNames: 'Hélène',
  birthDate: '2009-03-14',
  commune: '',
  phone: '',
  status: 'contact_en_cours',
});
const MOUSSA = youngPerson({
  id: '9a8b7c6d-0000-4000-8000-000000000002',
  ine: '234567890BC',
  lastName: 'N’Diaye',
  firstNames: 'Moussa',
  sex: 'M',
  birthDate: '2008-11-02',
  campaign: '2026-01',
});
const ZOE = youngPerson({
  id: '9a8b7c6d-0000-4000-8000-000000000003',
  ine: '',
  lastName: 'DUPRE',
  firstNames: 'Zoe',
  birthDate: '2010-05-07',
  status: 'en_solution',
  referentId: AGENTS.mlds.id,
});

/**
 * The platform as the list finds it: Hélène followed, her phone typed by her
 * conseillère; Moussa contacted once, then closed; Zoé in solution.
 */
async function platformBeforeTheList(t: TestApp, conseiller: Device) {
  for (const person of [HELENE, MOUSSA, ZOE]) await insertPerson(t, person);
  const contact = {
    id: randomUUID(),
    youngPersonId: MOUSSA.id,
    authorId: AGENTS.conseiller.id,
    occurredAt: '2026-05-20T09:00:00.000Z',
    channel: 'telephone',
    target: 'jeune',
    guardianName: '',
    result: 'injoignable',
    note: 'Messagerie pleine',
  };
  const helene = (await t.storedRecord(HELENE.id))!;
  await t.pushOk(conseiller, [
    nextEdit(conseiller, 'youngPerson', HELENE.id, helene.version, { phone: '07 11 11 11 11' }),
    nextCreate(conseiller, 'contactAttempt', contact),
  ]);
  const moussa = (await t.storedRecord(MOUSSA.id))!;
  await t.pushOk(conseiller, [
    nextEdit(conseiller, 'youngPerson', MOUSSA.id, moussa.version, {
      status: 'clos',
      outcome: 'injoignable',
      closedOn: '2026-06-01',
    }),
  ]);
  return { contactId: contact.id };
}

/** The list: Hélène, Moussa and Zoé, Hélène again, two new young people, and a row the app would not send. */
function theList(): ImportRow[] {
  const [helene, moussa, zoe] = fixtureRows('excel-windows-1252.csv');
  const [elodie, theo] = fixtureRows('titre-et-sep.csv');
  return [
    helene!,
    moussa!,
    zoe!,
    { ...helene!, line: 5 },
    { ...elodie!, line: 6 },
    { ...theo!, line: 7 },
    { ...theo!, line: 8, lastName: '', ine: '', firstNames: 'Sans-Nom' },
  ];
}

async function tableCounts(t: TestApp) {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM records) AS records,
            (SELECT count(*)::int FROM audit_events) AS audit,
            (SELECT count(*)::int FROM imports) AS imports,
            (SELECT value::int FROM platform_clocks WHERE platform_id = $1) AS clock`,
    [PLATFORM.id],
  );
  return row!;
}

describe.each(backends)('SIEI import on %s', (backend) => {
  const t = useTestApp(backend);

  it('previews every row’s fate without writing anything', async () => {
    const conseiller = await t.login('conseiller');
    await platformBeforeTheList(t, conseiller);
    const coordinator = await t.login('coordinateur');
    const before = await tableCounts(t);

    const preview = await previewOk(t, coordinator, theList());

    expect(preview.counts).toEqual({
      new: 2,
      update: 1,
      unchanged: 0,
      inSolution: 1,
      reopen: 1,
      duplicate: 1,
      rejected: 1,
    });
    expect(preview.rows.map((row) => [row.line, row.category, row.caseId, row.duplicateOf])).toEqual([
      [2, 'update', HELENE.id, null],
      [3, 'reopen', MOUSSA.id, null],
      [4, 'inSolution', ZOE.id, null],
      [5, 'duplicate', HELENE.id, 2],
      [6, 'new', null, null],
      [7, 'new', null, null],
      [8, 'rejected', null, null],
    ]);
    // The list fills what was empty and leaves the phone the conseillère typed.
    expect(preview.rows[0]!.fields).toEqual(
      expect.arrayContaining(['commune', 'address', 'guardians', 'lastSchoolName', 'leftSchoolOn']),
    );
    expect(preview.rows[0]!.fields).not.toContain('phone');
    expect(preview.rows[1]!.fields).toEqual(expect.arrayContaining(['status', 'reappearedAt', 'campaign']));
    expect(preview.rows[6]!.reasons).toEqual(['Nom manquant']);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('applies it in one go: new cases unassigned, updates versioned for the devices, the closed case reopened and flagged with its history', async () => {
    const conseiller = await t.login('conseiller');
    const { contactId } = await platformBeforeTheList(t, conseiller);
    const { cursor } = await t.pullAll(conseiller);
    const coordinator = await t.login('coordinateur');

    const result = await applyOk(t, coordinator, applyBody(theList(), { rejectedInFile: 4 }));
    expect(result).toMatchObject({ replayed: false, counts: { new: 2, update: 1, reopen: 1, inSolution: 1 } });

    const created = await t.db.query<{ data: YoungPerson; referentId: string | null }>(
      `SELECT data, referent_id AS "referentId" FROM records
        WHERE entity = 'youngPerson' AND data ->> 'campaign' = '2026-11' AND data ->> 'origin' = 'siei'
          AND id NOT IN ($1, $2, $3) ORDER BY data ->> 'lastName'`,
      [HELENE.id, MOUSSA.id, ZOE.id],
    );
    expect(created.map(({ data, referentId }) => [data.lastName, data.firstNames, data.status, referentId])).toEqual([
      ['Michel', 'Théo', 'a_traiter', null],
      ['Simon', 'Élodie', 'a_traiter', null],
    ]);

    const helene = (await t.storedRecord(HELENE.id))!.data;
    expect(helene).toMatchObject({ phone: '07 11 11 11 11', commune: 'Lille', lastSchoolUai: '0590001A' });
    expect(helene.guardians).toEqual([
      { relation: 'mere', name: 'Sophie Lefèvre', phone: '03 20 00 00 01', email: '' },
    ]);

    const moussa = (await t.storedRecord(MOUSSA.id))!.data;
    expect(moussa).toMatchObject({
      status: 'a_traiter',
      outcome: '',
      closedOn: '',
      campaign: '2026-11',
      reappearedAt: '2026-10-05',
      referentId: AGENTS.conseiller.id,
    });
    expect((await t.storedRecord(ZOE.id))!.data).toMatchObject({ status: 'en_solution', commune: 'Roubaix' });

    // The conseillère's device receives her reopened case, its reopening and the update, not the unassigned ones.
    const { changes } = await t.pullAll(conseiller, cursor);
    const reopening = changes.find((change) => change.entity === 'statusChange');
    expect(reopening?.data).toMatchObject({
      youngPersonId: MOUSSA.id,
      from: 'clos',
      to: 'a_traiter',
      authorId: AGENTS.coordinateur.id,
      reason: 'Réapparu dans la liste SIEI 2026-11 : dossier rouvert par l’import',
    });
    expect(
      changes
        .filter((change) => change.entity === 'youngPerson')
        .map((change) => change.id)
        .sort(),
    ).toEqual([HELENE.id, MOUSSA.id].sort());
    expect(await t.storedRecord(contactId)).toBeDefined();

    // The coordinator's devices receive every new case, to distribute.
    const all = await t.pullAll(coordinator);
    expect(all.changes.filter((change) => change.data?.campaign === '2026-11')).toHaveLength(3);
  });

  it('audits the import (file, counts, who, when) and each case it wrote', async () => {
    const conseiller = await t.login('conseiller');
    await platformBeforeTheList(t, conseiller);
    const coordinator = await t.login('coordinateur');
    const body = applyBody(theList(), { rejectedInFile: 4, fileName: 'SIEI novembre.csv' });
    await applyOk(t, coordinator, body);

    const [event] = await t.db.query<{ agentId: string; deviceId: string; at: Date; details: Record<string, unknown> }>(
      `SELECT agent_id AS "agentId", device_id AS "deviceId", at, details FROM audit_events WHERE action = 'siei_import'`,
    );
    expect(event).toMatchObject({
      agentId: AGENTS.coordinateur.id,
      deviceId: coordinator.deviceId,
      details: {
        importId: body.importId,
        fileName: 'SIEI novembre.csv',
        campaign: '2026-11',
        rows: 7,
        rejectedInFile: 4,
        counts: { new: 2, update: 1, unchanged: 0, inSolution: 1, reopen: 1, duplicate: 1, rejected: 1 },
      },
    });
    expect(new Date(event!.at).toISOString()).toBe('2026-10-05T08:00:00.000Z');

    const history = await t.inject({
      method: 'GET',
      url: `/api/cases/${MOUSSA.id}/history`,
      headers: bearer(coordinator.token),
    });
    const entries = history.json().entries as { action: string; changes: Record<string, unknown> }[];
    expect(entries[0]).toMatchObject({
      action: 'siei_import_case',
      changes: { change: 'reopened', fileName: 'SIEI novembre.csv', campaign: '2026-11' },
    });
  });

  it('is applied once however often the same confirmation arrives, and the same list again changes nothing', async () => {
    const conseiller = await t.login('conseiller');
    await platformBeforeTheList(t, conseiller);
    const coordinator = await t.login('coordinateur');
    const body = applyBody(theList());
    const first = await applyOk(t, coordinator, body);
    const afterFirst = await tableCounts(t);

    const again = await applyOk(t, coordinator, body);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await tableCounts(t)).toEqual(afterFirst);

    const reused = await applyRequest(t, coordinator, { ...body, campaign: '2026-12' });
    expect(reused.statusCode).toBe(409);

    const nextMonth = await applyOk(t, coordinator, applyBody(theList()));
    expect(nextMonth.counts).toEqual({
      new: 0,
      update: 0,
      unchanged: 4,
      inSolution: 1,
      reopen: 0,
      duplicate: 1,
      rejected: 1,
    });
    const afterSecond = await tableCounts(t);
    expect(afterSecond.records).toBe(afterFirst.records);
    expect(afterSecond.clock).toBe(afterFirst.clock); // nothing written: the devices have nothing to pull
  });

  it('never overwrites an adviser’s concurrent edit: the field merge keeps both values as a conflict', async () => {
    const conseiller = await t.login('conseiller');
    await platformBeforeTheList(t, conseiller);
    const seen = (await t.storedRecord(HELENE.id))!.version; // what her device holds, offline
    const coordinator = await t.login('coordinateur');
    await applyOk(t, coordinator, applyBody(theList()));

    const [result] = (
      await t.pushOk(conseiller, [nextEdit(conseiller, 'youngPerson', HELENE.id, seen, { commune: 'Roubaix' })])
    ).results;
    expect(result).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'commune', serverValue: 'Lille', deviceValue: 'Roubaix' }],
    });
  });

  it('writes nothing at all when it fails half-way', async () => {
    const conseiller = await t.login('conseiller');
    await platformBeforeTheList(t, conseiller);
    const coordinator = await t.login('coordinateur');
    const before = await tableCounts(t);
    const actor = {
      agentId: AGENTS.coordinateur.id,
      deviceId: coordinator.deviceId,
      role: 'coordinateur' as const,
      platformId: PLATFORM.id,
    };
    const request = importApplyRequestSchema.parse(applyBody(theList()));

    // The last statement fails (after the records and the audit were written): everything goes.
    await expect(applyImport(failingOn(t.db, /INSERT INTO imports/), actor, request, t.time.clock)).rejects.toThrow(
      'disque plein',
    );
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.storedRecord(MOUSSA.id))!.data.status).toBe('clos');
  });

  it('refuses a list without campaign or rows, with the fields and French reasons', async () => {
    const coordinator = await t.login('coordinateur');
    const response = await previewRequest(t, coordinator, [], '');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'campaign', message: 'La campagne SIEI est obligatoire (AAAA-MM)' },
      { path: 'rows', message: 'Aucune ligne à importer' },
    ]);
  });

  it('takes a list far above the usual 1 MiB body limit', async () => {
    const coordinator = await t.login('coordinateur');
    const [helene] = fixtureRows('excel-windows-1252.csv');
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      ...helene!,
      line: i + 2,
      ine: `${String(i).padStart(10, '0')}Z`,
      firstNames: `Hélène ${i}`,
    }));
    const response = await previewRequest(t, coordinator, rows);
    expect(response.statusCode).toBe(200);
    expect(response.json().counts.new).toBe(5_000);
  });
});

/** The database, whose statements matching `pattern` fail inside transactions (as a full disk would). */
function failingOn(db: Database, pattern: RegExp): Database {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    script: (sql) => db.script(sql),
    close: () => db.close(),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: (sql, params) =>
            pattern.test(sql) ? Promise.reject(new Error('disque plein')) : tx.query(sql, params),
          script: (sql) => tx.script(sql),
        }),
      ),
  } as Database;
}
