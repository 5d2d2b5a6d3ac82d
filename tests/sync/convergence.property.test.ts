import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecord, updateRecord } from '../../src/app/db/records';
import type { YoungPerson } from '../../src/domain/young-person';
import { SimulatedDevice, type NetworkMode } from '../support/device/simulated-device';
import { AGENTS, FIXTURE_PASSWORD, PEOPLE } from '../support/server/fixture';
import { useTestApp, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * Property: whatever the devices do and whatever the network does to them,
 * once everyone is back online and has synced,
 * 1. every device holds exactly the server's copy of what it can see;
 * 2. no device has anything left to send;
 * 3. every edit a user made reached the endpoint exactly once, and was
 *    either written or recorded as a conflict holding its value;
 * 4. no edit was overwritten silently: each value written to a field was
 *    replaced only by an edit made seeing it (based on its version, or from
 *    the same device), and the field ends with the last one;
 * 5. every note written exists once on the endpoint, never twice.
 *
 * Five devices: two tablets of the conseiller, one of the MLDS coordinator,
 * two of the platform coordinator (who sees every case). Steps: edits, notes,
 * syncs through a network that is up, down, loses responses after the
 * endpoint acted, delivers each request twice, or delivers earlier pushes
 * again late (out of order), for one device or for all of them at the same
 * time (their pushes then committed in groups); a device's tab killed and
 * reopened (between its local write and its push, or between the endpoint's
 * commit and the answer); the endpoint restarted. Runs: SIM_RUNS
 * (default 150 per backend), seed: SIM_SEED (printed by fast-check on failure).
 */
const RUNS = Number(process.env.SIM_RUNS ?? 150);
const SEED = process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined;

const DEVICE_AGENTS = ['conseiller', 'conseiller', 'mlds', 'coordinateur', 'coordinateur'] as const;
const PEOPLE_IDS = [PEOPLE.alice.id, PEOPLE.bastien.id, PEOPLE.chloe.id] as const;
const FIELDS = ['commune', 'address', 'phone', 'leavingReason'] as const;
const VALUES: Record<(typeof FIELDS)[number], string[]> = {
  commune: ['Lille', 'Roubaix', 'Tourcoing', 'Douai'],
  address: ['1 rue A', '2 rue B', '3 rue C'],
  phone: ['06 39 98 00 01', '06 39 98 00 02', '06 39 98 00 03'],
  leavingReason: ['Exclusion', 'Déménagement', 'Santé'],
};

type Step =
  | { kind: 'edit'; device: number; person: number; field: (typeof FIELDS)[number]; value: number }
  | { kind: 'note'; device: number; person: number }
  | { kind: 'sync'; device: number; network: NetworkMode }
  | { kind: 'syncAll'; network: NetworkMode }
  | { kind: 'restart'; device: number }
  | { kind: 'serverRestart' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    device: fc.nat(4),
    person: fc.nat(2),
    field: fc.constantFrom(...FIELDS),
    value: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('note' as const), device: fc.nat(4), person: fc.nat(2) }),
  fc.record({
    kind: fc.constant('sync' as const),
    device: fc.nat(4),
    network: fc.constantFrom<NetworkMode>('up', 'up', 'down', 'lose-responses', 'duplicate', 'late-copies'),
  }),
  fc.record({
    kind: fc.constant('syncAll' as const),
    network: fc.constantFrom<NetworkMode>('up', 'lose-responses', 'duplicate', 'late-copies'),
  }),
  fc.record({ kind: fc.constant('restart' as const), device: fc.nat(4) }),
  fc.record({ kind: fc.constant('serverRestart' as const) }),
);

interface Expectations {
  /** Each edit made, and every field its mutation carries with the value sent (the endpoint's trail keeps no values). */
  edits: { mutationId: string; recordId: string; field: string; value: string; sent: Record<string, unknown> }[];
  notes: string[];
}

async function play(t: TestApp, steps: Step[]): Promise<{ devices: SimulatedDevice[]; expected: Expectations }> {
  const devices: SimulatedDevice[] = [];
  for (const agent of DEVICE_AGENTS)
    devices.push(await SimulatedDevice.login(() => t.app, AGENTS[agent].email, FIXTURE_PASSWORD));
  for (const device of devices) await device.sync();
  const expected: Expectations = { edits: [], notes: [] };

  for (const step of steps) {
    if (step.kind === 'serverRestart') {
      await t.restartEndpoint();
      continue;
    }
    if (step.kind === 'syncAll') {
      // Every device at once: the endpoint queues their pushes and commits them in groups (push-groups.ts).
      for (const device of devices) device.network = step.network;
      await Promise.all(devices.map((device) => device.sync()));
      for (const device of devices) device.network = 'up';
      continue;
    }
    const device = devices[step.device]!;
    if (step.kind === 'sync') {
      device.network = step.network;
      await device.sync();
      device.network = 'up';
    } else if (step.kind === 'restart') {
      devices[step.device] = await device.restart();
    } else {
      const personId = PEOPLE_IDS[step.person]!;
      const person = (await device.db.youngPeople.get(personId)) as YoungPerson | undefined;
      if (!person) continue; // not in this device's scope
      if (step.kind === 'edit') {
        const value = VALUES[step.field][step.value % VALUES[step.field].length]!;
        if (person[step.field] === value) continue;
        await updateRecord(device.db, 'youngPerson', { ...person, [step.field]: value });
      } else {
        const id = crypto.randomUUID();
        await createRecord(device.db, 'meeting', {
          id,
          youngPersonId: personId,
          authorId: (await device.agentId)!,
          kind: 'entretien',
          date: '2026-10-05',
          place: '',
          participants: '',
          notes: `Note ${id}`,
          nextSteps: '',
          contractId: '',
          attendance: '',
        });
        expected.notes.push(id);
      }
      const last = await device.db.outbox.orderBy('seq').last();
      if (step.kind === 'edit')
        expected.edits.push({
          mutationId: last!.mutationId,
          recordId: personId,
          field: step.field,
          value: String(last!.payload[step.field]),
          sent: { ...last!.payload },
        });
    }
  }

  // Everyone back online: sync until nothing moves (two rounds let each device see the others' last changes).
  for (let round = 0; round < 3; round++) for (const device of devices) await device.sync();
  return { devices, expected };
}

