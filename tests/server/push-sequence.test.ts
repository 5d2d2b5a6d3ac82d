import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { youngPerson } from '../support/server/fixture';
import { createMutation, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

describe.each(backends)('device numbering of mutations on %s', (backend) => {
  const t = useTestApp(backend);

  it('defers mutations after a missing number and applies nothing of them', async () => {
    const device = await t.login('conseiller');
    const one = createMutation(1, youngPerson({ id: randomUUID() }));
    const three = createMutation(3, youngPerson({ id: randomUUID() }));
    const four = createMutation(4, youngPerson({ id: randomUUID() }));

    const response = await t.pushOk(device, [one, three, four]);

    expect(response.lastSeq).toBe(1);
    expect(response.results.map((result) => [result.seq, result.status])).toEqual([
      [1, 'applied'],
      [3, 'deferred'],
      [4, 'deferred'],
    ]);
    expect(response.results[1]?.version).toBeUndefined();
    expect(await t.storedRecord(three.recordId)).toBeUndefined();
    expect(await t.storedRecord(four.recordId)).toBeUndefined();
    const logged = await t.db.query<{ seq: number }>('SELECT seq FROM mutations WHERE device_id = $1', [
      device.deviceId,
    ]);
    expect(logged.map((row) => row.seq)).toEqual([1]);

    // Once the missing one arrives, the deferred ones apply, in order.
    const two = createMutation(2, youngPerson({ id: randomUUID() }));
    const resent = await t.pushOk(device, [four, two, three]);
    expect(resent.lastSeq).toBe(4);
    expect(resent.results.map((result) => [result.seq, result.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
  });

  it('defers a first push that does not start at 1', async () => {
    const device = await t.login('conseiller');
    const response = await t.pushOk(device, [createMutation(2, youngPerson({ id: randomUUID() }))]);
    expect(response).toEqual({ lastSeq: 0, results: [expect.objectContaining({ seq: 2, status: 'deferred' })] });
  });

  it('refuses with 409 a used number sent with another mutation id, and writes nothing of the batch', async () => {
    const device = await t.login('conseiller');
    await t.pushOk(device, [createMutation(1, youngPerson({ id: randomUUID() }))]);
    const before = await t.counts();

    const impostor = createMutation(1, youngPerson({ id: randomUUID() }));
    const fresh = createMutation(2, youngPerson({ id: randomUUID() }));
    const response = await t.push(device, [impostor, fresh]);

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'sequence_mismatch' });
    expect(await t.counts()).toEqual(before);
    expect(await t.storedRecord(fresh.recordId)).toBeUndefined();
  });

  it('keeps the numbers of two devices apart', async () => {
    const tablet = await t.login('conseiller');
    const laptop = await t.login('conseiller');
    const a = await t.pushOk(tablet, [createMutation(1, youngPerson({ id: randomUUID() }))]);
    const b = await t.pushOk(laptop, [createMutation(1, youngPerson({ id: randomUUID() }))]);
    expect([a.results[0]?.status, b.results[0]?.status]).toEqual(['applied', 'applied']);
  });
});
