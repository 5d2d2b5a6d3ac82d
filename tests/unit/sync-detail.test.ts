import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolutionText, sideTitles } from '../../src/app/components/conflict/conflict-text';
import { fieldLabel, fieldValueText } from '../../src/app/components/conflict/field-labels';
import { changesText, fixRoute, issueText, recordKind } from '../../src/app/components/sync/change-text';
import { readSyncDetail } from '../../src/app/composables/use-sync-detail';
import { RaccrocheDatabase, type OutboxEntry } from '../../src/app/db/database';
import { stageDiscard } from '../../src/app/db/discard';
import { readMeta, writeMeta } from '../../src/app/db/meta';
import { LocalRefusal, createRecord, localChange, updateRecord } from '../../src/app/db/records';
import { markForRefresh } from '../../src/app/sync/refresh';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const CAMILLE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const SOPHIE = '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const names: Record<string, string> = { [CAMILLE]: 'Camille Durand', [SOPHIE]: 'Sophie Lefèvre' };
const nameOf = (id: string) => names[id] ?? 'Agent inconnu';

function person(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, CAMILLE),
    lastName: 'Martin',
    firstNames: 'Léa',
    birthDate: '2008-05-01',
    ...overrides,
  };
}

const attempt = (youngPersonId: string) => ({
  id: crypto.randomUUID(),
  youngPersonId,
  authorId: CAMILLE,
  occurredAt: '2026-10-05T08:00:00.000Z',
  channel: 'telephone',
  target: 'jeune',
  guardianName: '',
  result: 'joint',
  note: '',
});

describe('what the synchronisation screens say', () => {
  it('names fields and values as people know them', () => {
    expect(fieldLabel('youngPerson', 'commune')).toBe('Commune');
    expect(fieldLabel('youngPerson', 'phone')).toBe('Téléphone');
    expect(fieldLabel('youngPerson', 'guardians')).toBe('Représentants légaux');
    expect(fieldLabel('proposal', 'decision')).toBe('Décision du jeune');
    expect(fieldLabel('bilan', 'project')).toBe('Champ « project »');
    expect(fieldValueText('youngPerson', 'origin', 'siei')).toBe('Liste SIEI');
    expect(fieldValueText('youngPerson', 'birthDate', '2008-05-01')).toBe('01/05/2008');
    expect(fieldValueText('youngPerson', 'commune', '')).toBe('(vide)');
    expect(
      fieldValueText('youngPerson', 'guardians', [
        { relation: 'mere', name: 'Nadia Martin', phone: '06 39 98 00 02', email: '' },
      ]),
    ).toBe('Nadia Martin (Mère) – 06 39 98 00 02');
  });

  it('says whose each value is, for the person reading', () => {
    expect(sideTitles({ keptAuthorId: SOPHIE, otherAuthorId: CAMILLE }, CAMILLE, nameOf)).toEqual({
      kept: 'Valeur de Sophie Lefèvre',
      other: 'Ma valeur',
    });
    expect(sideTitles({ keptAuthorId: CAMILLE, otherAuthorId: CAMILLE }, CAMILLE, nameOf)).toEqual({
      kept: 'Ma valeur (enregistrée en premier)',
      other: 'Ma valeur (arrivée ensuite)',
    });
    expect(sideTitles({ keptAuthorId: '', otherAuthorId: SOPHIE }, CAMILLE, nameOf).kept).toBe('Valeur enregistrée');
    const resolved = { resolution: 'remplacee', resolvedBy: SOPHIE, resolvedAt: '2026-10-05T09:00:00.000Z' } as const;
    expect(resolutionText(resolved, CAMILLE, nameOf)).toMatch(
      /^Résolu par Sophie Lefèvre le 05\/10\/2026 \d\d:00 : l’autre valeur a été retenue\.$/,
    );
    expect(resolutionText(resolved, SOPHIE, nameOf)).toMatch(/^Résolu par vous le/);
  });

  it('describes changes and where to fix them', () => {
    const entry = (op: OutboxEntry['op'], payload: Record<string, unknown> = {}) =>
      ({ entity: 'youngPerson', op, payload }) as const;
    expect(recordKind('contactAttempt')).toBe('Tentative de contact');
    expect(changesText([entry('update', { commune: 'Lyon' }), entry('update', { phone: '', commune: 'Bron' })])).toBe(
      'Modification : Commune, Téléphone',
    );
    expect(changesText([entry('create'), entry('update', { commune: 'Lyon' })])).toBe('Création');
    expect(changesText([entry('update', { commune: 'Lyon' }), entry('delete')])).toBe(
      'Modification : Commune puis Suppression',
    );
    expect(changesText([{ entity: 'conflict', op: 'update', payload: { status: 'resolu' } }])).toBe('Résolution');
    expect(issueText('youngPerson', { path: 'campaign', message: 'La campagne SIEI est obligatoire' })).toBe(
      'Campagne SIEI : La campagne SIEI est obligatoire',
    );
    expect(issueText('youngPerson', { path: '', message: 'Interdit' })).toBe('Interdit');
    const ids = { recordId: 'r', caseId: 'c' };
    expect(fixRoute({ ...ids, entity: 'youngPerson', op: 'update' })).toEqual({
      name: 'young-person-edit',
      params: { id: 'c' },
    });
    expect(fixRoute({ ...ids, entity: 'bilan', op: 'update' })).toEqual({
      name: 'bilan',
      params: { id: 'c', bilanId: 'r' },
    });
    expect(fixRoute({ ...ids, entity: 'meeting', op: 'create' })).toEqual({ name: 'case-file', params: { id: 'c' } });
    expect(fixRoute({ ...ids, entity: 'conflict', op: 'update' })).toEqual({
      name: 'conflict',
      params: { conflictId: 'r' },
    });
  });
});

