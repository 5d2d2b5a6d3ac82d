import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RecordChange } from '../../src/domain/sync-messages';
import { PEOPLE, PLATFORM, youngPerson } from '../support/server/fixture';
import { useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(backends)('pull paging on %s', (backend) => {
  const t = useTestApp(backend);

  it('pages with hasMore and a cursor, giving every record once, in version order', async () => {
    const coordinator = await t.login('coordinateur');
    const created = [1, 2, 3].map(() => youngPerson({ id: randomUUID(), referentId: null }));
    const alice = (await t.storedRecord(PEOPLE.alice.id))!;
    await t.pushOk(coordinator, [
      ...created.map((person) => t.nextCreate(coordinator, person)),
      t.nextUpdate(coordinator, PEOPLE.alice.id, alice.version, { commune: 'Lens' }), // Alice moves to the end
    ]);
    const expected = await t.db.query<{ id: string; version: number }>(
      'SELECT id, version FROM records WHERE platform_id = $1 ORDER BY version',
      [PLATFORM.id],
    );
    expect(expected).toHaveLength(7);

    const pages: RecordChange[][] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await t.pullOk(coordinator, { cursor, limit: 2 });
      pages.push(page.changes);
      expect(page.cursor).toEqual(expect.any(String));
      cursor = page.cursor;
      if (!page.hasMore) break;
      expect(page.changes).toHaveLength(2);
      expect(pages.length).toBeLessThan(10);
    }

    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    const seen = pages.flat().map((change) => ({ id: change.id, version: change.version }));
    expect(seen).toEqual(expected);
    expect(seen.at(-1)).toEqual({ id: PEOPLE.alice.id, version: expect.any(Number) });
    expect(pages.flat().at(-1)?.data?.commune).toBe('Lens');

    // The last cursor stays at the end until something changes.
    const atEnd = await t.pullOk(coordinator, { cursor, limit: 2 });
    expect(atEnd).toMatchObject({ changes: [], hasMore: false, cursor });
  });

  it('sends each change as the record stands: its data whole, its time as an ISO instant, its author', async () => {
    const conseiller = await t.login('conseiller');
    const alice = (await t.storedRecord(PEOPLE.alice.id))!;
    t.time.advance(1_234); // a time with milliseconds
    await t.pushOk(conseiller, [t.nextUpdate(conseiller, PEOPLE.alice.id, alice.version, { commune: 'Liévin' })]);
    const [stored] = await t.db.query<{ data: Record<string, unknown>; updatedAt: Date; version: number }>(
      'SELECT data, updated_at AS "updatedAt", version FROM records WHERE id = $1',
      [PEOPLE.alice.id],
    );

    const { changes } = await t.pullAll(conseiller);

    const change = changes.find((candidate) => candidate.id === PEOPLE.alice.id);
    expect(change).toEqual({
      entity: 'youngPerson',
      id: PEOPLE.alice.id,
      version: stored!.version,
      op: 'upsert',
      data: stored!.data,
      updatedAt: new Date(stored!.updatedAt).toISOString(),
      updatedBy: conseiller.agent.id,
    });
    expect(change!.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('does not announce a further page when the last one is exactly full', async () => {
    const coordinator = await t.login('coordinateur');
    const first = await t.pullOk(coordinator, { limit: 2 });
    const second = await t.pullOk(coordinator, { cursor: first.cursor, limit: 2 });
    expect([first.hasMore, second.hasMore]).toEqual([true, false]);
    expect([...first.changes, ...second.changes]).toHaveLength(4);
  });

  it.each([
    ['not base64 JSON', 'n0t-a-cursor'],
    ['JSON of the wrong shape', cursorOf({ version: 3 })],
    ['a negative version', cursorOf({ p: PLATFORM.id, v: -1 })],
  ])('answers 400 to an invalid cursor (%s)', async (_label, cursor) => {
    const coordinator = await t.login('coordinateur');
    const response = await t.pull(coordinator, { cursor });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_cursor', message: 'Curseur de synchronisation invalide' });
  });

  it('starts over with a cursor read on another platform', async () => {
    const coordinator = await t.login('coordinateur');
    const elsewhere = await t.login('conseillerAilleurs');
    const { cursor } = await t.pullAll(coordinator);
    const response = await t.pullOk(elsewhere, { cursor });
    expect(response.changes.map((change) => change.id)).toEqual([PEOPLE.emma.id]);
  });
});
