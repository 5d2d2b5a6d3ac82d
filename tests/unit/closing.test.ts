import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { createRecord } from '../../src/app/db/records';
import { useCaseWrites } from '../../src/app/composables/use-case-writes';
import { statusChangeSchema } from '../../src/domain/case-records';
import {
  CASE_CLOSED,
  closingChanges,
  closingReason,
  closingRefusal,
  closingSchema,
  closingStatusChange,
} from '../../src/domain/closing';
import { statusByHandSchema } from '../../src/domain/status-by-hand';
import { blankYoungPerson, youngPersonSchema, type YoungPerson } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

function person(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Hoarau',
    firstNames: 'Maëlys',
    birthDate: '2009-03-14',
    status: 'solution_proposee',
    ...overrides,
  };
}

const messageOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe('the closing of a case', () => {
  it('requires an outcome from the enumeration and a real date; the comment is optional', () => {
    expect(messageOf(closingSchema.safeParse({ outcome: '', closedOn: '2026-11-31', comment: '' }))).toEqual({
      outcome: 'Code de sortie à choisir dans la liste',
      closedOn: 'Date invalide (format attendu : JJ/MM/AAAA)',
    });
    expect(closingSchema.safeParse({ outcome: 'apprentissage', closedOn: '2026-11-20', comment: '' }).success).toBe(
      true,
    );
  });

  it('bounds the comment as the reason of a status change is bounded', () => {
    const long = 'x'.repeat(1_001);
    expect(messageOf(closingSchema.safeParse({ outcome: 'emploi', closedOn: '2026-11-20', comment: long }))).toEqual({
      comment: '1000 caractères au maximum',
    });
  });

  it('sets the young person closed, with outcome, date and comment: a valid closed record', () => {
    const closing = { outcome: 'service_civique' as const, closedOn: '2026-11-20', comment: 'Mission à Lyon' };
    const closed = { ...person(), ...closingChanges(closing) };
    expect(closed).toMatchObject({
      status: 'clos',
      outcome: 'service_civique',
      closedOn: '2026-11-20',
      closingComment: 'Mission à Lyon',
    });
    expect(youngPersonSchema.safeParse(closed).success).toBe(true);
  });

  it('records a status change to "clos" whose reason is the comment, or the outcome when there is none', () => {
    expect(closingReason({ outcome: 'emploi', closedOn: '2026-11-20', comment: '  ' })).toBe('Clôture : Emploi');
    expect(closingReason({ outcome: 'emploi', closedOn: '2026-11-20', comment: 'CDI chez un garagiste' })).toBe(
      'CDI chez un garagiste',
    );
    const young = person({ status: 'en_solution' });
    const record = closingStatusChange(
      { outcome: 'apprentissage', closedOn: '2026-11-20', comment: '' },
      { id: crypto.randomUUID(), person: young, authorId: AGENT, occurredAt: '2026-11-20T10:00:00.000Z' },
    );
    expect(record).toMatchObject({
      youngPersonId: young.id,
      from: 'en_solution',
      to: 'clos',
      reason: 'Clôture : Apprentissage / CFA',
    });
    expect(statusChangeSchema.safeParse(record).success).toBe(true);
  });

  it('never closes a case twice', () => {
    expect(closingRefusal(person({ status: 'clos' }))).toBe(CASE_CLOSED);
    expect(closingRefusal(person({ status: 'a_traiter' }))).toBeNull();
  });
});

describe('a status set by hand', () => {
  it('needs a status other than "clos" and a reason', () => {
    expect(messageOf(statusByHandSchema.safeParse({ from: 'joint', to: 'clos', reason: ' ' }))).toEqual({
      to: 'Nouveau statut à choisir dans la liste',
      reason: 'Le motif est obligatoire',
    });
  });

  it('changes something, and never on a closed case', () => {
    expect(messageOf(statusByHandSchema.safeParse({ from: 'joint', to: 'joint', reason: 'x' }))).toEqual({
      to: 'Le dossier a déjà ce statut',
    });
    expect(messageOf(statusByHandSchema.safeParse({ from: 'clos', to: 'joint', reason: 'x' }))).toEqual({
      to: 'Un dossier clos ne change plus de statut',
    });
    expect(statusByHandSchema.safeParse({ from: 'injoignable', to: 'joint', reason: 'Rappel reçu' }).success).toBe(
      true,
    );
  });
});

describe('closing and status changes on the device', () => {
  const writes = useCaseWrites();

  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });

  it('closing writes the young person and the status change, each with its mutation, together', async () => {
    const young = person();
    await createRecord(appDb, 'youngPerson', young);
    await appDb.youngPeople.update(young.id, { serverVersion: 4 });
    await appDb.outbox.clear();

    await writes.closeCase(
      { outcome: 'apprentissage', closedOn: '2026-11-20', comment: '' },
      { youngPersonId: young.id, authorId: AGENT },
    );

    expect(await appDb.youngPeople.get(young.id)).toMatchObject({
      status: 'clos',
      outcome: 'apprentissage',
      closedOn: '2026-11-20',
    });
    const [change] = await appDb.statusChanges.toArray();
    expect(change).toMatchObject({ from: 'solution_proposee', to: 'clos', reason: 'Clôture : Apprentissage / CFA' });
    const outbox = await appDb.outbox.orderBy('seq').toArray();
    expect(outbox.map((entry) => [entry.entity, entry.op, entry.caseId])).toEqual([
      ['youngPerson', 'update', young.id],
      ['statusChange', 'create', young.id],
    ]);
    // Only the fields that changed (the comment was already empty), on the version the device had.
    expect(outbox[0]?.baseVersion).toBe(4);
    expect(outbox[0]?.payload).toEqual({ status: 'clos', outcome: 'apprentissage', closedOn: '2026-11-20' });
  });

  it('refuses to close a closed case, and writes nothing', async () => {
    const young = person({ status: 'clos', outcome: 'emploi', closedOn: '2026-10-01' });
    await createRecord(appDb, 'youngPerson', young);
    const before = await appDb.outbox.count();
    await expect(
      writes.closeCase(
        { outcome: 'refus', closedOn: '2026-11-20', comment: '' },
        { youngPersonId: young.id, authorId: AGENT },
      ),
    ).rejects.toThrow(CASE_CLOSED);
    expect(await appDb.outbox.count()).toBe(before);
    expect(await appDb.statusChanges.count()).toBe(0);
  });

  it('a status set by hand writes the status and who, when and why, from the status stored now', async () => {
    const young = person({ status: 'contact_en_cours' });
    await createRecord(appDb, 'youngPerson', young);
    await writes.setStatusByHand(
      { to: 'injoignable', reason: 'Numéro coupé, courrier revenu' },
      { youngPersonId: young.id, authorId: AGENT },
    );
    expect((await appDb.youngPeople.get(young.id))?.status).toBe('injoignable');
    const [change] = await appDb.statusChanges.toArray();
    expect(change).toMatchObject({
      youngPersonId: young.id,
      authorId: AGENT,
      from: 'contact_en_cours',
      to: 'injoignable',
      reason: 'Numéro coupé, courrier revenu',
    });
    expect(await appDb.outbox.count()).toBe(3); // the creation, the status, the status change
  });
});
