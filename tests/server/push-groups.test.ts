import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Mutation, type PushResponse } from '../../src/domain/sync-messages';
import type { Actor } from '../../src/server/auth/actor';
import { HttpError } from '../../src/server/http/http-error';
import { pushGroups } from '../../src/server/sync/push-groups';
import { youngPerson } from '../support/server/fixture';
import { useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * Pushes of one platform that arrive while another is at work wait in the
 * endpoint and commit together (push-groups.ts). Each device must get the
 * answer it would have had alone, and a failure must stay its own.
 *
 * The pushes are handed to the queue directly, all in the same tick: the
 * first starts alone and the others wait behind it, on both backends.
 */
describe.each(backends)('pushes of one platform grouped on %s', (backend) => {
  const t = useTestApp(backend);

  const actorOf = (device: Device): Actor => ({
    agentId: device.agent.id,
    deviceId: device.deviceId,
    role: device.agent.role,
    platformId: device.agent.platformId,
  });

  const creations = (device: Device, count: number): Mutation[] =>
    Array.from({ length: count }, () =>
      t.nextCreate(device, youngPerson({ id: randomUUID(), referentId: device.agent.id })),
    );

  async function devices(count: number): Promise<Device[]> {
    const logged: Device[] = [];
    for (let index = 0; index < count; index += 1) logged.push(await t.login('conseiller', `Tablette ${index}`));
    return logged;
  }

  /** Every push handed over in the same tick; their outcomes in the same order. */
  function pushAtOnce(pushes: { device: Device; mutations: Mutation[] }[], maxGroupMutations?: number) {
    const push = pushGroups(t.db, t.time.clock, maxGroupMutations);
    return Promise.allSettled(
      pushes.map(({ device, mutations }) =>
        push(actorOf(device), { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations }),
      ),
    );
  }

  const answered = (outcome: PromiseSettledResult<PushResponse>): PushResponse => {
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  };

  /** How many of these records each transaction wrote (by xmin), fewest first. */
  async function recordsPerTransaction(ids: readonly string[]): Promise<number[]> {
    const rows = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM records WHERE id = ANY($1::uuid[]) GROUP BY xmin ORDER BY n',
      [ids],
    );
    return rows.map((row) => row.n);
  }

  it('commits the pushes waiting behind another in one transaction, each answered as if alone', async () => {
    const pushing = await devices(5);
    const batches = pushing.map((device) => ({ device, mutations: creations(device, 2) }));

    const answers = (await pushAtOnce(batches)).map(answered);

    for (const [index, answer] of answers.entries()) {
      expect(answer.lastSeq).toBe(2);
      expect(answer.results.map((result) => [result.mutationId, result.status])).toEqual(
        batches[index]!.mutations.map((mutation) => [mutation.mutationId, 'applied']),
      );
    }
    const versions = answers.flatMap((answer) => answer.results.map((result) => result.version!));
    const first = versions[0]!;
    expect(versions).toEqual(Array.from({ length: 10 }, (_, index) => first + index)); // in arrival order, none twice
    const ids = batches.flatMap(({ mutations }) => mutations.map((mutation) => mutation.recordId));
    expect(await recordsPerTransaction(ids)).toEqual([2, 8]); // the first alone, the four behind it together
    const logged = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mutations WHERE device_id = ANY($1::uuid[])',
      [pushing.map((device) => device.deviceId)],
    );
    expect(logged[0]?.n).toBe(10);
  });

  it('closes a group before it holds more mutations than its limit', async () => {
    const pushing = await devices(4);
    const batches = pushing.map((device) => ({ device, mutations: creations(device, 2) }));

    const answers = (await pushAtOnce(batches, 4)).map(answered);

    expect(answers.map((answer) => answer.lastSeq)).toEqual([2, 2, 2, 2]);
    const ids = batches.flatMap(({ mutations }) => mutations.map((mutation) => mutation.recordId));
    // The first alone; the next two together (4 mutations); the last would make 6, so it waits for a group of its own.
    expect(await recordsPerTransaction(ids)).toEqual([2, 2, 4]);
  });

  it('answers a push refused inside a group to its own device only; the others apply', async () => {
    const [first, good, refused, alsoGood] = await devices(4);
    // The refused device already sent its number 1; it now sends another mutation under that number.
    await t.pushOk(refused!, creations(refused!, 1));
    refused!.lastSeq = 0;
    const batches = [first!, good!, refused!, alsoGood!].map((device) => ({ device, mutations: creations(device, 1) }));

    const outcomes = await pushAtOnce(batches);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const refusal = (outcomes[2] as PromiseRejectedResult).reason as unknown;
    expect(refusal).toBeInstanceOf(HttpError);
    expect((refusal as HttpError).statusCode).toBe(409);
    const ids = [batches[1]!, batches[3]!].map(({ mutations }) => mutations[0]!.recordId);
    expect(await recordsPerTransaction(ids)).toEqual([1, 1]); // the group rolled back; each ran again alone
    expect((await t.storedRecord(batches[2]!.mutations[0]!.recordId)) ?? null).toBeNull();
  });

  it("keeps a device's later pushes for the next groups, where they see the first as processed", async () => {
    const [first, device, other] = await devices(3);
    const batch = creations(device!, 2);
    const next = creations(device!, 1); // number 3, sent while the first two still wait (another tab)

    const [, original, retry, following, third] = (
      await pushAtOnce([
        { device: first!, mutations: creations(first!, 1) },
        { device: device!, mutations: batch },
        { device: device!, mutations: batch },
        { device: device!, mutations: next },
        { device: other!, mutations: creations(other!, 1) },
      ])
    ).map(answered);

    expect(retry).toEqual(original);
    expect(following!.results.map((result) => [result.seq, result.status])).toEqual([[3, 'applied']]);
    expect(following!.lastSeq).toBe(3);
    expect(third!.results.map((result) => result.status)).toEqual(['applied']);
    const logged = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE device_id = $1', [
      device!.deviceId,
    ]);
    expect(logged[0]?.n).toBe(3);
  });

  it('are grouped behind the endpoint: devices syncing at once through HTTP all get their answers', async () => {
    const pushing = await devices(6);
    const batches = pushing.map((device) => creations(device, 3));

    const responses = await Promise.all(pushing.map((device, index) => t.push(device, batches[index]!)));

    expect(responses.map((response) => response.statusCode)).toEqual(pushing.map(() => 200));
    const versions = responses.flatMap((response) =>
      response.json<PushResponse>().results.map((result) => result.version!),
    );
    expect(new Set(versions).size).toBe(18);
  });
});
