import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blankBilan } from '../../src/domain/bilan';
import { BILAN_LOCKED } from '../../src/domain/bilan';
import { CONTRACT_LOCKED, type Contract } from '../../src/domain/contract';
import type { Mutation } from '../../src/domain/sync-messages';
import type { EntityName } from '../../src/domain/sync-messages';
import { AGENTS, OTHER_PLATFORM, PEOPLE, PLATFORM } from '../support/server/fixture';
import { useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The records of a case through push and pull: who may write them, the
 * append-only ones, the locks of a validated bilan and a signed contract,
 * and the case status the endpoint moves by itself.
 */
describe.each(backends)('case records on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id; // followed by the conseiller, aged 17 in the fixture's world
  const chloe = PEOPLE.chloe.id; // followed by the MLDS coordinator

  function create(device: Device, entity: EntityName, data: Record<string, unknown> & { id: string }): Mutation {
    device.lastSeq += 1;
    return { mutationId: randomUUID(), seq: device.lastSeq, entity, recordId: data.id, op: 'create', data };
  }
  function update(
    device: Device,
    entity: EntityName,
    id: string,
    baseVersion: number,
    changes: Record<string, unknown>,
  ): Mutation {
    device.lastSeq += 1;
    return { mutationId: randomUUID(), seq: device.lastSeq, entity, recordId: id, op: 'update', baseVersion, changes };
  }
  const contact = (youngPersonId: string, authorId: string, result = 'message_laisse') => ({
    id: randomUUID(),
    youngPersonId,
    authorId,
    occurredAt: '2026-10-05T09:30:00.000Z',
    channel: 'telephone',
    target: 'jeune',
    guardianName: '',
    result,
    note: 'Premier appel',
  });
  const status = async (id: string) => (await t.storedRecord(id))?.data.status;

  it('stores a contact attempt and moves the case to "contact en cours" on the endpoint', async () => {
    const device = await t.login('conseiller');
    const attempt = contact(alice, AGENTS.conseiller.id);
    const response = await t.pushOk(device, [create(device, 'contactAttempt', attempt)]);
    expect(response.results[0]?.status).toBe('applied');
    expect(await status(alice)).toBe('contact_en_cours');

    const { changes } = await t.pullAll(device);
    expect(changes.find((change) => change.id === attempt.id)?.data).toMatchObject({ result: 'message_laisse' });
    expect(changes.find((change) => change.id === alice)?.data).toMatchObject({ status: 'contact_en_cours' });
  });

  it("refuses a record on a case the sender does not follow, or authored in someone else's name", async () => {
    const device = await t.login('conseiller');
    const results = (
      await t.pushOk(device, [
        create(device, 'contactAttempt', contact(chloe, AGENTS.conseiller.id)),
        create(device, 'contactAttempt', contact(alice, AGENTS.mlds.id)),
      ])
    ).results;
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(results[0]?.reason).toMatch(/pas accès/);
    expect(results[1]?.reason).toMatch(/auteur/);
    expect(await status(chloe)).toBe('a_traiter');
  });

  it('never edits an append-only record', async () => {
    const device = await t.login('conseiller');
    const attempt = contact(alice, AGENTS.conseiller.id);
    const [created] = (await t.pushOk(device, [create(device, 'contactAttempt', attempt)])).results;
    const [edit] = (
      await t.pushOk(device, [update(device, 'contactAttempt', attempt.id, created!.version!, { note: 'x' })])
    ).results;
    expect(edit).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/ne se modifie pas/) });
    expect((await t.storedRecord(attempt.id))?.data.note).toBe('Premier appel');
  });

  it('applies the same creation arriving twice (another device, same record) once', async () => {
    const first = await t.login('conseiller');
    const second = await t.login('conseiller');
    const attempt = contact(alice, AGENTS.conseiller.id);
    await t.pushOk(first, [create(first, 'contactAttempt', attempt)]);
    const before = await t.counts();
    const again = (await t.pushOk(second, [create(second, 'contactAttempt', attempt)])).results[0];
    expect(again?.status).toBe('applied');
    expect((await t.counts()).records).toBe(before.records);
  });

  it('locks a validated bilan: edits are refused, a new version keeps the old one', async () => {
    const device = await t.login('conseiller');
    const draft = {
      ...blankBilan({ id: randomUUID(), youngPersonId: alice, authorId: AGENTS.conseiller.id, date: '2026-10-05' }),
    };
    const [created] = (await t.pushOk(device, [create(device, 'bilan', draft)])).results;
    expect(created?.status).toBe('applied');
    const [validated] = (
      await t.pushOk(device, [
        update(device, 'bilan', draft.id, created!.version!, {
          recommendation: 'Retour en formation en CAP',
          status: 'valide',
          validatedOn: '2026-10-05',
          validatedBy: AGENTS.conseiller.id,
        }),
      ])
    ).results;
    expect(validated?.status).toBe('applied');
    expect(await status(alice)).toBe('bilan');

    const [late] = (
      await t.pushOk(device, [update(device, 'bilan', draft.id, created!.version!, { project: 'Autre' })])
    ).results;
    expect(late).toMatchObject({ status: 'rejected', reason: BILAN_LOCKED });

    const stored = (await t.storedRecord(draft.id))!.data as ReturnType<typeof blankBilan>;
    const next = blankBilan({
      id: randomUUID(),
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      date: '2026-10-06',
      previous: stored,
    });
    const [version2] = (await t.pushOk(device, [create(device, 'bilan', next)])).results;
    expect(version2?.status).toBe('applied');
    expect((await t.storedRecord(next.id))?.data).toMatchObject({
      number: 2,
      previousId: draft.id,
      status: 'brouillon',
    });
    expect((await t.storedRecord(draft.id))?.data).toMatchObject({ status: 'valide', project: '' });
  });

  function contractFor(youngPersonId: string, overrides: Partial<Contract> = {}): Contract {
    return {
      id: randomUUID(),
      youngPersonId,
      solutionId: '',
      solutionLabel: 'CAP Cuisine – Lycée des métiers (fictif)',
      establishmentName: 'Lycée des métiers (fictif)',
      establishmentUai: '',
      youngPersonName: 'Alice ARNAUD',
      guardianName: '',
      psadName: PLATFORM.name,
      tutorName: 'M. Tuteur',
      tutorId: '',
      objectives: 'Obtenir le CAP',
      commitments: {
        jeune: 'Assiduité',
        famille: '',
        psad: 'Suivi mensuel',
        tuteur: 'Points réguliers',
        etablissement: '',
      },
      startDate: '2026-11-02',
      endDate: '2027-06-30',
      checkpoints: [{ date: '2026-12-01', label: 'Premier point' }],
      state: 'brouillon',
      signedOn: '',
      endedOn: '',
      endReason: '',
      ...overrides,
    };
  }

  it('locks the terms of a signed contract and moves the case with its states', async () => {
    const device = await t.login('conseiller');
    const contract = contractFor(alice, { guardianName: 'Mme Arnaud' });
    const [created] = (await t.pushOk(device, [create(device, 'contract', contract)])).results;
    const [signed] = (
      await t.pushOk(device, [
        update(device, 'contract', contract.id, created!.version!, { state: 'signe', signedOn: '2026-10-20' }),
      ])
    ).results;
    expect(signed?.status).toBe('applied');
    expect(await status(alice)).toBe('contrat_signe');

    const [termsEdit] = (
      await t.pushOk(device, [update(device, 'contract', contract.id, signed!.version!, { objectives: 'Autre chose' })])
    ).results;
    expect(termsEdit).toMatchObject({ status: 'rejected', reason: CONTRACT_LOCKED });

    const [started] = (
      await t.pushOk(device, [update(device, 'contract', contract.id, signed!.version!, { state: 'en_cours' })])
    ).results;
    expect(started?.status).toBe('applied');
    expect(await status(alice)).toBe('en_solution');

    const [backwards] = (
      await t.pushOk(device, [update(device, 'contract', contract.id, started!.version!, { state: 'brouillon' })])
    ).results;
    expect(backwards).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/Passage impossible/) });

    const [broken] = (
      await t.pushOk(device, [
        update(device, 'contract', contract.id, started!.version!, {
          state: 'rompu',
          endedOn: '2026-12-15',
          endReason: 'Abandon',
        }),
      ])
    ).results;
    expect(broken?.status).toBe('applied');
    expect(await status(alice)).toBe('contact_en_cours');
  });

  it("refuses to sign a minor's contract that names no legal guardian", async () => {
    const device = await t.login('conseiller');
    const contract = contractFor(alice, { state: 'signe', signedOn: '2026-10-20' });
    const [result] = (await t.pushOk(device, [create(device, 'contract', contract)])).results;
    expect(result).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/mineur/) });
  });

  it('lets only a coordinator write the catalogue, and shows it to every agent of the platform only', async () => {
    const solution = {
      id: randomUUID(),
      platformId: PLATFORM.id,
      type: 'structure_retour',
      name: 'Micro-lycée (fictif)',
      structure: 'Lycée (fictif)',
      uai: '',
      siret: '',
      address: '',
      postalCode: '59000',
      commune: 'Lille',
      levels: ['niveau_3'],
      domains: ['Enseignement général'],
      placesTotal: 20,
      period: 'Toute l’année',
      contact: 'micro-lycee@example.org',
      description: '',
      active: true,
    };
    const conseiller = await t.login('conseiller');
    const [refused] = (await t.pushOk(conseiller, [create(conseiller, 'solution', solution)])).results;
    expect(refused).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/rôle/) });

    const coordinator = await t.login('coordinateur');
    const [applied] = (await t.pushOk(coordinator, [create(coordinator, 'solution', solution)])).results;
    expect(applied?.status).toBe('applied');

    expect((await t.pullAll(conseiller)).changes.some((change) => change.id === solution.id)).toBe(true);
    const elsewhere = await t.login('conseillerAilleurs');
    expect((await t.pullAll(elsewhere)).changes.some((change) => change.id === solution.id)).toBe(false);
    expect(OTHER_PLATFORM.id).not.toBe(PLATFORM.id);
  });

  it("lets a person close a case whose status a colleague's record moved meanwhile, without a conflict", async () => {
    const tablet = await t.login('conseiller');
    const desk = await t.login('coordinateur');
    const base = (await t.storedRecord(alice))!.version;
    await t.pushOk(desk, [create(desk, 'contactAttempt', contact(alice, AGENTS.coordinateur.id, 'joint'))]);
    expect(await status(alice)).toBe('joint');
    const [closed] = (
      await t.pushOk(tablet, [
        update(tablet, 'youngPerson', alice, base, { status: 'clos', outcome: 'refus', closedOn: '2026-10-05' }),
      ])
    ).results;
    expect(closed?.status).toBe('applied');
    expect(await status(alice)).toBe('clos');
  });

  it('closes a case with an outcome, and refuses a closing without one', async () => {
    const device = await t.login('conseiller');
    const base = (await t.storedRecord(alice))!.version;
    const [withoutOutcome] = (
      await t.pushOk(device, [update(device, 'youngPerson', alice, base, { status: 'clos', closedOn: '2026-10-05' })])
    ).results;
    expect(withoutOutcome).toMatchObject({ status: 'rejected' });
    expect(withoutOutcome?.issues?.map((issue) => issue.path)).toContain('outcome');

    const [closed] = (
      await t.pushOk(device, [
        update(device, 'youngPerson', alice, base, {
          status: 'clos',
          outcome: 'apprentissage',
          closedOn: '2026-10-05',
          closingComment: 'Contrat d’apprentissage signé',
        }),
      ])
    ).results;
    expect(closed?.status).toBe('applied');
    // A closed case is not reopened by a late record.
    await t.pushOk(device, [create(device, 'contactAttempt', contact(alice, AGENTS.conseiller.id, 'joint'))]);
    expect(await status(alice)).toBe('clos');
  });
});