async function checkInvariants(t: TestApp, devices: SimulatedDevice[], expected: Expectations): Promise<void> {
  const server = new Map(
    (await t.db.query<{ id: string; data: Record<string, unknown> }>('SELECT id, data FROM records')).map((row) => [
      row.id,
      row.data,
    ]),
  );
  // 1 and 2: convergence, nothing left to send.
  for (const device of devices) {
    expect(await device.db.outbox.count()).toBe(0);
    for (const person of await device.db.youngPeople.toArray()) {
      const { serverVersion: _v, serverUpdatedAt: _u, ...data } = person;
      expect(data).toEqual(server.get(person.id));
    }
    for (const meeting of await device.db.meetings.toArray()) expect(meeting.serverVersion).toBeGreaterThan(0);
  }
  // 3: each edit reached the endpoint once, and was written or kept as a conflict with its value.
  // (The trail names the fields in conflict; both values are on the case's conflict records.)
  const log = new Map(
    (
      await t.db.query<{ mutationId: string; result: { status: string; conflicts?: { field: string }[] } }>(
        'SELECT mutation_id AS "mutationId", result FROM mutations',
      )
    ).map((row) => [row.mutationId, row.result]),
  );
  const conflicts = (
    await t.db.query<{ data: { recordId: string; field: string; otherValue: unknown } }>(
      `SELECT data FROM records WHERE entity = 'conflict'`,
    )
  ).map((row) => row.data);
  for (const edit of expected.edits) {
    const result = log.get(edit.mutationId);
    expect(result, `edit ${edit.field}=${edit.value} never reached the endpoint`).toBeDefined();
    expect(['applied', 'conflict']).toContain(result!.status);
    if (result!.conflicts?.some((c) => c.field === edit.field)) {
      const kept = conflicts.some(
        (c) => c.recordId === edit.recordId && c.field === edit.field && c.otherValue === edit.value,
      );
      expect(kept, `edit ${edit.field}=${edit.value} lost in a conflict`).toBe(true);
    }
  }
  // 4: no silent overwrite, field by field, in the order the endpoint wrote them (the values each
  // mutation carried are the test's own: the trail keeps the fields' names only).
  const sent = new Map(expected.edits.map((edit) => [edit.mutationId, edit.sent]));
  const writes = await t.db.query<{
    mutationId: string;
    recordId: string;
    deviceId: string;
    baseVersion: number;
    payload: Record<string, unknown>;
    result: { status: string; version: number; conflicts?: { field: string }[] };
  }>(
    `SELECT mutation_id AS "mutationId", record_id AS "recordId", device_id AS "deviceId",
            base_version AS "baseVersion", payload, result
       FROM mutations WHERE op = 'update' AND result->>'status' IN ('applied', 'conflict')
      ORDER BY (result->>'version')::bigint`,
  );
  const lastWrite = new Map<string, { deviceId: string; version: number; value: unknown }>();
  for (const write of writes) {
    const values = sent.get(write.mutationId);
    expect(values, `mutation ${write.mutationId} was no edit of this scenario`).toBeDefined();
    expect(Object.keys(write.payload).sort()).toEqual(Object.keys(values!).sort());
    for (const [field, value] of Object.entries(values!)) {
      if (write.result.conflicts?.some((c) => c.field === field)) continue; // kept aside, not written
      const key = `${write.recordId}.${field}`;
      const previous = lastWrite.get(key);
      // The value the field already holds, sent again (from a device that had not seen it): nothing is
      // written, the field keeps its stamp (mergeFields), so its last write is still the earlier one.
      if (previous && JSON.stringify(previous.value) === JSON.stringify(value)) continue;
      if (previous) {
        const sawIt = write.baseVersion >= previous.version || write.deviceId === previous.deviceId;
        expect(sawIt, `${key}: ${JSON.stringify(previous.value)} overwritten by an edit that never saw it`).toBe(true);
      }
      lastWrite.set(key, { deviceId: write.deviceId, version: write.result.version, value });
    }
  }
  for (const [key, write] of lastWrite) {
    const [recordId, field] = key.split('.') as [string, string];
    expect(server.get(recordId)?.[field]).toEqual(write.value);
  }
  // 5: each note exists once.
  const notes = await t.db.query<{ id: string }>(`SELECT id FROM records WHERE entity = 'meeting'`);
  expect(notes.map((row) => row.id).sort()).toEqual([...expected.notes].sort());
}

describe.each(backends)('five devices under random faults converge and lose nothing, on %s', (backend) => {
  const t = useTestApp(backend);

  it('holds for random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 5, maxLength: 30 }), async (steps) => {
        await t.reset();
        const { devices, expected } = await play(t, steps);
        try {
          await checkInvariants(t, devices, expected);
        } finally {
          await Promise.all(devices.map((device) => device.close()));
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000); // 150 scenarios take about a minute alone, several on a loaded shared machine
});
