import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AGENTS, youngPerson } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

describe.each(backends)('push then pull on %s', (backend) => {
  const t = useTestApp(backend);

  it('returns a created young person to the next pull, then its edit', async () => {
    const device = await t.login('conseiller');
    const { cursor } = await t.pullAll(device);
    const person = youngPerson({ id: randomUUID(), lastName: 'Nouveau', firstNames: 'Noé', ine: '1234567890a' });

    const created = await t.pushOk(device, [t.nextCreate(device, person)]);
    expect(created.lastSeq).toBe(1);
    expect(created.results).toEqual([
      expect.objectContaining({ seq: 1, status: 'applied', version: expect.any(Number) }),
    ]);
    const createdVersion = created.results[0]!.version!;

    const afterCreate = await t.pullAll(device, cursor);
    expect(afterCreate.changes).toEqual([
      {
        entity: 'youngPerson',
        id: person.id,
        version: createdVersion,
        op: 'upsert',
        data: { ...person, ine: '1234567890A' }, // stored as validated: INE upper-cased
        updatedAt: expect.any(String),
        updatedBy: AGENTS.conseiller.id,
      },
    ]);

    const edited = await t.pushOk(device, [
      t.nextUpdate(device, person.id, createdVersion, { phone: '06 39 98 12 34', status: 'contact_en_cours' }),
    ]);
    expect(edited.results).toEqual([expect.objectContaining({ seq: 2, status: 'applied' })]);
    const editedVersion = edited.results[0]!.version!;
    expect(editedVersion).toBeGreaterThan(createdVersion);

    const afterEdit = await t.pullAll(device, afterCreate.cursor);
    expect(afterEdit.changes).toHaveLength(1);
    expect(afterEdit.changes[0]).toMatchObject({
      id: person.id,
      version: editedVersion,
      data: { ...person, ine: '1234567890A', phone: '06 39 98 12 34', status: 'contact_en_cours' },
    });

    // Nothing new after that: the cursor is at the end.
    expect((await t.pullAll(device, afterEdit.cursor)).changes).toEqual([]);
  });

  it('stamps changes with the server clock, not the device', async () => {
    t.time.set(new Date('2026-11-02T14:30:00.000Z'));
    const device = await t.login('conseiller');
    const { cursor } = await t.pullAll(device);
    const person = youngPerson({ id: randomUUID() });
    await t.pushOk(device, [t.nextCreate(device, person)]);

    const pulled = await t.pullOk(device, { cursor });
    expect(pulled.changes[0]?.updatedAt).toBe('2026-11-02T14:30:00.000Z');
    expect(pulled.serverTime).toBe('2026-11-02T14:30:00.000Z');
  });
});
