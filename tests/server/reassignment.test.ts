import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contactAttemptOf } from '../support/server/case-builders';
import { AGENTS, PEOPLE } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A case given to another referent leaves the previous referent's devices at
 * their next pull (an eviction), and reaches the new referent's whole.
 */
describe.each(backends)('reassigning a case on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id; // followed by the conseiller

  const assign = (device: Device, caseId: string, referentId: string | null) =>
    t.inject({
      method: 'PUT',
      url: `/api/cases/${caseId}/referent`,
      headers: bearer(device.token),
      payload: { referentId },
    });

  async function contactOnAlice(device: Device): Promise<string> {
    const id = randomUUID();
    device.lastSeq += 1;
    await t.pushOk(device, [
      {
        mutationId: randomUUID(),
        seq: device.lastSeq,
        entity: 'contactAttempt',
        recordId: id,
        op: 'create',
        data: { ...contactAttemptOf(alice, device.agent.id, { id }) },
      },
    ]);
    return id;
  }

  it('evicts the case from the previous referent and brings it whole to the new one', async () => {
    const conseiller = await t.login('conseiller');
    const contactId = await contactOnAlice(conseiller);
    const { cursor } = await t.pullAll(conseiller);
    const mlds = await t.login('mlds');
    const { cursor: mldsCursor } = await t.pullAll(mlds);

    const coordinator = await t.login('coordinateur');
    const response = await assign(coordinator, alice, AGENTS.mlds.id);
    expect(response.statusCode).toBe(200);

    const seenByConseiller = (await t.pullAll(conseiller, cursor)).changes;
    expect(seenByConseiller).toEqual([
      expect.objectContaining({ entity: 'youngPerson', id: alice, op: 'evict', data: null }),
    ]);
    const seenByMlds = (await t.pullAll(mlds, mldsCursor)).changes.map((change) => [change.id, change.op]);
    expect(seenByMlds).toEqual(
      expect.arrayContaining([
        [alice, 'upsert'],
        [contactId, 'upsert'],
      ]),
    );
    expect((await t.storedRecord(alice))?.data.referentId).toBe(AGENTS.mlds.id);

    // The previous referent can no longer write to it.
    const late = await contactOnAlice(conseiller).catch(() => null);
    expect(late).not.toBeNull();
    const rows = await t.db.query<{ status: string }>(
      `SELECT result->>'status' AS status FROM mutations WHERE record_id = $1`,
      [late],
    );
    expect(rows[0]?.status).toBe('rejected');
  });

  it('is for the coordinator only, to an active referent of the platform', async () => {
    const conseiller = await t.login('conseiller');
    expect((await assign(conseiller, alice, AGENTS.conseiller.id)).statusCode).toBe(403);
    const coordinator = await t.login('coordinateur');
    expect((await assign(coordinator, alice, AGENTS.conseillerAilleurs.id)).statusCode).toBe(409);
    expect((await assign(coordinator, alice, AGENTS.coordinateur.id)).statusCode).toBe(409);
    expect((await assign(coordinator, randomUUID(), AGENTS.mlds.id)).statusCode).toBe(404);
    const malformed = await t.inject({
      method: 'PUT',
      url: `/api/cases/${alice}/referent`,
      headers: bearer(coordinator.token),
      payload: { referentId: 'x' },
    });
    expect(malformed.statusCode).toBe(400);
    expect((await t.storedRecord(alice))?.data.referentId).toBe(AGENTS.conseiller.id);
  });
});
