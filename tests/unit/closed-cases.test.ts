import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeExpiredClosedCases } from '../../src/app/db/closed-cases';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { writeMeta } from '../../src/app/db/meta';
import { createRecord, updateRecord } from '../../src/app/db/records';
import type { ContactAttempt } from '../../src/domain/case-records';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

/** Closed cases leave the device after the endpoint's delay, with their records, never with unsent work. */
describe('removing the closed cases of the device', () => {
  let db: RaccrocheDatabase;

  beforeEach(async () => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });
  afterEach(async () => {
    await db.delete();
  });

  /** A case as the endpoint sent it (synced), with one contact attempt. */
  async function syncedCase(
    overrides: Partial<YoungPerson>,
  ): Promise<{ person: YoungPerson; contact: ContactAttempt }> {
    const person: YoungPerson = {
      ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
      lastName: 'Durand',
      firstNames: 'Zoé',
      birthDate: '2009-01-01',
      ...overrides,
    };
    const contact: ContactAttempt = {
      id: crypto.randomUUID(),
      youngPersonId: person.id,
      authorId: AGENT,
      occurredAt: '2026-08-01T09:00:00.000Z',
      channel: 'telephone',
      target: 'jeune',
      guardianName: '',
      result: 'joint',
      note: 'Rappel',
    };
    const synced = { serverVersion: 3, serverUpdatedAt: '2026-08-01T09:00:00.000Z' };
    await db.youngPeople.put({ ...person, ...synced });
    await db.contactAttempts.put({ ...contact, ...synced });
    return { person, contact };
  }
  const closedOn = (date: string) => ({ status: 'clos' as const, outcome: 'emploi' as const, closedOn: date });

  it('removes a case closed more than N days ago with its records, and keeps the others', async () => {
    const old = await syncedCase(closedOn('2026-08-31'));
    const recent = await syncedCase(closedOn('2026-09-20'));
    const open = await syncedCase({ status: 'en_solution' });

    expect(await removeExpiredClosedCases(db, 30, '2026-10-05')).toEqual([old.person.id]);

    expect(await db.youngPeople.get(old.person.id)).toBeUndefined();
    expect(await db.contactAttempts.get(old.contact.id)).toBeUndefined();
    expect((await db.youngPeople.toArray()).map((person) => person.id).sort()).toEqual(
      [recent.person.id, open.person.id].sort(),
    );
    expect(await db.contactAttempts.count()).toBe(2);
  });

  it('keeps a closed case while a change of it waits to be sent, and removes it once sent', async () => {
    const { person } = await syncedCase(closedOn('2026-01-15'));
    await createRecord(db, 'meeting', {
      id: crypto.randomUUID(),
      youngPersonId: person.id,
      authorId: AGENT,
      kind: 'entretien',
      date: '2026-01-10',
      place: '',
      participants: '',
      notes: 'Saisi hors ligne avant la clôture',
      nextSteps: '',
      contractId: '',
      attendance: '',
    });
    expect(await removeExpiredClosedCases(db, 30, '2026-10-05')).toEqual([]);
    expect(await db.meetings.count()).toBe(1);

    await db.outbox.clear(); // the endpoint accepted it
    expect(await removeExpiredClosedCases(db, 30, '2026-10-05')).toEqual([person.id]);
    expect(await db.meetings.count()).toBe(0);
  });

  it('counts a refused change as unsent: the case stays until the user corrects or abandons it', async () => {
    const { person } = await syncedCase(closedOn('2026-01-15'));
    await updateRecord(db, 'youngPerson', { ...person, closingComment: 'Précision' });
    await db.outbox.toCollection().modify({ state: 'rejected', reason: 'Refusé' });
    expect(await removeExpiredClosedCases(db, 30, '2026-10-05')).toEqual([]);
    expect(await db.youngPeople.get(person.id)).toBeDefined();
  });
});
