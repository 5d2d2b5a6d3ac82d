import { describe, expect, it } from 'vitest';
import { resolveConflict } from '../../src/app/db/conflict-resolution';
import { stageDiscard } from '../../src/app/db/discard';
import { localChange, updateRecord } from '../../src/app/db/records';
import { markForRefresh } from '../../src/app/sync/refresh';
import { CONFLICT_ALREADY_RESOLVED, type Conflict } from '../../src/domain/conflict';
import type { YoungPerson } from '../../src/domain/young-person';
import { SimulatedDevice } from '../support/device/simulated-device';
import { AGENTS, FIXTURE_PASSWORD, PEOPLE } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * Two devices edit the same young person: different fields both win; the
 * same field leaves a conflict that the second device resolves with the
 * app's own code, and everyone converges on the chosen value.
 */
describe.each(backends)('resolving a conflict between two devices on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  const loginAs = (agent: keyof typeof AGENTS) => SimulatedDevice.login(t.app, AGENTS[agent].email, FIXTURE_PASSWORD);
  const local = (device: SimulatedDevice) => device.db.youngPeople.get(alice) as Promise<YoungPerson>;
  const edit = async (device: SimulatedDevice, changes: Partial<YoungPerson>) =>
    updateRecord(device.db, 'youngPerson', { ...(await local(device)), ...changes });
  const conflictsOn = (device: SimulatedDevice) => device.db.conflicts.toArray() as Promise<Conflict[]>;

  /** The desk (coordinator) saves Bron first, the tablet (conseillère) Vénissieux from the same version. */
  async function clash() {
    const tablet = await loginAs('conseiller');
    const desk = await loginAs('coordinateur');
    await tablet.sync();
    await desk.sync();
    tablet.network = 'down';
    desk.network = 'down';
    await edit(tablet, { commune: 'Vénissieux', phone: '06 39 98 22 22' });
    await edit(desk, { commune: 'Bron', address: '3 rue du Test' });
    desk.network = 'up';
    tablet.network = 'up';
    await desk.sync();
    expect((await tablet.sync()).status).toBe('done');
    return { tablet, desk };
  }

  it('keeps both edits of different fields and records the same-field clash for the second device', async () => {
    const { tablet, desk } = await clash();
    await desk.sync();
    for (const device of [tablet, desk]) {
      expect(await local(device)).toMatchObject({ commune: 'Bron', phone: '06 39 98 22 22', address: '3 rue du Test' });
      expect(await conflictsOn(device)).toEqual([
        expect.objectContaining({
          field: 'commune',
          keptValue: 'Bron',
          keptAuthorId: AGENTS.coordinateur.id,
          otherValue: 'Vénissieux',
          otherAuthorId: AGENTS.conseiller.id,
          status: 'ouvert',
        }),
      ]);
    }
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('sends the chosen value and the resolution together; every device and the endpoint show them', async () => {
    const { tablet, desk } = await clash();
    const [conflict] = await conflictsOn(tablet);
    await resolveConflict(tablet.db, conflict!.id, { kind: 'other' }, AGENTS.conseiller.id);
    expect((await local(tablet)).commune).toBe('Vénissieux');
    expect((await tablet.sync()).status).toBe('done');
    expect(await tablet.db.outbox.count()).toBe(0);
    await desk.sync();

    expect((await t.storedRecord(alice))?.data.commune).toBe('Vénissieux');
    expect((await t.storedRecord(conflict!.id))?.data).toMatchObject({
      status: 'resolu',
      resolution: 'remplacee',
      resolvedValue: 'Vénissieux',
      resolvedBy: AGENTS.conseiller.id,
    });
    for (const device of [tablet, desk]) {
      expect((await local(device)).commune).toBe('Vénissieux');
      expect((await conflictsOn(device))[0]).toMatchObject({ status: 'resolu', resolution: 'remplacee' });
    }
    await Promise.all([tablet.close(), desk.close()]);
  });

  it('refuses a second resolution made offline elsewhere; discarding it shows the first one', async () => {
    const { tablet, desk } = await clash();
    await desk.sync();
    const [conflict] = await conflictsOn(desk);
    desk.network = 'down';
    await resolveConflict(desk.db, conflict!.id, { kind: 'typed', value: 'Lyon' }, AGENTS.coordinateur.id);
    await resolveConflict(tablet.db, conflict!.id, { kind: 'kept' }, AGENTS.conseiller.id);
    await tablet.sync();

    desk.network = 'up';
    await desk.sync();
    const refused = await desk.db.outbox.where('state').equals('rejected').toArray();
    expect(refused.map((entry) => [entry.entity, entry.reason])).toEqual([['conflict', CONFLICT_ALREADY_RESOLVED]]);
    expect((await conflictsOn(desk))[0]).toMatchObject({ status: 'resolu', resolution: 'saisie' }); // still its own

    await localChange(desk.db, async () => markForRefresh(desk.db, await stageDiscard(desk.db, refused[0]!.seq)));
    await desk.sync();
    expect(await desk.db.outbox.count()).toBe(0);
    expect((await conflictsOn(desk))[0]).toMatchObject({
      status: 'resolu',
      resolution: 'conservee',
      resolvedBy: AGENTS.conseiller.id,
    });
    await Promise.all([tablet.close(), desk.close()]);
  });
});
