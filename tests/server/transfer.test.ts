import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { destinationPlatformsResponseSchema } from '../../src/domain/distribution';
import type { Mutation } from '../../src/domain/sync-messages';
import { contactAttemptOf, contractFor, nextCreate, nextEdit } from '../support/server/case-builders';
import { AGENTS, OTHER_PLATFORM, PEOPLE, PLATFORM } from '../support/server/fixture';
import { addAgentAndLogIn } from '../support/server/more-people';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A case transferred to another platform leaves every device of its platform
 * (coordinator, referent, tutors) and reaches the other platform's
 * coordinator whole — its records, contracts and open conflicts — unassigned,
 * with the reason in the audit trail.
 */
describe.each(backends)('transferring a case on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id; // the conseiller's, on the main platform

  const transfer = (device: Device, caseId: string, payload: object) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/transfer`, headers: bearer(device.token), payload });

  const southCoordinator = () =>
    addAgentAndLogIn(t, {
      email: 'coordination.sud@test.example',
      displayName: 'Simone Sud',
      role: 'coordinateur',
      platformId: OTHER_PLATFORM.id,
    });

  /** Alice with a contact, a contract naming the tuteur, and an open conflict on her phone. */
  async function aliceWithHistory(conseiller: Device, coordinator: Device) {
    const contact = contactAttemptOf(alice, AGENTS.conseiller.id);
    const contract = contractFor(alice, { tutorId: AGENTS.tuteur.id, tutorName: AGENTS.tuteur.displayName });
    const base = (await t.storedRecord(alice))!.version;
    const fromDesk: Mutation[] = [
      nextCreate(coordinator, 'contract', contract),
      nextEdit(coordinator, 'youngPerson', alice, base, { phone: '06 39 98 11 11' }),
    ];
    expect((await t.pushOk(coordinator, fromDesk)).results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
    ]);
    const fromTablet = [
      nextCreate(conseiller, 'contactAttempt', contact),
      nextEdit(conseiller, 'youngPerson', alice, base, { phone: '06 39 98 22 22' }),
    ];
    expect((await t.pushOk(conseiller, fromTablet)).results.map((result) => result.status)).toEqual([
      'applied',
      'conflict',
    ]);
    const [conflict] = await t.db.query<{ id: string }>(
      `SELECT id FROM records WHERE entity = 'conflict' AND young_person_id = $1`,
      [alice],
    );
    return { contactId: contact.id, contractId: contract.id, conflictId: conflict!.id };
  }

  it('moves the case and all its records to the other platform, out of every device of this one', async () => {
    const conseiller = await t.login('conseiller');
    const coordinator = await t.login('coordinateur');
    const { contactId, contractId, conflictId } = await aliceWithHistory(conseiller, coordinator);
    const tuteur = await t.login('tuteur');
    const south = await southCoordinator();
    const southConseiller = await t.login('conseillerAilleurs');
    const cursors = new Map<Device, string>();
    for (const device of [conseiller, coordinator, tuteur, south, southConseiller]) {
      const { changes, cursor } = await t.pullAll(device);
      if (device === tuteur) expect(changes.map((change) => change.id)).toContain(alice); // tutor of her contract
      cursors.set(device, cursor);
    }

    const response = await transfer(coordinator, alice, {
      platformId: OTHER_PLATFORM.id,
      reason: ' Déménagement dans le Var ',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ platformId: OTHER_PLATFORM.id });

    for (const device of [conseiller, coordinator, tuteur]) {
      const { changes } = await t.pullAll(device, cursors.get(device));
      expect(changes.map((change) => [change.id, change.op])).toEqual([[alice, 'evict']]);
    }
    const arrived = (await t.pullAll(south, cursors.get(south))).changes;
    expect(arrived.map((change) => [change.id, change.op]).sort()).toEqual(
      [
        [alice, 'upsert'],
        [contactId, 'upsert'],
        [contractId, 'upsert'],
        [conflictId, 'upsert'],
      ].sort(),
    );
    expect(arrived.find((change) => change.id === alice)?.data).toMatchObject({
      platformId: OTHER_PLATFORM.id,
      referentId: null,
      phone: '06 39 98 11 11',
    });
    expect((await t.pullAll(southConseiller, cursors.get(southConseiller))).changes).toEqual([]); // not theirs yet

    const stored = await t.db.query<{ platformId: string; referentId: string | null }>(
      `SELECT DISTINCT platform_id AS "platformId", referent_id AS "referentId" FROM records WHERE young_person_id = $1`,
      [alice],
    );
    expect(stored).toEqual([{ platformId: OTHER_PLATFORM.id, referentId: null }]);
    expect(await t.db.query('SELECT agent_id FROM case_tutors WHERE case_id = $1', [alice])).toEqual([]);

    const [event] = await t.db.query<{ platformId: string; agentId: string; details: Record<string, unknown> }>(
      `SELECT platform_id AS "platformId", agent_id AS "agentId", details FROM audit_events
        WHERE action = 'case_transferred' AND record_id = $1`,
      [alice],
    );
    expect(event).toEqual({
      platformId: PLATFORM.id,
      agentId: AGENTS.coordinateur.id,
      details: {
        fromPlatform: { id: PLATFORM.id, name: PLATFORM.name },
        toPlatform: { id: OTHER_PLATFORM.id, name: OTHER_PLATFORM.name },
        reason: 'Déménagement dans le Var',
        previousReferent: AGENTS.conseiller.id,
        tutorsRemoved: [AGENTS.tuteur.id],
        records: 3,
      },
    });

    // The old platform can no longer write to it; the new one assigns it, and its adviser receives it whole.
    const [late] = (await t.pushOk(conseiller, [nextEdit(conseiller, 'youngPerson', alice, 1, { commune: 'Douai' })]))
      .results;
    expect(late?.status).toBe('rejected');
    const assigned = await t.inject({
      method: 'POST',
      url: '/api/distribution/assign',
      headers: bearer(south.token),
      payload: { caseIds: [alice], referentId: AGENTS.conseillerAilleurs.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const received = (await t.pullAll(southConseiller, cursors.get(southConseiller))).changes;
    expect(received.map((change) => change.id).sort()).toEqual([alice, conflictId, contactId, contractId].sort());
  });

  it('validates the destination and the reason with field paths and French messages', async () => {
    const coordinator = await t.login('coordinateur');
    const issues = async (payload: object) => {
      const response = await transfer(coordinator, alice, payload);
      expect(response.statusCode).toBe(400);
      return (response.json().issues as { path: string; message: string }[]).map(
        (issue) => `${issue.path}: ${issue.message}`,
      );
    };
    expect(await issues({ platformId: OTHER_PLATFORM.id, reason: '  ' })).toEqual([
      'reason: Le motif du transfert est obligatoire',
    ]);
    expect(await issues({ reason: 'Déménagement' })).toEqual(['platformId: Plateforme à choisir dans la liste']);
    expect(await issues({ platformId: PLATFORM.id, reason: 'Déménagement' })).toEqual([
      'platformId: Le dossier est déjà sur cette plateforme',
    ]);
    expect(await issues({ platformId: randomUUID(), reason: 'Déménagement' })).toEqual([
      'platformId: Plateforme inconnue',
    ]);
    expect((await t.storedRecord(alice))?.data.platformId).toBe(PLATFORM.id);
    expect(await t.db.query(`SELECT id FROM audit_events`)).toEqual([]);
  });

  it('is for the coordinator of the case’s platform: 403 otherwise, 404 for an unknown case', async () => {
    const toSouth = { platformId: OTHER_PLATFORM.id, reason: 'Déménagement' };
    for (const role of ['conseiller', 'admin'] as const) {
      expect((await transfer(await t.login(role), alice, toSouth)).statusCode).toBe(403);
    }
    const coordinator = await t.login('coordinateur');
    const emma = await transfer(coordinator, PEOPLE.emma.id, toSouth); // the other platform's case
    expect([emma.statusCode, emma.json().message]).toEqual([403, 'Ce dossier appartient à une autre plateforme']);
    const south = await southCoordinator();
    expect((await transfer(south, alice, { ...toSouth, platformId: PLATFORM.id })).statusCode).toBe(403);
    expect((await transfer(coordinator, randomUUID(), toSouth)).statusCode).toBe(404);
    expect((await t.storedRecord(alice))?.data.platformId).toBe(PLATFORM.id);
    expect((await t.storedRecord(PEOPLE.emma.id))?.data.platformId).toBe(OTHER_PLATFORM.id);
  });

  it('lists the other platforms as destinations, for the coordinator', async () => {
    const coordinator = await t.login('coordinateur');
    const response = await t.inject({
      method: 'GET',
      url: '/api/distribution/platforms',
      headers: bearer(coordinator.token),
    });
    expect(destinationPlatformsResponseSchema.parse(response.json()).platforms).toEqual([OTHER_PLATFORM]);
  });
});
