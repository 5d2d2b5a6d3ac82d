import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { readLastContacts } from '../../src/app/db/last-contacts';

const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

function attempt(youngPersonId: string, occurredAt: string) {
  return {
    id: crypto.randomUUID(),
    youngPersonId,
    authorId: AGENT,
    occurredAt,
    channel: 'telephone' as const,
    target: 'jeune' as const,
    guardianName: '',
    result: 'joint' as const,
    note: '',
    serverVersion: 1,
    serverUpdatedAt: null,
  };
}

describe('the last contact of every young person, read from the index keys', () => {
  let db: RaccrocheDatabase;

  beforeEach(() => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('is empty without any contact attempt', async () => {
    expect(await readLastContacts(db)).toEqual(new Map());
  });

  it('is the latest attempt of each person, whatever the order they were stored in', async () => {
    const [a, b, c] = ['a1', 'b2', 'c3'];
    await db.contactAttempts.bulkAdd([
      attempt(b, '2026-11-02T09:00:00.000Z'),
      attempt(a, '2026-11-20T09:00:00.000Z'),
      attempt(b, '2026-11-28T16:30:00.000Z'),
      attempt(a, '2026-10-01T09:00:00.000Z'),
      attempt(c, '2026-09-15T08:00:00.000Z'),
      attempt(b, '2026-11-10T09:00:00.000Z'),
    ]);
    expect(await readLastContacts(db)).toEqual(
      new Map([
        [c, '2026-09-15T08:00:00.000Z'],
        [b, '2026-11-28T16:30:00.000Z'],
        [a, '2026-11-20T09:00:00.000Z'],
      ]),
    );
  });

  it('tells people whose ids start alike apart', async () => {
    await db.contactAttempts.bulkAdd([
      attempt('abc', '2026-11-01T09:00:00.000Z'),
      attempt('ab', '2026-11-05T09:00:00.000Z'),
      attempt('abcd', '2026-10-01T09:00:00.000Z'),
    ]);
    const found = await readLastContacts(db);
    expect(Object.fromEntries(found)).toEqual({
      ab: '2026-11-05T09:00:00.000Z',
      abc: '2026-11-01T09:00:00.000Z',
      abcd: '2026-10-01T09:00:00.000Z',
    });
  });
});
