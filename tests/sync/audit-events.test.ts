import { describe, expect, it } from 'vitest';
import { queueEmergencyExportEvent, queuedAuditEvents } from '../../src/app/db/audit-events';
import { buildEmergencyExport } from '../../src/app/db/export';
import { readMeta } from '../../src/app/db/meta';
import { updateRecord } from '../../src/app/db/records';
import { reportAuditEvents } from '../../src/app/sync/audit-events';
import type { YoungPerson } from '../../src/domain/young-person';
import { SimulatedDevice } from '../support/device/simulated-device';
import { AGENTS, FIXTURE_PASSWORD, PEOPLE } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A tablet's emergency export reaches the endpoint's audit trail: queued on
 * the device when the file is saved (even offline), sent at the next sync
 * after the pull, recorded once whatever the network does to the report,
 * and gone from the device once the endpoint has answered.
 */
describe.each(backends)('emergency exports reported to the audit trail on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  const loginAs = (agent: keyof typeof AGENTS) => SimulatedDevice.login(t.app, AGENTS[agent].email, FIXTURE_PASSWORD);
  const recorded = (id: string) =>
    t.db.query<{ action: string; agentId: string; deviceId: string; details: Record<string, unknown> }>(
      `SELECT action, agent_id AS "agentId", device_id AS "deviceId", details FROM audit_events WHERE id = $1`,
      [id],
    );

  /** Offline, the adviser edits a case and saves the unsent change to a file. */
  async function exportOffline(tablet: SimulatedDevice) {
    await tablet.sync();
    tablet.network = 'down';
    const person = (await tablet.db.youngPeople.get(alice)) as YoungPerson;
    await updateRecord(tablet.db, 'youngPerson', { ...person, commune: 'Maubeuge' });
    const file = await buildEmergencyExport(tablet.db, 'test');
    await queueEmergencyExportEvent(tablet.db, file);
    const [event] = await queuedAuditEvents(tablet.db);
    expect(event).toMatchObject({
      kind: 'emergency_export',
      at: file.exportedAt,
      details: { mutations: 1, drafts: 0 },
    });
    return event!;
  }

  it('keeps the report while offline and sends it at the next sync, with the device and the agent', async () => {
    const tablet = await loginAs('conseiller');
    const event = await exportOffline(tablet);
    expect((await tablet.sync()).status).toBe('failed');
    expect(await queuedAuditEvents(tablet.db)).toEqual([event]);
    expect(await recorded(event.id)).toEqual([]);

    tablet.network = 'up';
    expect((await tablet.sync()).status).toBe('done');
    expect(await queuedAuditEvents(tablet.db)).toEqual([]);
    const device = await readMeta(tablet.db, 'device');
    expect(await recorded(event.id)).toEqual([
      {
        action: 'emergency_export',
        agentId: AGENTS.conseiller.id,
        deviceId: device?.id,
        details: { mutations: 1, drafts: 0, deviceAt: event.at },
      },
    ]);
    await tablet.close();
  });

  it('records the report once when its answer is lost and it is sent again, or when it arrives twice', async () => {
    const tablet = await loginAs('conseiller');
    const event = await exportOffline(tablet);

    tablet.network = 'lose-responses';
    await expect(reportAuditEvents(tablet.db, tablet.api)).rejects.toMatchObject({ kind: 'offline' });
    expect(await recorded(event.id)).toHaveLength(1); // the endpoint has it, the tablet does not know
    expect(await queuedAuditEvents(tablet.db)).toEqual([event]);

    tablet.network = 'duplicate';
    expect((await tablet.sync()).status).toBe('done');
    expect(await queuedAuditEvents(tablet.db)).toEqual([]);
    expect(await recorded(event.id)).toHaveLength(1);
    await tablet.close();
  });
});
