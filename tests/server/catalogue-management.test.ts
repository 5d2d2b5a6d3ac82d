import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalogueResponseSchema, managedSolutionResponseSchema } from '../../src/domain/catalogue-messages';
import { directoryResponseSchema } from '../../src/domain/directory';
import type { Proposal } from '../../src/domain/proposal';
import type { SolutionFields } from '../../src/domain/solution';
import type { Mutation } from '../../src/domain/sync-messages';
import { insertAgent } from '../../src/server/store/agents-repo';
import { listMigrations } from '../../src/server/store/migrate';
import { contractFor, nextCreate, nextEdit, solutionOf } from '../support/server/case-builders';
import {
  AGENTS,
  fixturePasswordHash,
  FIXTURE_PASSWORD,
  OTHER_PLATFORM,
  PEOPLE,
  PLATFORM,
} from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The coordinator's management of the catalogue (/api/catalogue): entries
 * written as record versions that devices pull, validated with the shared
 * schema, kept from another platform, and the places taken counted from the
 * cases' contracts and proposals.
 */
const fields = (overrides: Partial<SolutionFields> = {}): SolutionFields => {
  const {
    id: _id,
    platformId: _platform,
    ...rest
  } = solutionOf(PLATFORM.id, {
    type: 'structure_retour',
    name: 'Micro-lycée de Lille (fictif)',
    structure: 'Lycée Faidherbe (fictif)',
    uai: '0599999z',
    siret: '130 000 000 00012',
    commune: 'Lille',
    postalCode: '59000',
    levels: ['niveau_3', 'niveau_4'],
    domains: ['Enseignement général'],
    placesTotal: 12,
    ...overrides,
  });
  return rest;
};

