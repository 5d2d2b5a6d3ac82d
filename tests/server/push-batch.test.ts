import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/domain/sync-messages';
import type { ContactResult } from '../../src/domain/enums';
import {
  contactAttemptOf,
  contractFor,
  followUpPoint,
  nextCreate,
  nextDelete,
  nextEdit,
} from '../support/server/case-builders';
import { PROTOCOL_VERSION } from '../../src/domain/sync-messages';
import { systemClock } from '../../src/server/auth/actor';
import type { Database } from '../../src/server/store/database';
import { pushMutations } from '../../src/server/sync/push';
import { AGENTS, PEOPLE, PLATFORM, youngPerson } from '../support/server/fixture';
import { useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A push reads the records its batch names together and writes them together
 * (BatchedRecordStore). Within one batch, each mutation must still see what
 * the ones before it wrote, and the platform's clock must end where its last
 * version is — whatever mix of mutations the batch holds.
 */
describe.each(backends)('a batch of mutations on %s', (backend) => {
  const t = useTestApp(backend);

  const contactAttempt = (device: Device, youngPersonId: string, result: ContactResult = 'joint') =>
    nextCreate(device, 'contactAttempt', contactAttemptOf(youngPersonId, device.agent.id, { result }));

  async function row(id: string) {
    const [found] = await t.db.query<{
      version: number;
      status: string | null;
      createdBy: string | null;
      updatedBy: string | null;
      deleted: boolean;
    }>(
      `SELECT version::int AS version, data->>'status' AS status, created_by AS "createdBy",
              updated_by AS "updatedBy", deleted
         FROM records WHERE id = $1`,
      [id],
    );
    return found;
  }

  /** The clock has handed out exactly the versions written: none reused, none beyond the last. */
  async function expectClockAtLastVersion() {
    const [clock] = await t.db.query<{ value: number; last: number; versions: number; distinct: number }>(
      `SELECT (SELECT value::int FROM platform_clocks WHERE platform_id = $1) AS value,
              (SELECT max(version)::int FROM (SELECT version FROM records WHERE platform_id = $1
                                              UNION ALL SELECT version FROM scope_exits WHERE platform_id = $1) v) AS last,
              (SELECT count(*)::int FROM records WHERE platform_id = $1) AS versions,
              (SELECT count(DISTINCT version)::int FROM records WHERE platform_id = $1) AS distinct`,
      [PLATFORM.id],
    );
    expect(clock!.value).toBe(clock!.last);
    expect(clock!.distinct).toBe(clock!.versions);
  }

  it('creates a young person and their first contacts in one batch: one row each, the status moved twice, the creator kept', async () => {
    const device = await t.login('conseiller');
    const person = youngPerson({ id: randomUUID() });
    const batch = [t.nextCreate(device, person), contactAttempt(device, person.id, 'message_laisse')];
    batch.push(contactAttempt(device, person.id));
    const before = await t.counts();

    const response = await t.pushOk(device, batch);

    expect(response.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await t.counts()).records - before.records).toBe(3);
    const stored = await row(person.id);
    expect(stored).toMatchObject({ status: 'joint', createdBy: AGENTS.conseiller.id, updatedBy: null });
    // Message left (contact en cours), then reached (joint): the last move is a version after the last attempt.
    expect(stored!.version).toBeGreaterThan(response.results[2]!.version!);
    const { changes } = await t.pullAll(device);
    expect(changes.find((change) => change.id === person.id)?.data?.status).toBe('joint');
    await expectClockAtLastVersion();
  });

  it('applies an edit after a creation of the same record in the batch, and a second edit on the first', async () => {
    const device = await t.login('conseiller');
    const person = youngPerson({ id: randomUUID() });
    const create = t.nextCreate(device, person);
    const response = await t.pushOk(device, [create]);
    const created = response.results[0]!.version!;
    const batch: Mutation[] = [
      nextEdit(device, 'youngPerson', person.id, created, { commune: 'Roubaix' }),
      nextEdit(device, 'youngPerson', person.id, created, { phone: '06 39 98 00 02' }),
    ];

    const edits = await t.pushOk(device, batch);

    expect(edits.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const stored = await t.storedRecord(person.id);
    expect(stored?.data).toMatchObject({ commune: 'Roubaix', phone: '06 39 98 00 02' });
    expect(stored?.version).toBe(edits.results[1]!.version);
    await expectClockAtLastVersion();
  });

  it('keeps every mutation of a batch mixing notes, a contract that names a tutor and a deletion', async () => {
    const device = await t.login('conseiller');
    const alice = PEOPLE.alice.id;
    const mistake = youngPerson({ id: randomUUID(), lastName: 'Erreur' });
    const contract = contractFor(alice, { tutorId: AGENTS.tuteur.id, tutorName: AGENTS.tuteur.displayName });
    const created = await t.pushOk(device, [t.nextCreate(device, mistake)]);
    const before = await t.counts();
    const batch: Mutation[] = [
      contactAttempt(device, alice),
      nextCreate(device, 'contract', contract),
      nextCreate(device, 'meeting', followUpPoint(alice, device.agent.id)),
      nextDelete(device, 'youngPerson', mistake.id, created.results[0]!.version!),
      contactAttempt(device, alice, 'injoignable'),
    ];

    const response = await t.pushOk(device, batch);

    expect(response.results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect((await t.counts()).records - before.records).toBe(4);
    expect((await row(mistake.id))?.deleted).toBe(true);
    const tutors = await t.db.query<{ agentId: string }>(
      'SELECT agent_id AS "agentId" FROM case_tutors WHERE case_id = $1',
      [alice],
    );
    expect(tutors.map((tutor) => tutor.agentId)).toEqual([AGENTS.tuteur.id]);
    // The tutor now sees the whole case, the notes written around the contract included.
    const tuteur = await t.login('tuteur');
    const seen = new Set((await t.pullAll(tuteur)).changes.map((change) => change.id));
    for (const mutation of batch.filter((m) => m.op === 'create')) expect(seen.has(mutation.recordId)).toBe(true);
    await expectClockAtLastVersion();
  });

  it('writes nothing of a batch refused as a whole', async () => {
    const device = await t.login('conseiller');
    await t.pushOk(device, [contactAttempt(device, PEOPLE.alice.id)]);
    const before = await t.counts();
    const clashing = { ...contactAttempt(device, PEOPLE.alice.id), seq: 1 }; // number 1 is another mutation

    const response = await t.push(device, [clashing, contactAttempt(device, PEOPLE.bastien.id)]);

    expect(response.statusCode).toBe(409);
    expect(await t.counts()).toEqual(before);
    await expectClockAtLastVersion();
  });

  it('reaches the database in a few statements whatever the size of the batch: locks, look-ups, then one write', async () => {
    const device = await t.login('conseiller');
    const statements: string[] = [];
    const counting: Database = {
      ...t.db,
      transaction: (work) =>
        t.db.transaction((tx) =>
          work({
            query: (sql, params) => (statements.push(sql), tx.query(sql, params)),
            script: (sql) => (statements.push(sql), tx.script(sql)),
          }),
        ),
    };
    const actor = {
      agentId: device.agent.id,
      deviceId: device.deviceId,
      role: 'conseiller' as const,
      platformId: PLATFORM.id,
    };
    const batchOf = (people: number) =>
      Array.from({ length: people }, () => {
        const person = youngPerson({ id: randomUUID() });
        return [t.nextCreate(device, person), contactAttempt(device, person.id), contactAttempt(device, person.id)];
      }).flat();

    for (const people of [2, 20]) {
      statements.length = 0;
      const batch = batchOf(people);
      const response = await pushMutations(
        counting,
        actor,
        { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations: batch },
        systemClock,
      );

      expect(response.results.every((result) => result.status === 'applied')).toBe(true);
      // The device and clock locked; ids processed elsewhere; the records named, read and locked; the end written.
      expect(statements, statements.join('\n---\n')).toHaveLength(4);
      expect(statements.at(-1)).toMatch(/INSERT INTO mutations[\s\S]*UPDATE devices/);
    }
    await expectClockAtLastVersion();
    expect(
      (await t.pullAll(device)).changes.filter((change) => change.entity === 'contactAttempt').length,
    ).toBeGreaterThanOrEqual(44);
  });
});
