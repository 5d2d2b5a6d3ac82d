import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blankBilan } from '../../src/domain/bilan';
import type { EntityName, Mutation } from '../../src/domain/sync-messages';
import { blankYoungPerson } from '../../src/domain/young-person';
import { AGENTS, PEOPLE, PLATFORM } from '../support/server/fixture';
import { useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * Deleting a record created by mistake: it beats a concurrent edit, never
 * takes a note with it, and only goes while it is still a draft.
 */
describe.each(backends)('deletion on %s', (backend) => {
  const t = useTestApp(backend);

  function next(device: Device, mutation: Record<string, unknown>): Mutation {
    device.lastSeq += 1;
    return { mutationId: randomUUID(), seq: device.lastSeq, ...mutation } as Mutation;
  }
  const create = (device: Device, entity: EntityName, data: Record<string, unknown> & { id: string }) =>
    next(device, { entity, recordId: data.id, op: 'create', data });
  const remove = (device: Device, entity: EntityName, id: string, baseVersion: number) =>
    next(device, { entity, recordId: id, op: 'delete', baseVersion });
  const update = (
    device: Device,
    entity: EntityName,
    id: string,
    baseVersion: number,
    changes: Record<string, unknown>,
  ) => next(device, { entity, recordId: id, op: 'update', baseVersion, changes });

  function mistake() {
    return {
      ...blankYoungPerson(randomUUID(), PLATFORM.id, AGENTS.conseiller.id),
      lastName: 'Doublon',
      firstNames: 'Erreur',
      birthDate: '2008-01-01',
    };
  }
  const note = (youngPersonId: string) => ({
    id: randomUUID(),
    youngPersonId,
    authorId: AGENTS.conseiller.id,
    kind: 'entretien',
    date: '2026-10-05',
    place: '',
    participants: '',
    notes: 'Appel du jeune',
    nextSteps: '',
    contractId: '',
    attendance: '',
  });

  it('removes a young person created by mistake from every device, and beats an edit arriving after it', async () => {
    const tablet = await t.login('conseiller');
    const desk = await t.login('coordinateur');
    const person = mistake();
    const [created] = (await t.pushOk(tablet, [create(tablet, 'youngPerson', person)])).results;
    const { cursor } = await t.pullAll(desk);

    const [deleted] = (await t.pushOk(tablet, [remove(tablet, 'youngPerson', person.id, created!.version!)])).results;
    expect(deleted?.status).toBe('applied');
    const [late] = (
      await t.pushOk(desk, [update(desk, 'youngPerson', person.id, created!.version!, { commune: 'Lens' })])
    ).results;
    expect(late).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/supprimée/) });
    expect((await t.pullAll(desk, cursor)).changes).toEqual([
      expect.objectContaining({ id: person.id, op: 'delete', data: null }),
    ]);

    // Deleting it again (a retry, another device) is answered the same.
    const [again] = (await t.pushOk(desk, [remove(desk, 'youngPerson', person.id, created!.version!)])).results;
    expect(again?.status).toBe('applied');
  });

  it('keeps nothing of a deleted young person, so a note arriving for them afterwards is refused with the reason', async () => {
    const tablet = await t.login('conseiller');
    const other = await t.login('conseiller');
    const person = mistake();
    const [created] = (await t.pushOk(tablet, [create(tablet, 'youngPerson', person)])).results;
    await t.pushOk(tablet, [remove(tablet, 'youngPerson', person.id, created!.version!)]);
    const rows = await t.db.query<{ deleted: boolean; data: unknown }>(
      'SELECT deleted, data FROM records WHERE id = $1',
      [person.id],
    );
    expect(rows).toEqual([{ deleted: true, data: null }]); // a tombstone holds no personal data

    // The note stays on its device, refused with this reason and its text (shown with the refused changes).
    const written = note(person.id);
    const [result] = (await t.pushOk(other, [create(other, 'meeting', written)])).results;
    expect(result).toMatchObject({ status: 'rejected', reason: 'Le jeune de ce dossier a été supprimé' });
    expect(await t.storedRecord(written.id)).toBeUndefined();
  });

  it('refuses to delete what is no longer a draft, a note, or a case that has a history', async () => {
    const tablet = await t.login('conseiller');
    const alice = PEOPLE.alice.id;
    const written = note(alice);
    const [noted] = (await t.pushOk(tablet, [create(tablet, 'meeting', written)])).results;
    const bilan = {
      ...blankBilan({ id: randomUUID(), youngPersonId: alice, authorId: AGENTS.conseiller.id, date: '2026-10-05' }),
    };
    const [drafted] = (await t.pushOk(tablet, [create(tablet, 'bilan', bilan)])).results;
    const [validated] = (
      await t.pushOk(tablet, [
        update(tablet, 'bilan', bilan.id, drafted!.version!, {
          recommendation: 'CAP',
          status: 'valide',
          validatedOn: '2026-10-05',
          validatedBy: AGENTS.conseiller.id,
        }),
      ])
    ).results;
    const results = (
      await t.pushOk(tablet, [
        remove(tablet, 'meeting', written.id, noted!.version!),
        remove(tablet, 'bilan', bilan.id, validated!.version!),
        remove(tablet, 'youngPerson', alice, 1),
      ])
    ).results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[2]?.reason).toMatch(/historique/);
    expect((await t.storedRecord(alice))?.data.lastName).toBe(PEOPLE.alice.lastName);
  });
});
