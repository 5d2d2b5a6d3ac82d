import { describe, expect, it } from 'vitest';
import { caseloadPersonOf, readCaseloadPeople } from '../../src/app/db/caseload-snapshot';
import { createRecord, deleteRecord, updateRecord } from '../../src/app/db/records';
import { readMeta } from '../../src/app/db/meta';
import { blankBilan } from '../../src/domain/bilan';
import { pullChanges } from '../../src/app/sync/pull';
import { markForRefresh } from '../../src/app/sync/refresh';
import type { YoungPerson } from '../../src/domain/young-person';
import { SimulatedDevice } from '../support/device/simulated-device';
import { AGENTS, FIXTURE_PASSWORD, PEOPLE } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The app's own sync code (Dexie outbox, push, pull with rebase) against the
 * real endpoint: what a user sees on two devices after edits, lost
 * responses, rejections and a network cut.
 */
describe.each(backends)('devices syncing with the endpoint on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  const loginAs = (agent: keyof typeof AGENTS) => SimulatedDevice.login(t.app, AGENTS[agent].email, FIXTURE_PASSWORD);
  const local = (device: SimulatedDevice, id = alice) => device.db.youngPeople.get(id) as Promise<YoungPerson>;
  const pendingCount = (device: SimulatedDevice) => device.db.outbox.where('state').equals('pending').count();

  it('brings the caseload in scope, then exchanges edits of different fields between two devices', async () => {
    const tablet = await loginAs('conseiller');
    const desk = await loginAs('coordinateur');
    expect((await tablet.sync()).status).toBe('done');
    expect((await desk.sync()).status).toBe('done');
    expect(await tablet.db.youngPeople.count()).toBe(2); // Alice and Bastien
    expect(await desk.db.youngPeople.count()).toBe(4); // the whole platform

    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), commune: 'Roubaix' });
    await updateRecord(desk.db, 'youngPerson', { ...(await local(desk)), phone: '06 39 98 44 44' });
    expect(await pendingCount(tablet)).toBe(1);
    await tablet.sync();
    await desk.sync();
    await tablet.sync();

    for (const device of [tablet, desk]) {
      expect(await local(device)).toMatchObject({ commune: 'Roubaix', phone: '06 39 98 44 44' });
      expect(await pendingCount(device)).toBe(0);
      // The caseload reads what the sync brought from its buckets alone (folded by the sync).
      expect(await readCaseloadPeople(device.db)).toEqual({
        people: (await device.db.youngPeople.toArray()).map(caseloadPersonOf),
        unfolded: 0,
      });
    }
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('keeps showing pending edits on top of what a pull brings (rebase), including the status a pending record implies', async () => {
    const tablet = await loginAs('conseiller');
    const desk = await loginAs('coordinateur');
    await tablet.sync();
    await desk.sync();

    // On the tablet, not yet sent: an edit of the address and a contact attempt.
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), address: '3 rue du Test' });
    await createRecord(tablet.db, 'contactAttempt', {
      id: crypto.randomUUID(),
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      occurredAt: new Date().toISOString(),
      channel: 'telephone',
      target: 'jeune',
      guardianName: '',
      result: 'message_laisse',
      note: '',
    });
    expect((await local(tablet)).status).toBe('contact_en_cours');

    // Meanwhile the coordinator changes another field and syncs.
    await updateRecord(desk.db, 'youngPerson', { ...(await local(desk)), commune: 'Tourcoing' });
    await desk.sync();

    // The tablet only pulls (its pushes wait): the server state plus its own pending work.
    await pullChanges(tablet.db, tablet.api);
    expect(await local(tablet)).toMatchObject({
      commune: 'Tourcoing',
      address: '3 rue du Test',
      status: 'contact_en_cours',
    });
    expect(await pendingCount(tablet)).toBe(2);

    await tablet.sync();
    expect(await pendingCount(tablet)).toBe(0);
    expect((await t.storedRecord(alice))?.data).toMatchObject({
      commune: 'Tourcoing',
      address: '3 rue du Test',
      status: 'contact_en_cours',
    });
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('brings a same-field clash to both devices as a conflict holding both values', async () => {
    const tablet = await loginAs('conseiller');
    const desk = await loginAs('coordinateur');
    await tablet.sync();
    await desk.sync();
    await updateRecord(desk.db, 'youngPerson', { ...(await local(desk)), commune: 'Lens' });
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), commune: 'Arras' });
    await desk.sync();
    await tablet.sync();
    await desk.sync();
    for (const device of [tablet, desk]) {
      expect((await local(device)).commune).toBe('Lens');
      const conflicts = await device.db.conflicts.where('youngPersonId').equals(alice).toArray();
      expect(conflicts).toMatchObject([{ field: 'commune', keptValue: 'Lens', otherValue: 'Arras', status: 'ouvert' }]);
      expect(await pendingCount(device)).toBe(0);
    }
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('removes a case reassigned away, with its records, but keeps one holding unsent work until it is sent', async () => {
    const tablet = await loginAs('conseiller');
    await tablet.sync();
    await createRecord(tablet.db, 'contactAttempt', {
      id: crypto.randomUUID(),
      youngPersonId: PEOPLE.bastien.id,
      authorId: AGENTS.conseiller.id,
      occurredAt: new Date().toISOString(),
      channel: 'sms',
      target: 'jeune',
      guardianName: '',
      result: 'message_laisse',
      note: '',
    });
    await tablet.sync();
    // Unsent work on Alice's case when both cases are given to the MLDS coordinator.
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), commune: 'Cambrai' });
    const coordinator = await t.login('coordinateur');
    for (const id of [alice, PEOPLE.bastien.id]) {
      const response = await t.inject({
        method: 'PUT',
        url: `/api/cases/${id}/referent`,
        headers: { authorization: `Bearer ${coordinator.token}` },
        payload: { referentId: AGENTS.mlds.id },
      });
      expect(response.statusCode).toBe(200);
    }

    await pullChanges(tablet.db, tablet.api); // the pull alone: Alice still holds unsent work
    expect(await tablet.db.youngPeople.get(PEOPLE.bastien.id)).toBeUndefined();
    expect(await tablet.db.contactAttempts.where('youngPersonId').equals(PEOPLE.bastien.id).count()).toBe(0);
    expect((await local(tablet)).commune).toBe('Cambrai');

    await tablet.sync(); // the edit is sent, and refused: the case is no longer hers
    const [refused] = await tablet.db.outbox.where('state').equals('rejected').toArray();
    expect(refused).toMatchObject({ recordId: alice, reason: expect.stringMatching(/pas accès/) });
    expect(await tablet.db.youngPeople.get(alice)).toBeDefined(); // kept, with the refusal shown, until discarded
    await tablet.close();
  });

  it('deletes a young person created by mistake on every device; a pull before the deletion leaves does not bring it back', async () => {
    const tablet = await loginAs('conseiller');
    const desk = await loginAs('coordinateur');
    await tablet.sync();
    await desk.sync();
    const id = crypto.randomUUID();
    const { serverVersion: _v, serverUpdatedAt: _u, ...alicesFields } = (await tablet.db.youngPeople.get(alice))!;
    await createRecord(tablet.db, 'youngPerson', {
      ...alicesFields,
      id,
      ine: '',
      lastName: 'Doublon',
      status: 'a_traiter',
    });
    await tablet.sync();
    await desk.sync();
    expect(await desk.db.youngPeople.get(id)).toBeDefined();

    await deleteRecord(tablet.db, 'youngPerson', id);
    expect(await tablet.db.youngPeople.get(id)).toBeUndefined();
    await pullChanges(tablet.db, tablet.api); // a pull before the deletion is sent does not bring it back
    expect(await tablet.db.youngPeople.get(id)).toBeUndefined();
    await tablet.sync();
    await desk.sync();
    expect(await desk.db.youngPeople.get(id)).toBeUndefined();
    expect(await pendingCount(tablet)).toBe(0);
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('applies a push whose response was lost exactly once, when it is sent again', async () => {
    const tablet = await loginAs('conseiller');
    await tablet.sync();
    const noteId = crypto.randomUUID();
    await createRecord(tablet.db, 'meeting', {
      id: noteId,
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      kind: 'entretien',
      date: '2026-10-05',
      place: 'CIO',
      participants: '',
      notes: 'Entretien de situation : souhaite un CAP cuisine.',
      nextSteps: '',
      contractId: '',
      attendance: '',
    });

    tablet.network = 'lose-responses';
    expect((await tablet.sync()).status).toBe('failed');
    expect(await pendingCount(tablet)).toBe(1); // the device cannot know it arrived

    tablet.network = 'up';
    expect((await tablet.sync()).status).toBe('done');
    expect(await pendingCount(tablet)).toBe(0);
    const stored = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM records WHERE id = $1`, [noteId]);
    expect(stored[0]?.n).toBe(1);
    const logged = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mutations WHERE record_id = $1`, [
      noteId,
    ]);
    expect(logged[0]?.n).toBe(1);
    await tablet.close();
  });

  it('keeps a rejected change on the device with its reason, and does not let it block the next ones', async () => {
    const tablet = await loginAs('conseiller');
    await tablet.sync();
    // A locked contract cannot be edited: the device is made to send one edit the endpoint refuses.
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), status: 'clos', closedOn: '2026-10-05' });
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet, PEOPLE.bastien.id)), commune: 'Lens' });

    expect((await tablet.sync()).status).toBe('done');
    const [rejected] = await tablet.db.outbox.where('state').equals('rejected').toArray();
    expect(rejected).toMatchObject({ recordId: alice, reason: 'Modification invalide' });
    expect(rejected?.issues?.map((issue) => issue.path)).toContain('outcome');
    expect((await t.storedRecord(PEOPLE.bastien.id))?.data.commune).toBe('Lens');
    // The refused change is not lost: still on screen, with its reason, until the user fixes or discards it —
    // even after a pull brings a newer server copy of the record.
    expect((await local(tablet)).status).toBe('clos');
    const desk = await loginAs('coordinateur');
    await desk.sync();
    await updateRecord(desk.db, 'youngPerson', { ...(await local(desk)), commune: 'Arras' });
    await desk.sync();
    await tablet.sync();
    expect(await local(tablet)).toMatchObject({ commune: 'Arras', status: 'clos' });
    await desk.close();
    await tablet.close();
  });

  it('puts a record back to its server copy when a refused change is discarded, even offline', async () => {
    const tablet = await loginAs('conseiller');
    await tablet.sync();
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), status: 'clos', closedOn: '2026-10-05' });
    await tablet.sync();
    const [refused] = await tablet.db.outbox.where('state').equals('rejected').toArray();
    expect((await local(tablet)).status).toBe('clos');

    tablet.network = 'down';
    await tablet.db.outbox.delete(refused!.seq);
    await markForRefresh(tablet.db, [alice]);
    await tablet.sync();
    expect((await local(tablet)).status).toBe('clos'); // offline: it waits for the network

    tablet.network = 'up';
    await tablet.sync();
    expect((await local(tablet)).status).toBe('a_traiter');
    expect(await readMeta(tablet.db, 'refresh')).toEqual([]);
    await tablet.close();
  });

  it('keeps an edit of a bilan validated meanwhile as a draft of its form, and shows the validated bilan', async () => {
    const tablet = await loginAs('conseiller');
    const desk = await loginAs('coordinateur');
    const bilan = blankBilan({
      id: crypto.randomUUID(),
      youngPersonId: alice,
      authorId: AGENTS.conseiller.id,
      date: '2026-10-05',
    });
    await createRecord(tablet.db, 'bilan', bilan);
    await tablet.sync();
    await desk.sync();

    await updateRecord(desk.db, 'bilan', {
      ...bilan,
      recommendation: 'CAP en apprentissage',
      status: 'valide',
      validatedOn: '2026-10-06',
      validatedBy: AGENTS.coordinateur.id,
    });
    await updateRecord(tablet.db, 'bilan', { ...bilan, project: 'Projet tapé hors ligne, à ne pas perdre' });
    await desk.sync();
    await tablet.sync();

    expect(await tablet.db.outbox.count()).toBe(0);
    const draft = await tablet.db.drafts.get(`bilan:${bilan.id}`);
    expect(draft?.value).toMatchObject({ record: { project: 'Projet tapé hors ligne, à ne pas perdre' } });
    expect(await tablet.db.bilans.get(bilan.id)).toMatchObject({
      status: 'valide',
      project: '',
      recommendation: 'CAP en apprentissage',
    });
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('sends a refused change again with its correction ("Corriger"), as one change', async () => {
    const tablet = await loginAs('conseiller');
    await tablet.sync();
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), status: 'clos', closedOn: '2026-10-05' });
    await tablet.sync();
    expect(await tablet.db.outbox.where('state').equals('rejected').count()).toBe(1);

    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), outcome: 'emploi' });
    expect(await tablet.db.outbox.count()).toBe(1);
    await tablet.sync();
    expect(await tablet.db.outbox.count()).toBe(0);
    expect((await t.storedRecord(alice))?.data).toMatchObject({
      status: 'clos',
      outcome: 'emploi',
      closedOn: '2026-10-05',
    });
    await tablet.close();
  });

  it('works offline and sends everything when the network returns', async () => {
    const tablet = await loginAs('conseiller');
    await tablet.sync();
    tablet.network = 'down';
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), commune: 'Douai' });
    const outcome = await tablet.sync();
    expect(outcome).toMatchObject({ status: 'failed', failure: { kind: 'offline' } });
    expect(await pendingCount(tablet)).toBe(1);

    tablet.network = 'up';
    expect(await tablet.sync()).toMatchObject({ status: 'done', pushed: 1 });
    expect((await t.storedRecord(alice))?.data.commune).toBe('Douai');
    await tablet.close();
  });
});
