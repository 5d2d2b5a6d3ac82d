import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  refreshResponseSchema,
  pushResponseSchema,
  type Mutation,
} from '../../src/domain/sync-messages';
import { PEOPLE } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * Two helpers of the protocol: fetching the server copy of given records
 * (within scope only), and replaying another device's mutations from an
 * emergency export (same agent only, each applied once).
 */
describe.each(backends)('refresh and replay on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;
  const chloe = PEOPLE.chloe.id; // the MLDS coordinator's

  const refresh = (device: Device, ids: string[]) =>
    t.inject({
      method: 'POST',
      url: '/api/sync/records',
      headers: bearer(device.token),
      payload: { protocolVersion: PROTOCOL_VERSION, ids },
    });
  const replay = (device: Device, deviceId: string, mutations: Mutation[]) =>
    t.inject({
      method: 'POST',
      url: '/api/sync/replay',
      headers: bearer(device.token),
      payload: { protocolVersion: PROTOCOL_VERSION, deviceId, mutations },
    });

  it('gives the server copy of records in scope, and tells the others as evicted, without their content', async () => {
    const device = await t.login('conseiller');
    const response = await refresh(device, [alice, chloe, randomUUID()]);
    expect(response.statusCode).toBe(200);
    const { changes } = refreshResponseSchema.parse(response.json());
    expect(changes).toHaveLength(2);
    expect(changes.find((change) => change.id === alice)).toMatchObject({ op: 'upsert', data: { lastName: 'Arnaud' } });
    expect(changes.find((change) => change.id === chloe)).toMatchObject({ op: 'evict', data: null });
    expect((await refresh(device, [])).statusCode).toBe(400);
  });

  it('replays the mutations of another device of the same agent once, and refuses those of another agent', async () => {
    const lost = await t.login('conseiller');
    const base = (await t.storedRecord(alice))!.version;
    const sent = t.nextUpdate(lost, alice, base, { commune: 'Valenciennes' });
    const unsent = t.nextUpdate(lost, alice, base, { address: '9 rue du Secours' });
    await t.pushOk(lost, [sent]); // the first one had reached the endpoint before the tablet was lost

    const spare = await t.login('conseiller');
    const first = await replay(spare, lost.deviceId, [sent, unsent]);
    expect(first.statusCode).toBe(200);
    expect(pushResponseSchema.parse(first.json()).results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
    ]);
    const again = await replay(spare, lost.deviceId, [sent, unsent]);
    expect(pushResponseSchema.parse(again.json()).results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
    ]);
    const logged = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE device_id = $1', [
      lost.deviceId,
    ]);
    expect(logged[0]?.n).toBe(2);
    expect((await t.storedRecord(alice))?.data).toMatchObject({ commune: 'Valenciennes', address: '9 rue du Secours' });

    const stranger = await t.login('coordinateur');
    expect((await replay(stranger, lost.deviceId, [sent])).statusCode).toBe(403);
  });

  it('answers a mutation sent again under another device and number (same id) with its first result, once', async () => {
    const old = await t.login('conseiller');
    const base = (await t.storedRecord(alice))!.version;
    const edit = t.nextUpdate(old, alice, base, { commune: 'Maubeuge' });
    const [first] = (await t.pushOk(old, [edit])).results;

    const renewed = await t.login('conseiller'); // a new device: the pending mutation renumbered from 1
    const renumbered = { ...edit, seq: 1 };
    const [again] = (await t.pushOk(renewed, [renumbered])).results;
    expect(again).toMatchObject({
      status: first!.status,
      version: first!.version,
      seq: 1,
      mutationId: edit.mutationId,
    });
    const [retried] = (await t.pushOk(renewed, [renumbered])).results; // and its own retry too
    expect(retried).toMatchObject({ status: first!.status, version: first!.version });
    const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE mutation_id = $1', [
      edit.mutationId,
    ]);
    expect(rows[0]?.n).toBe(1);
    expect((await t.storedRecord(alice))?.version).toBe(first!.version);
  });
});
