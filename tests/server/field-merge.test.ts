import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/** Alice is followed by the conseiller; the coordinator sees her too. Both devices start from the same version. */
describe.each(backends)('field merge of concurrent edits on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  async function twoDevicesOnSameBase() {
    const coordinator = await t.login('coordinateur');
    const conseiller = await t.login('conseiller');
    const base = (await t.storedRecord(alice))!.version;
    return { coordinator, conseiller, base };
  }

  it('applies edits of different fields from two devices, and keeps both', async () => {
    const { coordinator, conseiller, base } = await twoDevicesOnSameBase();

    const first = await t.pushOk(coordinator, [t.nextUpdate(coordinator, alice, base, { phone: '06 39 98 11 11' })]);
    const second = await t.pushOk(conseiller, [t.nextUpdate(conseiller, alice, base, { commune: 'Roubaix' })]);

    expect(first.results[0]?.status).toBe('applied');
    expect(second.results[0]?.status).toBe('applied');
    expect(second.results[0]?.conflicts).toBeUndefined();
    const pulled = (await t.pullAll(conseiller)).changes.find((change) => change.id === alice);
    expect(pulled?.data).toMatchObject({ phone: '06 39 98 11 11', commune: 'Roubaix' });
    expect(pulled?.version).toBe(second.results[0]?.version);
  });

  it('keeps the first value of a field edited on both, and returns both values as a conflict', async () => {
    const { coordinator, conseiller, base } = await twoDevicesOnSameBase();

    await t.pushOk(coordinator, [t.nextUpdate(coordinator, alice, base, { phone: '06 39 98 11 11' })]);
    const second = await t.pushOk(conseiller, [
      t.nextUpdate(conseiller, alice, base, { phone: '06 39 98 22 22', commune: 'Roubaix' }),
    ]);

    expect(second.results[0]).toMatchObject({
      status: 'conflict',
      version: expect.any(Number),
      conflicts: [{ field: 'phone', serverValue: '06 39 98 11 11', deviceValue: '06 39 98 22 22' }],
    });
    const stored = (await t.storedRecord(alice))!;
    expect(stored.data.phone).toBe('06 39 98 11 11');
    expect(stored.data.commune).toBe('Roubaix'); // the other field of the same edit is applied
    // The trail names the field in conflict (never values); the conflict record keeps both, for someone to resolve.
    const logged = await t.db.query<{ result: { conflicts: unknown[] } }>(
      'SELECT result FROM mutations WHERE device_id = $1',
      [conseiller.deviceId],
    );
    expect(logged[0]?.result.conflicts).toEqual([{ field: 'phone' }]);
    const [conflict] = await t.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM records WHERE entity = 'conflict'`,
    );
    expect(conflict?.data).toMatchObject({ keptValue: '06 39 98 11 11', otherValue: '06 39 98 22 22' });
  });

  it('does not report a conflict when both set the same value', async () => {
    const { coordinator, conseiller, base } = await twoDevicesOnSameBase();
    await t.pushOk(coordinator, [t.nextUpdate(coordinator, alice, base, { phone: '06 39 98 33 33' })]);
    const second = await t.pushOk(conseiller, [t.nextUpdate(conseiller, alice, base, { phone: '06 39 98 33 33' })]);
    expect(second.results[0]?.status).toBe('applied');
  });

  it('applies an edit made after seeing the colleague’s change', async () => {
    const { coordinator, conseiller, base } = await twoDevicesOnSameBase();
    const first = await t.pushOk(coordinator, [t.nextUpdate(coordinator, alice, base, { phone: '06 39 98 11 11' })]);
    const seen = first.results[0]!.version!;
    const second = await t.pushOk(conseiller, [t.nextUpdate(conseiller, alice, seen, { phone: '06 39 98 44 44' })]);
    expect(second.results[0]?.status).toBe('applied');
    expect((await t.storedRecord(alice))?.data.phone).toBe('06 39 98 44 44');
  });

  it('never puts a device in conflict with its own earlier edits', async () => {
    const { conseiller, base } = await twoDevicesOnSameBase();
    const response = await t.pushOk(conseiller, [
      t.nextUpdate(conseiller, alice, base, { phone: '06 39 98 55 55' }),
      t.nextUpdate(conseiller, alice, base, { phone: '06 39 98 66 66' }),
    ]);
    expect(response.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    expect((await t.storedRecord(alice))?.data.phone).toBe('06 39 98 66 66');
  });
});