describe('the detail of unsent and refused changes, and discarding a refused one', () => {
  let db: RaccrocheDatabase;
  let young: YoungPerson;

  const refuse = (seq: number, reason = 'Modification invalide') =>
    db.outbox.update(seq, { state: 'rejected', reason, issues: [{ path: 'phone', message: 'Numéro invalide' }] });
  const discard = (seq: number) => localChange(db, async () => markForRefresh(db, await stageDiscard(db, seq)));

  beforeEach(async () => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: CAMILLE, nextSeq: 1 });
    young = person();
    await db.youngPeople.add({ ...young, serverVersion: 4, serverUpdatedAt: '2026-10-01T08:00:00.000Z' });
  });
  afterEach(async () => {
    await db.delete();
  });

  it('lists pending changes by record with the young person’s name, refused ones apart, open conflicts', async () => {
    await updateRecord(db, 'youngPerson', { ...young, commune: 'Lyon' });
    await createRecord(db, 'contactAttempt', attempt(young.id));
    await updateRecord(db, 'youngPerson', { ...young, commune: 'Lyon', phone: '06 39 98 00 09' });
    await updateRecord(db, 'youngPerson', { ...young, commune: 'Lyon', phone: '06 39 98 00 09', email: 'x' });
    await refuse(4);
    await db.conflicts.add({
      id: crypto.randomUUID(),
      youngPersonId: young.id,
      recordEntity: 'youngPerson',
      recordId: young.id,
      field: 'address',
      keptValue: 'a',
      keptAuthorId: SOPHIE,
      otherValue: 'b',
      otherAuthorId: CAMILLE,
      occurredAt: '2026-10-05T08:00:00.000Z',
      status: 'ouvert',
      resolution: '',
      resolvedValue: null,
      resolvedBy: '',
      resolvedAt: '',
      serverVersion: 9,
      serverUpdatedAt: '2026-10-05T08:00:00.000Z',
    });

    const detail = await readSyncDetail(db);
    expect(
      detail.pending.map((group) => [group.entity, group.personName, group.entries.map((entry) => entry.seq)]),
    ).toEqual([
      ['youngPerson', 'MARTIN Léa', [1, 3]],
      ['contactAttempt', 'MARTIN Léa', [2]],
    ]);
    expect(detail.refused.map((refused) => [refused.entry.seq, refused.personName])).toEqual([[4, 'MARTIN Léa']]);
    expect(detail.conflicts.map((item) => [item.conflict.field, item.personName])).toEqual([['address', 'MARTIN Léa']]);
  });

  it('discards a refused edit and marks the record to be fetched again, even offline', async () => {
    await updateRecord(db, 'youngPerson', { ...young, phone: '12' });
    await refuse(1);
    await discard(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await readMeta(db, 'refresh')).toEqual([young.id]);
  });

  it('never discards a change still waiting to be sent', async () => {
    await updateRecord(db, 'youngPerson', { ...young, commune: 'Lyon' });
    await expect(discard(1)).rejects.toBeInstanceOf(LocalRefusal);
    expect(await db.outbox.count()).toBe(1);
    expect(await readMeta(db, 'refresh')).toBeUndefined();
  });

  it('discards a refused creation with the record it created, and puts back the status it had moved', async () => {
    const created = attempt(young.id);
    await createRecord(db, 'contactAttempt', created);
    expect((await db.youngPeople.get(young.id))?.status).toBe('joint');
    await refuse(1);
    await discard(1);
    expect(await db.contactAttempts.get(created.id)).toBeUndefined();
    expect(await readMeta(db, 'refresh')).toEqual([created.id, young.id]);
  });

  it('discards a refused young person created here only once the rest of its case is settled', async () => {
    const other = person({ lastName: 'Nouveau' });
    await createRecord(db, 'youngPerson', other);
    await createRecord(db, 'contactAttempt', attempt(other.id));
    await refuse(1);
    await expect(discard(1)).rejects.toThrow(/autres modifications non envoyées/);
    expect(await db.outbox.count()).toBe(2);

    await refuse(2);
    await discard(2);
    await discard(1);
    expect(await db.youngPeople.get(other.id)).toBeUndefined();
    expect(await db.contactAttempts.where('youngPersonId').equals(other.id).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
