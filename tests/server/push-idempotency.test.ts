import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PEOPLE, youngPerson } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

describe.each(backends)('a push sent twice on %s', (backend) => {
  const t = useTestApp(backend);

  it('is applied once: the retry gets the same results and changes nothing', async () => {
    const device = await t.login('conseiller');
    const person = youngPerson({ id: randomUUID() });
    const base = (await t.storedRecord(PEOPLE.alice.id))!.version;
    const batch = [t.nextCreate(device, person), t.nextUpdate(device, PEOPLE.alice.id, base, { commune: 'Roubaix' })];

    const first = await t.push(device, batch);
    expect(first.statusCode).toBe(200);
    const before = await t.counts();
    const aliceBefore = await t.storedRecord(PEOPLE.alice.id);
    const personBefore = await t.storedRecord(person.id);

    // The response was lost; the device sends the same batch again, later.
    t.time.advance(60_000);
    const retry = await t.push(device, batch);

    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await t.counts()).toEqual(before);
    expect(await t.storedRecord(PEOPLE.alice.id)).toEqual(aliceBefore);
    expect(await t.storedRecord(person.id)).toEqual(personBefore);
    const logged = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE device_id = $1', [
      device.deviceId,
    ]);
    expect(logged[0]?.n).toBe(2);
  });

  it('applies only the new mutations of a retry that carries more', async () => {
    const device = await t.login('conseiller');
    const first = t.nextCreate(device, youngPerson({ id: randomUUID() }));
    await t.pushOk(device, [first]);
    const version = (await t.storedRecord(first.recordId))!.version;
    const second = t.nextUpdate(device, first.recordId, version, { commune: 'Tourcoing' });

    const response = await t.pushOk(device, [first, second]);

    expect(response.results.map((result) => [result.seq, result.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
    ]);
    expect(response.lastSeq).toBe(2);
    const rows = await t.db.query<{ seq: number }>('SELECT seq FROM mutations WHERE device_id = $1 ORDER BY seq', [
      device.deviceId,
    ]);
    expect(rows.map((row) => row.seq)).toEqual([1, 2]);
    expect((await t.storedRecord(first.recordId))?.data.commune).toBe('Tourcoing');
  });

  it('answers two identical pushes racing each other with one application', async () => {
    const device = await t.login('conseiller');
    const batch = [t.nextCreate(device, youngPerson({ id: randomUUID() }))];
    const before = await t.counts();

    const [a, b] = await Promise.all([t.push(device, batch), t.push(device, batch)]);

    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    const after = await t.counts();
    expect(after.records - before.records).toBe(1);
    expect(after.mutations - before.mutations).toBe(1);
  });
});
