import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConflict } from '../../src/app/db/conflict-resolution';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { writeMeta } from '../../src/app/db/meta';
import { LocalRefusal } from '../../src/app/db/records';
import { CONFLICT_ALREADY_RESOLVED, type Conflict } from '../../src/domain/conflict';
import { openConflicts, resolutionOf, typedValueError } from '../../src/domain/conflict-resolution';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const SOPHIE = '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const NOW = new Date('2026-10-05T09:00:00.000Z');

function person(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, CAMILLE),
    lastName: 'Durand',
    firstNames: 'Zoé',
    birthDate: '2009-01-01',
    ...overrides,
  };
}

function conflictOn(young: YoungPerson, overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: crypto.randomUUID(),
    youngPersonId: young.id,
    recordEntity: 'youngPerson',
    recordId: young.id,
    field: 'commune',
    keptValue: 'Bron',
    keptAuthorId: SOPHIE,
    otherValue: 'Vénissieux',
    otherAuthorId: CAMILLE,
    occurredAt: '2026-10-04T16:30:00.000Z',
    status: 'ouvert',
    resolution: '',
    resolvedValue: null,
    resolvedBy: '',
    resolvedAt: '',
    ...overrides,
  };
}

describe('the resolution a person chooses', () => {
  const conflict = { keptValue: 'Bron', otherValue: 'Vénissieux' };

  it('keeps the value the endpoint kept, takes the other one, or a typed one, with who and when', () => {
    expect(resolutionOf(conflict, { kind: 'kept' }, CAMILLE, NOW)).toEqual({
      value: 'Bron',
      changes: {
        status: 'resolu',
        resolution: 'conservee',
        resolvedValue: 'Bron',
        resolvedBy: CAMILLE,
        resolvedAt: '2026-10-05T09:00:00.000Z',
      },
    });
    expect(resolutionOf(conflict, { kind: 'other' }, CAMILLE, NOW)).toMatchObject({
      value: 'Vénissieux',
      changes: { resolution: 'remplacee', resolvedValue: 'Vénissieux' },
    });
    expect(resolutionOf(conflict, { kind: 'typed', value: 'Lyon' }, CAMILLE, NOW)).toMatchObject({
      value: 'Lyon',
      changes: { resolution: 'saisie', resolvedValue: 'Lyon' },
    });
  });

  it('checks a typed value with the field’s rules and the rules across fields it would break', () => {
    const young = person();
    expect(typedValueError(young, 'commune', 'Lyon')).toBeNull();
    expect(typedValueError(young, 'phone', '12')).toMatch(/téléphone/i);
    expect(typedValueError(young, 'origin', 'siei')).toBe('La campagne SIEI est obligatoire (AAAA-MM)');
    expect(typedValueError(young, 'id', 'x')).toBe('Ce champ ne se saisit pas ici');
  });

  it('lists the open conflicts, oldest first', () => {
    const young = person();
    const later = conflictOn(young, { occurredAt: '2026-10-05T08:00:00.000Z' });
    const earlier = conflictOn(young, { occurredAt: '2026-10-01T08:00:00.000Z' });
    const closed = conflictOn(young, { status: 'resolu' });
    expect(openConflicts([later, closed, earlier])).toEqual([earlier, later]);
  });
});

describe('resolving a conflict on the device', () => {
  let db: RaccrocheDatabase;
  let young: YoungPerson;
  let conflict: Conflict;

  beforeEach(async () => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: CAMILLE, nextSeq: 1 });
    young = person({ commune: 'Bron' });
    conflict = conflictOn(young);
    await db.youngPeople.add({ ...young, serverVersion: 12, serverUpdatedAt: '2026-10-04T16:30:00.000Z' });
    await db.conflicts.add({ ...conflict, serverVersion: 13, serverUpdatedAt: '2026-10-04T16:30:00.000Z' });
  });
  afterEach(async () => {
    await db.delete();
  });

  it('shows the chosen value at once and sends the resolution as one mutation (the endpoint writes the value with it)', async () => {
    await resolveConflict(db, conflict.id, { kind: 'other' }, CAMILLE, NOW);
    expect((await db.youngPeople.get(young.id))?.commune).toBe('Vénissieux');
    expect(await db.conflicts.get(conflict.id)).toMatchObject({
      status: 'resolu',
      resolution: 'remplacee',
      resolvedValue: 'Vénissieux',
      resolvedBy: CAMILLE,
      resolvedAt: NOW.toISOString(),
    });
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(
      entries.map(({ seq, entity, op, baseVersion, payload }) => ({ seq, entity, op, baseVersion, payload })),
    ).toEqual([
      {
        seq: 1,
        entity: 'conflict',
        op: 'update',
        baseVersion: 13,
        payload: {
          status: 'resolu',
          resolution: 'remplacee',
          resolvedValue: 'Vénissieux',
          resolvedBy: CAMILLE,
          resolvedAt: NOW.toISOString(),
        },
      },
    ]);
  });

  it('only closes the conflict when the record already holds the chosen value', async () => {
    await resolveConflict(db, conflict.id, { kind: 'kept' }, CAMILLE, NOW);
    const entries = await db.outbox.toArray();
    expect(entries.map((entry) => entry.entity)).toEqual(['conflict']);
    expect(entries[0]?.payload).toMatchObject({ resolution: 'conservee', resolvedValue: 'Bron' });
  });

  it('writes a typed value', async () => {
    await resolveConflict(db, conflict.id, { kind: 'typed', value: 'Lyon' }, CAMILLE, NOW);
    expect((await db.youngPeople.get(young.id))?.commune).toBe('Lyon');
    expect((await db.conflicts.get(conflict.id))?.resolution).toBe('saisie');
  });

  it('refuses a second resolution, and writes nothing', async () => {
    await resolveConflict(db, conflict.id, { kind: 'other' }, CAMILLE, NOW);
    await expect(resolveConflict(db, conflict.id, { kind: 'kept' }, SOPHIE, NOW)).rejects.toThrow(
      CONFLICT_ALREADY_RESOLVED,
    );
    expect(await db.outbox.count()).toBe(1);
    expect((await db.youngPeople.get(young.id))?.commune).toBe('Vénissieux');
  });

  it('refuses when the record is not on the device', async () => {
    await db.youngPeople.delete(young.id);
    await expect(resolveConflict(db, conflict.id, { kind: 'other' }, CAMILLE, NOW)).rejects.toBeInstanceOf(
      LocalRefusal,
    );
    expect(await db.outbox.count()).toBe(0);
    expect((await db.conflicts.get(conflict.id))?.status).toBe('ouvert');
  });

  it('writes nothing at all when the resolution cannot be stored after the field', async () => {
    db.outbox.hook('creating', (_key, entry) => {
      if (entry.entity === 'conflict') throw new Error('disque plein');
    });
    await expect(resolveConflict(db, conflict.id, { kind: 'other' }, CAMILLE, NOW)).rejects.toThrow('disque plein');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.youngPeople.get(young.id))?.commune).toBe('Bron');
    expect((await db.conflicts.get(conflict.id))?.status).toBe('ouvert');
  });
});
