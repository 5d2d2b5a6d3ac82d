import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { blankBilan } from '../../src/domain/bilan';
import { caseHistoryResponseSchema } from '../../src/domain/audit-messages';
import { listMigrations, migrate } from '../../src/server/store/migrate';
import { contactAttemptOf, nextCreate, nextDelete, nextEdit } from '../support/server/case-builders';
import { AGENTS, PEOPLE, PLATFORM, youngPerson } from '../support/server/fixture';
import { bearer, useTestApp } from '../support/server/test-app';
import { backends, type TestDatabase } from '../support/server/test-databases';

/**
 * Tombstones and sync logs carry no personal data: the trail of device
 * writes (`mutations`) keeps who, when, which record, which fields and the
 * result, never a value; a deleted record keeps no content. Migration 0008
 * rewrites what was stored before it.
 */
describe.each(backends)('sync logs and tombstones without personal data on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  const trail = () =>
    t.db.query<{ op: string; payload: Record<string, unknown>; result: Record<string, unknown> }>(
      'SELECT op, payload, result FROM mutations ORDER BY received_at, seq',
    );

  it('keeps the names of the fields a device sent, never their values, for creations and edits', async () => {
    const device = await t.login('conseiller');
    const person = youngPerson({ id: randomUUID(), lastName: 'Zidane', phone: '06 39 98 12 34' });
    const version = (await t.storedRecord(alice))!.version;
    await t.pushOk(device, [
      nextCreate(device, 'youngPerson', person),
      nextEdit(device, 'youngPerson', alice, version, { phone: '06 39 98 43 21', leavingReason: 'Santé fragile' }),
    ]);
    const [created, edited] = await trail();
    expect(created).toMatchObject({ op: 'create', result: { status: 'applied' } });
    expect(Object.keys(created!.payload).sort()).toEqual(Object.keys(person).sort());
    expect(Object.values(created!.payload).every((value) => value === true)).toBe(true);
    expect(edited).toMatchObject({ op: 'update', payload: { phone: true, leavingReason: true } });
    const text = JSON.stringify(await trail());
    for (const value of ['Zidane', '06 39 98 12 34', '06 39 98 43 21', 'Santé fragile'])
      expect(text).not.toContain(value);
  });

  it('answers a conflict with both values, and keeps only its field in the trail (a retry gets that)', async () => {
    const desk = await t.login('coordinateur');
    const tablet = await t.login('conseiller');
    const base = (await t.storedRecord(alice))!.version;
    await t.pushOk(desk, [nextEdit(desk, 'youngPerson', alice, base, { commune: 'Lens' })]);
    const batch = [nextEdit(tablet, 'youngPerson', alice, base, { commune: 'Arras' })];
    const answer = await t.pushOk(tablet, batch);
    expect(answer.results[0]).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'commune', serverValue: 'Lens', deviceValue: 'Arras' }],
    });
    const [, logged] = await trail();
    expect(logged?.result).toMatchObject({ status: 'conflict', conflicts: [{ field: 'commune' }] });
    expect(JSON.stringify(logged)).not.toMatch(/Lens|Arras/);

    const retry = await t.pushOk(tablet, batch); // the answer was lost
    expect(retry.results[0]).toEqual({ ...answer.results[0], conflicts: [{ field: 'commune' }] });
    // Both values stay where a person resolves them: the conflict record of the case.
    const [conflict] = await t.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM records WHERE entity = 'conflict'`,
    );
    expect(conflict?.data).toMatchObject({ keptValue: 'Lens', otherValue: 'Arras' });
  });

  it('leaves no content in a tombstone: a young person entered by mistake, a draft bilan', async () => {
    const device = await t.login('conseiller');
    const mistake = youngPerson({ id: randomUUID(), lastName: 'Erreur-de-saisie' });
    const bilan = blankBilan({
      id: randomUUID(),
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      date: '2026-10-05',
    });
    const created = await t.pushOk(device, [
      nextCreate(device, 'youngPerson', mistake),
      nextCreate(device, 'bilan', { ...bilan, project: 'Projet noté par erreur' }),
    ]);
    const deleted = await t.pushOk(device, [
      nextDelete(device, 'youngPerson', mistake.id, created.results[0]!.version!),
      nextDelete(device, 'bilan', bilan.id, created.results[1]!.version!),
    ]);
    expect(deleted.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const rows = await t.db.query<{ deleted: boolean; data: unknown }>(
      'SELECT deleted, data FROM records WHERE id = ANY($1::uuid[])',
      [[mistake.id, bilan.id]],
    );
    expect(rows).toEqual([
      { deleted: true, data: null },
      { deleted: true, data: null },
    ]);
    // A note written meanwhile for the deleted young person is refused with the reason (and stays on its device).
    const late = await t.pushOk(device, [
      nextCreate(device, 'contactAttempt', contactAttemptOf(mistake.id, AGENTS.conseiller.id, { note: 'Appel' })),
    ]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', reason: 'Le jeune de ce dossier a été supprimé' });
  });

  it('shows field names in a case’s history and in the audit export, never values', async () => {
    const device = await t.login('conseiller');
    const version = (await t.storedRecord(alice))!.version;
    await t.pushOk(device, [nextEdit(device, 'youngPerson', alice, version, { address: '7 impasse des Lilas' })]);
    const coordinator = await t.login('coordinateur');
    const history = await t.inject({
      method: 'GET',
      url: `/api/cases/${alice}/history`,
      headers: bearer(coordinator.token),
    });
    const { entries } = caseHistoryResponseSchema.parse(history.json());
    expect(entries[0]).toMatchObject({ action: 'update', changes: { address: true } });
    const admin = await t.login('admin');
    const csv = await t.inject({
      method: 'GET',
      url: '/api/admin/audit.csv?from=2026-10-05&to=2026-10-05',
      headers: bearer(admin.token),
    });
    expect(csv.body).toContain('appliquée – champs : address');
    expect(history.body + csv.body).not.toContain('Lilas');
  });
});

describe.each(backends)('migration 0008 on %s', (backend) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.cleanup();
    database = undefined;
  });

  it('strips the values of the trail and the content of tombstones written before it, and keeps the trail append-only', async () => {
    database = await backend.open({ migrated: false });
    const { db } = database;
    // The schema as version 0007 left it.
    await db.transaction(async (tx) => {
      await tx.query(`CREATE TABLE schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const migration of listMigrations().filter((m) => m.version <= 7)) {
        await tx.script(migration.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
    });
    const deviceId = randomUUID();
    const [live, tombstone] = [randomUUID(), randomUUID()];
    await db.script(`
      INSERT INTO platforms (id, name, departement, academie) VALUES ('${PLATFORM.id}', 'P', 'Nord', 'Lille');
      INSERT INTO agents (id, platform_id, email, display_name, role, password_hash)
        VALUES ('${AGENTS.conseiller.id}', '${PLATFORM.id}', 'c@test.example', 'C', 'conseiller', 'x');
      INSERT INTO devices (id, agent_id, name, created_at, last_seen_at) VALUES ('${deviceId}', '${AGENTS.conseiller.id}', 'T', now(), now());
      INSERT INTO records (id, entity, platform_id, version, deleted, data, created_at, updated_at) VALUES
        ('${live}', 'youngPerson', '${PLATFORM.id}', 1, false, '{"lastName": "Vivant"}', now(), now()),
        ('${tombstone}', 'youngPerson', '${PLATFORM.id}', 2, true, '{"lastName": "Supprimé"}', now(), now());
      INSERT INTO mutations (device_id, seq, mutation_id, agent_id, entity, record_id, op, payload, result, received_at, base_version) VALUES
        ('${deviceId}', 1, '${randomUUID()}', '${AGENTS.conseiller.id}', 'youngPerson', '${live}', 'create',
         '{"lastName": "Vivant", "phone": "06 39 98 00 07"}', '{"seq": 1, "status": "applied", "version": 1}', now(), NULL),
        ('${deviceId}', 2, '${randomUUID()}', '${AGENTS.conseiller.id}', 'youngPerson', '${live}', 'update',
         '{"phone": "06 39 98 00 08"}',
         '{"seq": 2, "status": "conflict", "version": 3, "conflicts": [{"field": "phone", "serverValue": "06 39 98 00 07", "deviceValue": "06 39 98 00 08"}]}',
         now(), 1),
        ('${deviceId}', 3, '${randomUUID()}', '${AGENTS.conseiller.id}', 'youngPerson', '${tombstone}', 'delete',
         '{}', '{"seq": 3, "status": "applied", "version": 2}', now(), 1);
    `);

    // 0008 and the migrations after it (later ones must leave what 0008 wrote as it is).
    expect(await migrate(db)).toEqual(listMigrations().flatMap((m) => (m.version >= 8 ? [m.version] : [])));

    expect(await db.query('SELECT payload, result FROM mutations ORDER BY seq')).toEqual([
      { payload: { lastName: true, phone: true }, result: { seq: 1, status: 'applied', version: 1 } },
      { payload: { phone: true }, result: { seq: 2, status: 'conflict', version: 3, conflicts: [{ field: 'phone' }] } },
      { payload: {}, result: { seq: 3, status: 'applied', version: 2 } },
    ]);
    expect(await db.query('SELECT id, data FROM records ORDER BY version')).toEqual([
      { id: live, data: { lastName: 'Vivant' } },
      { id: tombstone, data: null },
    ]);
    await expect(db.query(`UPDATE mutations SET payload = '{}'::jsonb`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM mutations')).rejects.toThrow(/append-only/);
  });
});
