import { describe, expect, it } from 'vitest';
import {
  contactAttemptOf,
  contractFor,
  followUpPoint,
  nextCreate,
  nextDelete,
  nextEdit,
} from '../support/server/case-builders';
import { AGENTS, PEOPLE } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const FORBIDDEN = "Vous n'avez pas accès à ce dossier";

/**
 * An agent named as tutor on a contract sees the case like its referent
 * (the young person and all its records) and may write to it, until no
 * contract of the case names them any more.
 */
describe.each(backends)('tutors of a case on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id; // followed by the conseiller
  const bastien = PEOPLE.bastien.id; // followed by the conseiller

  async function pushApplied(device: Device, mutation: Parameters<typeof t.pushOk>[1][number]) {
    const [result] = (await t.pushOk(device, [mutation])).results;
    expect(result?.status).toBe('applied');
    return result!.version!;
  }

  async function contactOn(device: Device, youngPersonId: string): Promise<string> {
    const contact = contactAttemptOf(youngPersonId, device.agent.id);
    await pushApplied(device, nextCreate(device, 'contactAttempt', contact));
    return contact.id;
  }

  const idsOf = (changes: { id: string }[]) => [...new Set(changes.map((change) => change.id))].sort();
  const tutorsOf = async (caseId: string) =>
    (
      await t.db.query<{ agentId: string }>('SELECT agent_id AS "agentId" FROM case_tutors WHERE case_id = $1', [
        caseId,
      ])
    ).map((row) => row.agentId);

  it('brings the whole case to the tutor, records written before included, at their next pull', async () => {
    const conseiller = await t.login('conseiller');
    const contactId = await contactOn(conseiller, alice);
    const tuteur = await t.login('tuteur');
    const before = await t.pullAll(tuteur);
    expect(before.changes).toEqual([]);

    const contract = contractFor(alice, { tutorId: AGENTS.tuteur.id, tutorName: AGENTS.tuteur.displayName });
    await pushApplied(conseiller, nextCreate(conseiller, 'contract', contract));

    const after = await t.pullAll(tuteur, before.cursor);
    expect(idsOf(after.changes)).toEqual([alice, contactId, contract.id].sort());
    expect(after.changes.every((change) => change.op === 'upsert')).toBe(true);
    expect(await tutorsOf(alice)).toEqual([AGENTS.tuteur.id]);
    // Nothing else of the platform came with it.
    expect(idsOf((await t.pullAll(tuteur)).changes)).toEqual([alice, contactId, contract.id].sort());
  });

  it('lets the tutor log a follow-up point and edit the young person, which the referent then pulls', async () => {
    const conseiller = await t.login('conseiller');
    await pushApplied(
      conseiller,
      nextCreate(conseiller, 'contract', contractFor(alice, { tutorId: AGENTS.tuteur.id })),
    );
    const tuteur = await t.login('tuteur');
    const point = followUpPoint(alice, AGENTS.tuteur.id);
    await pushApplied(tuteur, nextCreate(tuteur, 'meeting', point));
    const stored = (await t.storedRecord(alice))!;
    await pushApplied(tuteur, nextEdit(tuteur, 'youngPerson', alice, stored.version, { phone: '06 39 98 00 42' }));

    const seen = (await t.pullAll(conseiller)).changes;
    expect(seen.find((change) => change.id === point.id)?.data).toMatchObject({ kind: 'point_etape' });
    expect(seen.find((change) => change.id === alice)?.data).toMatchObject({ phone: '06 39 98 00 42' });
  });

  it('shows the tutor of another case nothing of this one, and refuses their writes to it', async () => {
    const conseiller = await t.login('conseiller');
    const onBastien = contractFor(bastien, { tutorId: AGENTS.tuteur.id });
    await pushApplied(conseiller, nextCreate(conseiller, 'contract', onBastien));
    await pushApplied(conseiller, nextCreate(conseiller, 'contract', contractFor(alice)));
    const aliceContact = await contactOn(conseiller, alice);

    const tuteur = await t.login('tuteur');
    expect(idsOf((await t.pullAll(tuteur)).changes)).toEqual([bastien, onBastien.id].sort());
    const refresh = await t.inject({
      method: 'POST',
      url: '/api/sync/records',
      headers: bearer(tuteur.token),
      payload: { protocolVersion: 2, ids: [alice, aliceContact] },
    });
    expect(refresh.json().changes.map((change: { op: string }) => change.op)).toEqual(['evict', 'evict']);
    const [point] = (await t.pushOk(tuteur, [nextCreate(tuteur, 'meeting', followUpPoint(alice, AGENTS.tuteur.id))]))
      .results;
    expect(point).toMatchObject({ status: 'rejected', reason: FORBIDDEN });
  });

  it('evicts the case from the tutor once the contract names someone else, and refuses their writes', async () => {
    const conseiller = await t.login('conseiller');
    const contract = contractFor(alice, { tutorId: AGENTS.tuteur.id });
    const version = await pushApplied(conseiller, nextCreate(conseiller, 'contract', contract));
    const tuteur = await t.login('tuteur');
    const { cursor } = await t.pullAll(tuteur);

    await pushApplied(
      conseiller,
      nextEdit(conseiller, 'contract', contract.id, version, { tutorId: '', tutorName: '' }),
    );

    expect((await t.pullAll(tuteur, cursor)).changes).toEqual([
      expect.objectContaining({ entity: 'youngPerson', id: alice, op: 'evict', data: null }),
    ]);
    expect(await tutorsOf(alice)).toEqual([]);
    const [late] = (await t.pushOk(tuteur, [nextCreate(tuteur, 'meeting', followUpPoint(alice, AGENTS.tuteur.id))]))
      .results;
    expect(late).toMatchObject({ status: 'rejected', reason: FORBIDDEN });
    // The referent keeps the case.
    expect(idsOf((await t.pullAll(conseiller)).changes)).toContain(alice);
  });

  it('evicts the case when its draft contract is deleted, but not while another contract still names the tutor', async () => {
    const conseiller = await t.login('conseiller');
    const first = contractFor(alice, { tutorId: AGENTS.tuteur.id });
    const second = contractFor(alice, { tutorId: AGENTS.tuteur.id });
    const firstVersion = await pushApplied(conseiller, nextCreate(conseiller, 'contract', first));
    const secondVersion = await pushApplied(conseiller, nextCreate(conseiller, 'contract', second));
    const tuteur = await t.login('tuteur');
    const { cursor } = await t.pullAll(tuteur);

    await pushApplied(conseiller, nextDelete(conseiller, 'contract', first.id, firstVersion));
    const afterFirst = await t.pullAll(tuteur, cursor);
    expect(afterFirst.changes.map((change) => [change.id, change.op])).toEqual([[first.id, 'delete']]);

    await pushApplied(conseiller, nextDelete(conseiller, 'contract', second.id, secondVersion));
    expect((await t.pullAll(tuteur, afterFirst.cursor)).changes).toEqual([
      expect.objectContaining({ id: alice, op: 'evict' }),
    ]);
  });

  it('gives nothing to an agent of another platform or an admin named as tutor', async () => {
    const conseiller = await t.login('conseiller');
    await pushApplied(
      conseiller,
      nextCreate(conseiller, 'contract', contractFor(alice, { tutorId: AGENTS.conseillerAilleurs.id })),
    );
    await pushApplied(conseiller, nextCreate(conseiller, 'contract', contractFor(alice, { tutorId: AGENTS.admin.id })));

    expect(await tutorsOf(alice)).toEqual([]);
    expect(idsOf((await t.pullAll(await t.login('conseillerAilleurs'))).changes)).toEqual([PEOPLE.emma.id]);
    expect((await t.pullAll(await t.login('admin'))).changes).toEqual([]);
  });

  it('keeps the case on the devices of a referent who tutors it when it is reassigned away', async () => {
    const conseiller = await t.login('conseiller');
    const contract = contractFor(alice, { tutorId: AGENTS.conseiller.id });
    const version = await pushApplied(conseiller, nextCreate(conseiller, 'contract', contract));
    const { cursor } = await t.pullAll(conseiller);

    const coordinator = await t.login('coordinateur');
    const assigned = await t.inject({
      method: 'PUT',
      url: `/api/cases/${alice}/referent`,
      headers: bearer(coordinator.token),
      payload: { referentId: AGENTS.mlds.id },
    });
    expect(assigned.statusCode).toBe(200);
    const afterReassign = await t.pullAll(conseiller, cursor);
    expect(afterReassign.changes.filter((change) => change.op === 'evict')).toEqual([]);
    expect(afterReassign.changes.map((change) => change.id)).toContain(alice);

    // Still a tutor: may write. No longer named: the case leaves.
    await pushApplied(conseiller, nextCreate(conseiller, 'meeting', followUpPoint(alice, AGENTS.conseiller.id)));
    const current = (await t.storedRecord(contract.id))!.version;
    expect(current).toBeGreaterThanOrEqual(version);
    await pushApplied(conseiller, nextEdit(conseiller, 'contract', contract.id, current, { tutorId: '' }));
    const last = (await t.pullAll(conseiller, afterReassign.cursor)).changes;
    expect(last.at(-1)).toMatchObject({ id: alice, op: 'evict' });
  });
});
