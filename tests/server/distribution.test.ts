import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contactAttemptOf } from '../support/server/case-builders';
import {
  advisersResponseSchema,
  distributionCasesResponseSchema,
  type DistributionCase,
} from '../../src/domain/distribution';
import { AGENTS, PEOPLE } from '../support/server/fixture';
import { storePeople, unassigned } from '../support/server/more-people';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The coordinator's distribution of the platform's cases: the open cases
 * listed with filters, the advisers with their open caseload, and batches
 * assigned all or none — the devices following by the sync rules.
 */
describe.each(backends)('distributing the cases on %s', (backend) => {
  const t = useTestApp(backend);
  const { alice, bastien, chloe, david, emma } = PEOPLE;

  const get = (device: Device, url: string) => t.inject({ method: 'GET', url, headers: bearer(device.token) });
  const assign = (device: Device, payload: object) =>
    t.inject({ method: 'POST', url: '/api/distribution/assign', headers: bearer(device.token), payload });

  async function listed(device: Device, query = ''): Promise<{ names: string[]; total: number; body: unknown }> {
    const response = await get(device, `/api/distribution/cases${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = distributionCasesResponseSchema.parse(response.json());
    return { names: body.cases.map((row: DistributionCase) => row.firstNames), total: body.total, body };
  }

  const referentOf = async (id: string) => (await t.storedRecord(id))?.data.referentId;

  /** Four more unassigned young people of the main platform, and a closed one. */
  async function moreCases() {
    const gaelle = unassigned({
      lastName: 'Girard',
      firstNames: 'Gaëlle',
      commune: 'Villeneuve-d’Ascq',
      lastSchoolName: 'Lycée Raymond Queneau (fictif)',
      lastSchoolCommune: 'Villeneuve-d’Ascq',
      lastSchoolUai: '0590001A',
      level: 'niveau_4',
      birthDate: '2006-01-20', // 20 years old on the fixture's day
      campaign: '2026-03',
    });
    const hugo = unassigned({
      lastName: 'Hoarau',
      firstNames: 'Hugo',
      commune: 'Roubaix',
      lastSchoolName: 'Lycée professionnel Turgot (fictif)',
      level: 'niveau_3',
      origin: 'gpds',
      campaign: '',
    });
    const ines = unassigned({ lastName: 'Écuyer', firstNames: 'Inès', commune: 'Lille', level: 'infra_3' });
    const closed = unassigned({
      lastName: 'Jacob',
      firstNames: 'Jules',
      status: 'clos',
      outcome: 'emploi',
      closedOn: '2026-09-30',
    });
    await storePeople(t, [gaelle, hugo, ines, closed]);
    return { gaelle, hugo, ines, closed };
  }

  it('lists the unassigned open cases of the platform by name, with what the filters need', async () => {
    await moreCases();
    const coordinator = await t.login('coordinateur');
    const { names, total, body } = await listed(coordinator);
    expect(names).toEqual(['David', 'Inès', 'Gaëlle', 'Hugo']); // Dumont, Écuyer, Girard, Hoarau: accents sort in French
    expect(total).toBe(4);
    expect((body as { cases: DistributionCase[] }).cases[0]).toEqual({
      id: david.id,
      lastName: 'Dumont',
      firstNames: 'David',
      birthDate: david.birthDate,
      commune: 'Lille',
      lastSchoolName: '',
      lastSchoolCommune: '',
      lastSchoolUai: '',
      level: '',
      origin: 'siei',
      campaign: '2026-09',
      status: 'a_traiter',
      referentId: null,
    });
    expect((body as { campaigns: string[] }).campaigns).toEqual(['2026-09', '2026-03']);
  });

  it('filters by campaign, origin, commune, school, level, age and adviser', async () => {
    await moreCases();
    const coordinator = await t.login('coordinateur');
    const names = async (query: string) => (await listed(coordinator, query)).names;
    expect(await names('?campaign=2026-03')).toEqual(['Gaëlle']);
    expect(await names('?origin=gpds')).toEqual(['Hugo']);
    expect(await names('?commune=villeneuve')).toEqual(['Gaëlle']); // accents, case and part of the name
    expect(await names('?commune=LILLE')).toEqual(['David', 'Inès']);
    expect(await names('?school=queneau')).toEqual(['Gaëlle']);
    expect(await names('?school=0590001A')).toEqual(['Gaëlle']);
    expect(await names('?school=lycee%20turgot')).toEqual(['Hugo']); // every word, in any order
    expect(await names('?level=infra_3')).toEqual(['Inès']);
    expect(await names('?age=adult')).toEqual(['Gaëlle']);
    expect(await names('?age=minor')).toEqual(['David', 'Inès', 'Hugo']);
    expect(await names('?age=minor&commune=lille&level=infra_3')).toEqual(['Inès']);
    expect(await names('?state=assigned')).toEqual(['Alice', 'Bastien', 'Chloé']);
    expect(await names('?state=all')).toEqual(['Alice', 'Bastien', 'Chloé', 'David', 'Inès', 'Gaëlle', 'Hugo']);
    expect(await names(`?referentId=${AGENTS.mlds.id}`)).toEqual(['Chloé']);
    expect(await names('?campaign=&origin=&commune=')).toHaveLength(4); // empty filters filter nothing
  });

  it('refuses a malformed filter with its field and a French reason', async () => {
    const coordinator = await t.login('coordinateur');
    const response = await get(coordinator, '/api/distribution/cases?level=bac&campaign=2026-13&unknown=1');
    expect(response.statusCode).toBe(400);
    const issues = response.json().issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'level', message: 'Niveau à choisir dans la liste' },
        { path: 'campaign', message: 'Campagne invalide (format attendu : AAAA-MM)' },
      ]),
    );
    expect(issues.map((issue) => issue.path)).toContain('');
  });

  it('lists the advisers of the platform with their open caseload, deactivated ones included', async () => {
    await storePeople(t, [
      unassigned({ referentId: AGENTS.mlds.id }),
      unassigned({ referentId: AGENTS.mlds.id, status: 'clos', outcome: 'emploi', closedOn: '2026-09-01' }),
    ]);
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [AGENTS.tuteur.id]);
    const coordinator = await t.login('coordinateur');
    const response = await get(coordinator, '/api/distribution/advisers');
    expect(response.statusCode).toBe(200);
    const { advisers } = advisersResponseSchema.parse(response.json());
    expect(advisers.map((adviser) => [adviser.displayName, adviser.role, adviser.active, adviser.openCases])).toEqual([
      ['Claire Conseil', 'conseiller', true, 2],
      ['Mehdi Mlds', 'mlds', true, 2], // chloe and the new one; the closed case does not count
      ['Thomas Tuteur', 'tuteur', false, 0],
    ]);
  });

  it('assigns a batch: the cases leave the previous referent’s devices and arrive whole on the new one’s', async () => {
    const conseiller = await t.login('conseiller');
    const contactId = randomUUID();
    conseiller.lastSeq += 1;
    await t.pushOk(conseiller, [
      {
        mutationId: randomUUID(),
        seq: conseiller.lastSeq,
        entity: 'contactAttempt',
        recordId: contactId,
        op: 'create',
        data: { ...contactAttemptOf(alice.id, AGENTS.conseiller.id, { id: contactId, note: 'Rappeler lundi' }) },
      },
    ]);
    const { cursor: conseillerCursor } = await t.pullAll(conseiller);
    const mlds = await t.login('mlds');
    const { cursor: mldsCursor } = await t.pullAll(mlds);
    const coordinator = await t.login('coordinateur');

    const response = await assign(coordinator, { caseIds: [alice.id, david.id, chloe.id], referentId: AGENTS.mlds.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ assigned: 2, unchanged: 1 }); // chloe was already the MLDS coordinator's

    const left = (await t.pullAll(conseiller, conseillerCursor)).changes;
    expect(left.map((change) => [change.id, change.op])).toEqual([[alice.id, 'evict']]);
    const arrived = (await t.pullAll(mlds, mldsCursor)).changes;
    expect(arrived.map((change) => [change.id, change.op]).sort()).toEqual(
      [
        [alice.id, 'upsert'],
        [contactId, 'upsert'],
        [david.id, 'upsert'],
      ].sort(),
    );
    expect(arrived.find((change) => change.id === alice.id)?.data).toMatchObject({ referentId: AGENTS.mlds.id });
    expect((await t.pullAll(mlds)).changes.map((change) => change.id).sort()).toEqual(
      [alice.id, chloe.id, contactId, david.id].sort(),
    );
    expect(await referentOf(bastien.id)).toBe(AGENTS.conseiller.id);

    const events = await t.db.query<{ recordId: string; details: Record<string, unknown> }>(
      `SELECT record_id AS "recordId", details FROM audit_events WHERE action = 'case_reassigned' ORDER BY record_id`,
    );
    expect(events.map((event) => event.recordId)).toEqual([alice.id, david.id]);
    expect(events[0]!.details).toMatchObject({ from: AGENTS.conseiller.id, to: AGENTS.mlds.id, batchSize: 2 });
    expect(events[0]!.details.batchId).toBe(events[1]!.details.batchId);
    expect(events[1]!.details).toMatchObject({ from: null, to: AGENTS.mlds.id });

    // The conseiller's late write to a case that left them is refused.
    const [late] = (
      await t.pushOk(conseiller, [
        {
          mutationId: randomUUID(),
          seq: ++conseiller.lastSeq,
          entity: 'youngPerson',
          recordId: alice.id,
          op: 'update',
          baseVersion: 1,
          changes: { commune: 'Douai' },
        },
      ])
    ).results;
    expect(late?.status).toBe('rejected');
  });

  it('assigns all or nothing: one unknown or foreign case refuses the batch, naming it', async () => {
    const coordinator = await t.login('coordinateur');
    const clockBefore = await t.db.query('SELECT value FROM platform_clocks ORDER BY platform_id');
    const unknownId = randomUUID();

    const unknown = await assign(coordinator, { caseIds: [david.id, unknownId], referentId: AGENTS.conseiller.id });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().issues).toEqual([{ path: 'caseIds.1', message: 'Dossier introuvable' }]);

    const foreign = await assign(coordinator, {
      caseIds: [david.id, alice.id, emma.id],
      referentId: AGENTS.conseiller.id,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({
      error: 'forbidden',
      issues: [{ path: 'caseIds.2', message: 'Dossier d’une autre plateforme' }],
    });

    expect(await referentOf(david.id)).toBeNull();
    expect(await t.db.query('SELECT value FROM platform_clocks ORDER BY platform_id')).toEqual(clockBefore);
    expect(await t.db.query('SELECT id FROM audit_events')).toEqual([]);
    expect(await t.db.query('SELECT version FROM scope_exits')).toEqual([]);
  });

  it('refuses an adviser who is deactivated, of another platform or not an adviser (409)', async () => {
    await t.db.query('UPDATE agents SET active = false WHERE id = $1', [AGENTS.tuteur.id]);
    const coordinator = await t.login('coordinateur');
    for (const referentId of [AGENTS.tuteur.id, AGENTS.conseillerAilleurs.id, AGENTS.coordinateur.id, randomUUID()]) {
      const response = await assign(coordinator, { caseIds: [david.id], referentId });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toBe('invalid_referent');
    }
    const deactivated = await assign(coordinator, { caseIds: [david.id], referentId: AGENTS.tuteur.id });
    expect(deactivated.json().message).toBe('Le compte de Thomas Tuteur est désactivé');
    expect(await referentOf(david.id)).toBeNull();
  });

  it('validates the batch with field paths and French messages', async () => {
    const coordinator = await t.login('coordinateur');
    const paths = async (payload: object) => {
      const response = await assign(coordinator, payload);
      expect(response.statusCode).toBe(400);
      return (response.json().issues as { path: string; message: string }[]).map(
        (issue) => `${issue.path}: ${issue.message}`,
      );
    };
    expect(await paths({ caseIds: [], referentId: AGENTS.conseiller.id })).toEqual([
      'caseIds: Sélectionnez au moins un jeune',
    ]);
    expect(await paths({ caseIds: [david.id, david.id], referentId: AGENTS.conseiller.id })).toEqual([
      'caseIds: Un même dossier figure deux fois',
    ]);
    expect(await paths({ caseIds: ['x'], referentId: '' })).toEqual([
      'caseIds.0: Identifiant de dossier invalide',
      'referentId: Conseiller à choisir dans la liste',
    ]);
  });

  it('is the coordinator’s alone', async () => {
    const conseiller = await t.login('conseiller');
    for (const url of ['/api/distribution/cases', '/api/distribution/advisers', '/api/distribution/platforms']) {
      expect((await get(conseiller, url)).statusCode).toBe(403);
    }
    const response = await assign(conseiller, { caseIds: [david.id], referentId: AGENTS.conseiller.id });
    expect(response.statusCode).toBe(403);
    expect(await referentOf(david.id)).toBeNull();
  });
});
