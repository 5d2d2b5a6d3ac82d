import { describe, expect, it } from 'vitest';
import { writeDraft } from '../../src/app/db/drafts';
import { buildEmergencyExport } from '../../src/app/db/export';
import { createRecord, updateRecord } from '../../src/app/db/records';
import { ImportRefusal, importEmergencyExport } from '../../src/app/sync/emergency-import';
import { parseEmergencyExport, type EmergencyExport } from '../../src/domain/emergency-export';
import type { YoungPerson } from '../../src/domain/young-person';
import { SimulatedDevice } from '../support/device/simulated-device';
import { AGENTS, FIXTURE_PASSWORD, PEOPLE } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The emergency export on simulated devices against the real endpoint: what a
 * tablet could not sync, saved to a file, imported on another tablet of the
 * same adviser (or back on the same one), reaches the endpoint once —
 * however many times the file is imported, and even if the first tablet
 * comes back and sends it too.
 */
describe.each(backends)('emergency export and import on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  const loginAs = (agent: keyof typeof AGENTS) => SimulatedDevice.login(t.app, AGENTS[agent].email, FIXTURE_PASSWORD);
  const local = (device: SimulatedDevice, id = alice) => device.db.youngPeople.get(id) as Promise<YoungPerson>;
  const pendingCount = (device: SimulatedDevice) => device.db.outbox.where('state').equals('pending').count();
  /** The export as written to a file and read back. */
  const throughFile = (file: EmergencyExport) => {
    const parsed = parseEmergencyExport(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.file;
  };
  const mutationsOf = async (deviceId: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE device_id = $1', [deviceId]))[0]!
      .n;
  const recordsWithId = async (id: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE id = $1', [id]))[0]!.n;

  /** Tablet A, offline, writes three changes (one of which reached the endpoint, its answer lost) and a draft. */
  async function offlineWork(tablet: SimulatedDevice) {
    await tablet.sync();
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), commune: 'Valenciennes' });
    tablet.network = 'lose-responses';
    await tablet.sync(); // applied by the endpoint, the tablet never knew
    tablet.network = 'down';
    const meetingId = crypto.randomUUID();
    await createRecord(tablet.db, 'meeting', {
      id: meetingId,
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
    await updateRecord(tablet.db, 'youngPerson', { ...(await local(tablet)), address: '9 rue du Secours' });
    await writeDraft(tablet.db, `meeting:${alice}:point_etape`, { notes: 'Point d’étape commencé' });
    expect(await pendingCount(tablet)).toBe(3);
    return { meetingId };
  }

  it('replays what one tablet could not sync on another tablet of the same adviser, each change once', async () => {
    const tabletA = await loginAs('conseiller');
    const tabletB = await loginAs('conseiller');
    await tabletB.sync();
    const { meetingId } = await offlineWork(tabletA);
    const file = throughFile(await buildEmergencyExport(tabletA.db, 'test'));
    const deviceA = file.deviceId;
    expect(file.mutations.map((mutation) => mutation.seq)).toEqual([1, 2, 3]);
    expect(await mutationsOf(deviceA)).toBe(1);

    const report = await importEmergencyExport(tabletB.db, tabletB.api, file);
    expect(report).toMatchObject({ origin: 'other-device', mutations: 3, replayed: 3, refused: [], waiting: 0 });
    expect(report.drafts).toBe(1);
    expect((await tabletB.sync()).status).toBe('done');
    expect(await local(tabletB)).toMatchObject({ commune: 'Valenciennes', address: '9 rue du Secours' });
    expect(await tabletB.db.meetings.get(meetingId)).toMatchObject({ notes: expect.stringContaining('CAP cuisine') });
    expect(await tabletB.db.drafts.get(`meeting:${alice}:point_etape`)).toMatchObject({
      value: { notes: 'Point d’étape commencé' },
    });

    // The endpoint holds each change once, under tablet A's numbers.
    expect(await mutationsOf(deviceA)).toBe(3);
    expect(await recordsWithId(meetingId)).toBe(1);
    const stored = await t.storedRecord(alice);

    // Importing the file again changes nothing.
    const again = await importEmergencyExport(tabletB.db, tabletB.api, file);
    expect(again).toMatchObject({ replayed: 3, refused: [], drafts: 0 });
    expect(await mutationsOf(deviceA)).toBe(3);
    expect(await t.storedRecord(alice)).toEqual(stored);

    // Tablet A comes back and sends its outbox: answered, not applied again.
    tabletA.network = 'up';
    expect((await tabletA.sync()).status).toBe('done');
    expect(await pendingCount(tabletA)).toBe(0);
    expect(await mutationsOf(deviceA)).toBe(3);
    expect(await recordsWithId(meetingId)).toBe(1);
    expect(await t.storedRecord(alice)).toEqual(stored);
    await Promise.all([tabletA.close(), tabletB.close()]);
  });

  it('puts the changes back on the tablet that exported them, missing ones only, and they apply once', async () => {
    const tablet = await loginAs('conseiller');
    await offlineWork(tablet);
    const file = throughFile(await buildEmergencyExport(tablet.db, 'test'));
    const report = await importEmergencyExport(tablet.db, tablet.api, file);
    expect(report).toMatchObject({ origin: 'same-device', restored: 0, drafts: 0 }); // all still there

    tablet.network = 'up';
    expect((await tablet.sync()).status).toBe('done');
    const stored = await t.storedRecord(alice);
    // The outbox is empty now: importing puts the three back, they are sent, and answered, not applied again.
    expect(await importEmergencyExport(tablet.db, tablet.api, file)).toMatchObject({ restored: 3 });
    expect(await pendingCount(tablet)).toBe(3);
    expect((await tablet.sync()).status).toBe('done');
    expect(await pendingCount(tablet)).toBe(0);
    expect(await mutationsOf(file.deviceId)).toBe(3);
    expect(await t.storedRecord(alice)).toEqual(stored);
    expect(await local(tablet)).toMatchObject({ commune: 'Valenciennes', address: '9 rue du Secours' });
    await tablet.close();
  });

  it('refuses the file of another adviser, and sends nothing', async () => {
    const tablet = await loginAs('conseiller');
    const other = await loginAs('mlds');
    await offlineWork(tablet);
    const file = throughFile(await buildEmergencyExport(tablet.db, 'test'));
    const refusal = await importEmergencyExport(other.db, other.api, file).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportRefusal);
    expect((refusal as Error).message).toBe(
      'Ce fichier de secours appartient à un autre compte (Claire Conseil) : il ne peut pas être importé ici',
    );
    expect(await mutationsOf(file.deviceId)).toBe(1);
    expect(await other.db.drafts.count()).toBe(0);
    await Promise.all([tablet.close(), other.close()]);
  });
});
