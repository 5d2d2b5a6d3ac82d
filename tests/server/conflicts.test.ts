import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONFLICT_ALREADY_RESOLVED, type Conflict } from '../../src/domain/conflict';
import type { Mutation } from '../../src/domain/sync-messages';
import { AGENTS, PEOPLE } from '../support/server/fixture';
import { useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * A same-field clash is kept as a conflict record of the case, holding both
 * values and their authors, sent to whoever sees the case, until a person
 * resolves it.
 */
describe.each(backends)('conflict records on %s', (backend) => {
  const t = useTestApp(backend);
  const alice = PEOPLE.alice.id;

  function update(
    device: Device,
    entity: Mutation['entity'],
    id: string,
    base: number,
    changes: Record<string, unknown>,
  ): Mutation {
    device.lastSeq += 1;
    return {
      mutationId: randomUUID(),
      seq: device.lastSeq,
      entity,
      recordId: id,
      op: 'update',
      baseVersion: base,
      changes,
    };
  }

  async function clash(): Promise<{ tablet: Device; desk: Device; conflict: Conflict & { version: number } }> {
    const tablet = await t.login('conseiller');
    const desk = await t.login('coordinateur');
    const base = (await t.storedRecord(alice))!.version;
    await t.pushOk(desk, [update(desk, 'youngPerson', alice, base, { phone: '06 39 98 11 11' })]);
    const [result] = (await t.pushOk(tablet, [update(tablet, 'youngPerson', alice, base, { phone: '06 39 98 22 22' })]))
      .results;
    expect(result?.status).toBe('conflict');
    const pulled = (await t.pullAll(tablet)).changes.filter((change) => change.entity === 'conflict');
    expect(pulled).toHaveLength(1);
    return { tablet, desk, conflict: { ...(pulled[0]!.data as Conflict), version: pulled[0]!.version } };
  }

  it('records both values, their authors and the field, and sends it to the devices that see the case', async () => {
    const { conflict } = await clash();
    expect(conflict).toMatchObject({
      youngPersonId: alice,
      recordEntity: 'youngPerson',
      recordId: alice,
      field: 'phone',
      keptValue: '06 39 98 11 11',
      keptAuthorId: AGENTS.coordinateur.id,
      otherValue: '06 39 98 22 22',
      otherAuthorId: AGENTS.conseiller.id,
      status: 'ouvert',
    });
    expect((await t.storedRecord(alice))?.data.phone).toBe('06 39 98 11 11');
    const mlds = await t.login('mlds');
    expect((await t.pullAll(mlds)).changes.some((change) => change.entity === 'conflict')).toBe(false);
  });

  it('is resolved once, from a device: the endpoint writes the chosen value with the resolution, atomically', async () => {
    const { tablet, desk, conflict } = await clash();
    const resolution = {
      status: 'resolu',
      resolution: 'remplacee',
      resolvedValue: conflict.otherValue,
      resolvedBy: AGENTS.conseiller.id,
      resolvedAt: '2026-10-05T09:00:00.000Z',
    };
    const [resolved] = (await t.pushOk(tablet, [update(tablet, 'conflict', conflict.id, conflict.version, resolution)]))
      .results;
    expect(resolved?.status).toBe('applied');
    expect((await t.storedRecord(alice))?.data.phone).toBe('06 39 98 22 22');
    expect((await t.storedRecord(conflict.id))?.data).toMatchObject(resolution);

    // A colleague's late resolution is refused, and does not touch the record either.
    const [again] = (
      await t.pushOk(desk, [
        update(desk, 'conflict', conflict.id, conflict.version, {
          ...resolution,
          resolution: 'saisie',
          resolvedValue: '06 39 98 33 33',
        }),
      ])
    ).results;
    expect(again).toMatchObject({ status: 'rejected', reason: CONFLICT_ALREADY_RESOLVED });
    expect((await t.storedRecord(alice))?.data.phone).toBe('06 39 98 22 22');
  });

  it('refuses a resolution whose value the record cannot take, and writes nothing', async () => {
    const { tablet, conflict } = await clash();
    const [refused] = (
      await t.pushOk(tablet, [
        update(tablet, 'conflict', conflict.id, conflict.version, {
          status: 'resolu',
          resolution: 'saisie',
          resolvedValue: 'pas un numéro',
          resolvedBy: AGENTS.conseiller.id,
          resolvedAt: '2026-10-05T09:00:00.000Z',
        }),
      ])
    ).results;
    expect(refused?.status).toBe('rejected');
    expect((await t.storedRecord(conflict.id))?.data.status).toBe('ouvert');
    expect((await t.storedRecord(alice))?.data.phone).toBe('06 39 98 11 11');
  });

  it('is never created by a device', async () => {
    const tablet = await t.login('conseiller');
    tablet.lastSeq += 1;
    const id = randomUUID();
    const [result] = (
      await t.pushOk(tablet, [
        {
          mutationId: randomUUID(),
          seq: tablet.lastSeq,
          entity: 'conflict',
          recordId: id,
          op: 'create',
          data: {
            id,
            youngPersonId: alice,
            recordEntity: 'youngPerson',
            recordId: alice,
            field: 'phone',
            keptValue: 'a',
            keptAuthorId: '',
            otherValue: 'b',
            otherAuthorId: AGENTS.conseiller.id,
            occurredAt: '2026-10-05T09:00:00.000Z',
            status: 'ouvert',
            resolution: '',
            resolvedValue: null,
            resolvedBy: '',
            resolvedAt: '',
          },
        },
      ])
    ).results;
    expect(result?.status).toBe('rejected');
  });
});