describe.each(backends)('catalogue management on %s', (backend) => {
  const t = useTestApp(backend);

  const call = (device: Device, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.inject({ method, url, headers: bearer(device.token), payload });

  async function create(coordinator: Device, overrides: Partial<SolutionFields> = {}) {
    const response = await call(coordinator, 'POST', '/api/catalogue', fields(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return managedSolutionResponseSchema.parse(response.json()).solution;
  }

  const listed = async (coordinator: Device) =>
    catalogueResponseSchema.parse((await call(coordinator, 'GET', '/api/catalogue')).json()).solutions;

  async function applied(device: Device, mutations: Mutation[]) {
    const { results } = await t.pushOk(device, mutations);
    expect(results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'));
  }

  it('creates an entry that advisers’ devices receive at their next pull, audited', async () => {
    const [coordinator, conseiller] = [await t.login('coordinateur'), await t.login('conseiller')];
    const { cursor } = await t.pullAll(conseiller);
    const created = await create(coordinator);
    expect(created).toMatchObject({ placesTaken: 0, version: expect.any(Number) });
    // The schema's formats: the UAI upper-cased, the SIRET without its spaces.
    expect(created.solution).toMatchObject({ platformId: PLATFORM.id, uai: '0599999Z', siret: '13000000000012' });

    const { changes } = await t.pullAll(conseiller, cursor);
    expect(changes).toEqual([
      expect.objectContaining({ entity: 'solution', id: created.solution.id, op: 'upsert', data: created.solution }),
    ]);
    const events = await t.db.query<{ action: string; recordId: string; agentId: string }>(
      `SELECT action, record_id AS "recordId", agent_id AS "agentId" FROM audit_events`,
    );
    expect(events).toEqual([
      { action: 'solution_created', recordId: created.solution.id, agentId: AGENTS.coordinateur.id },
    ]);
  });

  it('refuses an invalid entry with each field and its French reason, writing nothing', async () => {
    const coordinator = await t.login('coordinateur');
    const response = await call(coordinator, 'POST', '/api/catalogue', {
      ...fields(),
      type: 'stage',
      name: ' ',
      uai: '059999Z',
      siret: '1234',
      placesTotal: -2,
    });
    expect(response.statusCode).toBe(400);
    const issues = response.json().issues as { path: string; message: string }[];
    expect(Object.fromEntries(issues.map((issue) => [issue.path, issue.message]))).toEqual({
      type: 'Type de solution à choisir',
      name: 'Le nom est obligatoire',
      uai: 'UAI invalide : 7 chiffres et une lettre',
      siret: 'SIRET invalide : 14 chiffres',
      placesTotal: 'Nombre de places invalide',
    });
    const rows = await t.db.query(`SELECT id FROM records WHERE entity = 'solution'`);
    expect(rows).toEqual([]);
  });

  it('edits, deactivates and reactivates an entry; devices follow; the deactivated entry stays readable', async () => {
    const [coordinator, conseiller] = [await t.login('coordinateur'), await t.login('conseiller')];
    const created = await create(coordinator);
    const { cursor } = await t.pullAll(conseiller);

    const edit = await call(coordinator, 'PATCH', `/api/catalogue/${created.solution.id}`, {
      baseVersion: created.version,
      changes: { placesTotal: 15, commune: 'Roubaix', postalCode: '59100' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const edited = managedSolutionResponseSchema.parse(edit.json()).solution;
    expect(edited.version).toBeGreaterThan(created.version);
    expect(edited.solution).toMatchObject({ placesTotal: 15, commune: 'Roubaix', name: created.solution.name });

    const deactivate = await call(coordinator, 'PATCH', `/api/catalogue/${created.solution.id}`, {
      baseVersion: edited.version,
      changes: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    const pulled = await t.pullAll(conseiller, cursor);
    expect(pulled.changes.map((change) => change.data?.active)).toEqual([false]);
    expect(pulled.changes[0]?.data).toMatchObject({ placesTotal: 15, commune: 'Roubaix' });
    // Still listed for the coordinator, as no longer offered.
    expect((await listed(coordinator)).map((entry) => entry.solution.active)).toEqual([false]);

    const reactivate = await call(coordinator, 'PATCH', `/api/catalogue/${created.solution.id}`, {
      baseVersion: managedSolutionResponseSchema.parse(deactivate.json()).solution.version,
      changes: { active: true },
    });
    expect(managedSolutionResponseSchema.parse(reactivate.json()).solution.solution.active).toBe(true);
    const events = await t.db.query<{ action: string; details: { fields: string[] } }>(
      `SELECT action, details FROM audit_events WHERE action = 'solution_updated' ORDER BY at, id`,
    );
    expect(events.map((event) => [...event.details.fields].sort()).sort()).toEqual(
      [['active'], ['active'], ['commune', 'placesTotal', 'postalCode']].sort(),
    );
  });

  it('refuses an invalid edit with the field’s path, and a field a colleague changed meanwhile (409)', async () => {
    const coordinator = await t.login('coordinateur');
    const created = await create(coordinator);
    const url = `/api/catalogue/${created.solution.id}`;

    const invalid = await call(coordinator, 'PATCH', url, { baseVersion: created.version, changes: { uai: '12' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues).toEqual([
      { path: 'changes.uai', message: 'UAI invalide : 7 chiffres et une lettre' },
    ]);
    const empty = await call(coordinator, 'PATCH', url, { baseVersion: created.version, changes: {} });
    expect(empty.statusCode).toBe(400);

    // A second coordinator device changes the name from a device push.
    const tablet = await t.login('coordinateur', 'Tablette de la coordination');
    await applied(tablet, [
      nextEdit(tablet, 'solution', created.solution.id, created.version, { name: 'Micro-lycée' }),
    ]);
    const stale = await call(coordinator, 'PATCH', url, {
      baseVersion: created.version,
      changes: { name: 'Micro-lycée Faidherbe' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'edited_meanwhile',
      issues: [{ path: 'changes.name', message: 'Modifié entre-temps par un collègue' }],
    });
    // Another field from the same stale version merges: nobody else changed it.
    const other = await call(coordinator, 'PATCH', url, { baseVersion: created.version, changes: { placesTotal: 3 } });
    expect(other.statusCode).toBe(200);
    expect(managedSolutionResponseSchema.parse(other.json()).solution.solution).toMatchObject({
      name: 'Micro-lycée',
      placesTotal: 3,
    });
  });

  it('is the coordinator’s alone, and only on their own platform’s entries', async () => {
    const coordinator = await t.login('coordinateur');
    const created = await create(coordinator);
    for (const who of ['conseiller', 'mlds', 'tuteur', 'admin'] as const) {
      const device = await t.login(who);
      expect((await call(device, 'GET', '/api/catalogue')).statusCode).toBe(403);
      expect((await call(device, 'POST', '/api/catalogue', fields())).statusCode).toBe(403);
      const patch = { baseVersion: created.version, changes: { active: false } };
      expect((await call(device, 'PATCH', `/api/catalogue/${created.solution.id}`, patch)).statusCode).toBe(403);
    }

    await insertAgent(t.db, {
      id: randomUUID(),
      email: 'coordination.sud@test.example',
      displayName: 'Sophie Sud',
      role: 'coordinateur',
      platformId: OTHER_PLATFORM.id,
      structure: 'PSAD Sud',
      passwordHash: await fixturePasswordHash(),
    });
    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'coordination.sud@test.example', password: FIXTURE_PASSWORD, deviceName: 'Poste Sud' },
    });
    // Only its token is used here.
    const south = { token: (login.json() as { accessToken: string }).accessToken } as Device;
    const refused = await call(south, 'PATCH', `/api/catalogue/${created.solution.id}`, {
      baseVersion: created.version,
      changes: { active: false },
    });
    expect(refused.statusCode).toBe(403);
    expect(await listed(south)).toEqual([]);
    expect((await t.storedRecord(created.solution.id))?.data.active).toBe(true);
    const missing = await call(coordinator, 'PATCH', `/api/catalogue/${randomUUID()}`, {
      baseVersion: 1,
      changes: { active: false },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('migration 0011 drops the free places once typed in stored entries, and their stamps', async () => {
    const coordinator = await t.login('coordinateur');
    const created = await create(coordinator);
    await t.db.query(
      `UPDATE records SET data = data || '{"placesFree": 4}'::jsonb,
                          stamps = stamps || '{"placesFree": {"v": 1, "d": "server"}}'::jsonb WHERE id = $1`,
      [created.solution.id],
    );
    const migration = listMigrations().find((file) => file.name === '0011_catalogue_stats.sql')!;
    await t.db.transaction((tx) => tx.script(migration.sql));
    const [row] = await t.db.query<{ data: Record<string, unknown>; stamps: Record<string, unknown> }>(
      'SELECT data, stamps FROM records WHERE id = $1',
      [created.solution.id],
    );
    expect(row!.data).toEqual(created.solution);
    expect(Object.keys(row!.stamps)).not.toContain('placesFree');
    expect(Object.keys(row!.stamps)).toContain('placesTotal');
  });

  it('counts the places taken from signed contracts and accepted proposals, and sends them with the directory', async () => {
    const [coordinator, conseiller, mlds] = [
      await t.login('coordinateur'),
      await t.login('conseiller'),
      await t.login('mlds'),
    ];
    const entry = (await create(coordinator, { placesTotal: 12 })).solution;
    const other = (await create(coordinator, { name: 'E2C de Lille (fictif)', type: 'e2c', placesTotal: 0 })).solution;
    const proposal = (youngPersonId: string, authorId: string, decision: Proposal['decision'], solutionId = entry.id) =>
      ({
        id: randomUUID(),
        youngPersonId,
        authorId,
        solutionId,
        solutionName: entry.name,
        solutionType: entry.type,
        date: '2026-09-20',
        decision,
        decidedOn: decision === 'en_attente' ? '' : '2026-09-25',
        reason: decision === 'refusee' ? 'Trop loin' : '',
      }) satisfies Proposal;
    const signed = (youngPersonId: string, solutionId = entry.id) =>
      contractFor(youngPersonId, { solutionId, state: 'signe', signedOn: '2026-09-30' });

    // alice: an accepted proposal (1). bastien: an accepted proposal and a signed contract (still 1).
    // chloe: a draft contract and a refused proposal (0). david: accepted, then a contract broken (0).
    const bastienContract = signed(PEOPLE.bastien.id);
    const davidContract = signed(PEOPLE.david.id);
    await applied(conseiller, [
      nextCreate(conseiller, 'proposal', proposal(PEOPLE.alice.id, AGENTS.conseiller.id, 'acceptee')),
      nextCreate(conseiller, 'proposal', proposal(PEOPLE.bastien.id, AGENTS.conseiller.id, 'acceptee')),
      nextCreate(conseiller, 'contract', bastienContract),
      nextCreate(conseiller, 'proposal', proposal(PEOPLE.alice.id, AGENTS.conseiller.id, 'acceptee', other.id)),
    ]);
    await applied(mlds, [
      nextCreate(mlds, 'contract', contractFor(PEOPLE.chloe.id, { solutionId: entry.id })),
      nextCreate(mlds, 'proposal', proposal(PEOPLE.chloe.id, AGENTS.mlds.id, 'refusee')),
    ]);
    await applied(coordinator, [
      nextCreate(coordinator, 'proposal', proposal(PEOPLE.david.id, AGENTS.coordinateur.id, 'acceptee')),
      nextCreate(coordinator, 'contract', davidContract),
    ]);
    const taken = async () =>
      Object.fromEntries((await listed(coordinator)).map((managed) => [managed.solution.name, managed.placesTaken]));
    expect(await taken()).toEqual({ [entry.name]: 3, [other.name]: 1 });

    const version = async (id: string) => (await t.storedRecord(id))!.version;
    await applied(coordinator, [
      nextEdit(coordinator, 'contract', davidContract.id, await version(davidContract.id), {
        state: 'rompu',
        endedOn: '2026-10-01',
        endReason: 'Abandon',
      }),
    ]);
    expect(await taken()).toEqual({ [entry.name]: 2, [other.name]: 1 });

    // Devices read the same counts with the directory.
    const directory = directoryResponseSchema.parse((await call(conseiller, 'GET', '/api/directory')).json());
    expect(directory.catalogueUse).toEqual(
      [
        { solutionId: entry.id, placesTaken: 2 },
        { solutionId: other.id, placesTaken: 1 },
      ].sort((a, b) => a.solutionId.localeCompare(b.solutionId)),
    );

    // alice's case closes: her accepted proposals give their places back; bastien's contract ends: his too.
    await applied(conseiller, [
      nextEdit(conseiller, 'youngPerson', PEOPLE.alice.id, await version(PEOPLE.alice.id), {
        status: 'clos',
        outcome: 'retour_structure_innovante',
        closedOn: '2026-10-02',
      }),
      nextEdit(conseiller, 'contract', bastienContract.id, await version(bastienContract.id), { state: 'en_cours' }),
    ]);
    expect(await taken()).toEqual({ [entry.name]: 1, [other.name]: 0 });
    await applied(conseiller, [
      nextEdit(conseiller, 'contract', bastienContract.id, await version(bastienContract.id), {
        state: 'termine',
        endedOn: '2027-06-30',
      }),
    ]);
    expect(await taken()).toEqual({ [entry.name]: 0, [other.name]: 0 });
  });
});
