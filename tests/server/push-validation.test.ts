import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PEOPLE, youngPerson } from '../support/server/fixture';
import { updateMutation, useTestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

describe.each(backends)('a batch with an invalid mutation on %s', (backend) => {
  const t = useTestApp(backend);

  it('rejects that mutation alone, naming the field, and applies the others before and after it', async () => {
    const device = await t.login('conseiller');
    const good = youngPerson({ id: randomUUID(), lastName: 'Valide' });
    const badIne = youngPerson({ id: randomUUID(), ine: '12345' });
    const later = youngPerson({ id: randomUUID(), lastName: 'Après' });
    const batch = [t.nextCreate(device, good), t.nextCreate(device, badIne), t.nextCreate(device, later)];

    const response = await t.pushOk(device, batch);

    expect(response.lastSeq).toBe(3);
    expect(response.results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
    const rejected = response.results[1]!;
    expect(rejected.reason).toBe('Fiche invalide');
    expect(rejected.issues).toEqual([
      { path: 'ine', message: 'INE invalide : 10 chiffres et une lettre, ou 9 chiffres et deux lettres' },
    ]);
    expect(await t.storedRecord(good.id)).toBeDefined();
    expect(await t.storedRecord(badIne.id)).toBeUndefined();
    expect(await t.storedRecord(later.id)).toBeDefined();
  });

  it('rejects an edit that empties a required field, and keeps the record as it was', async () => {
    const device = await t.login('conseiller');
    const before = (await t.storedRecord(PEOPLE.alice.id))!;
    const bastien = (await t.storedRecord(PEOPLE.bastien.id))!;
    const batch = [
      t.nextUpdate(device, PEOPLE.alice.id, before.version, { lastName: '   ' }),
      t.nextUpdate(device, PEOPLE.bastien.id, bastien.version, { commune: 'Douai' }),
    ];

    const response = await t.pushOk(device, batch);

    expect(response.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'Modification invalide',
      issues: [{ path: 'lastName', message: 'Le nom est obligatoire' }],
    });
    expect(response.results[1]).toMatchObject({ status: 'applied' });
    expect((await t.storedRecord(PEOPLE.alice.id))?.data).toEqual(before.data);
    expect((await t.storedRecord(PEOPLE.bastien.id))?.data.commune).toBe('Douai');
  });

  it('rejects an edit whose result breaks a rule across fields', async () => {
    const device = await t.login('conseiller');
    const before = (await t.storedRecord(PEOPLE.alice.id))!;

    const response = await t.pushOk(device, [
      t.nextUpdate(device, PEOPLE.alice.id, before.version, { status: 'clos' }),
    ]);

    expect(response.results[0]?.status).toBe('rejected');
    expect(response.results[0]?.issues?.map((issue) => issue.path).sort()).toEqual(['closedOn', 'outcome']);
    expect((await t.storedRecord(PEOPLE.alice.id))?.data.status).toBe('a_traiter');
  });

  it('rejects an edit of the assignment fields, which a person edit may not carry', async () => {
    const device = await t.login('conseiller');
    const mutation = updateMutation(1, PEOPLE.alice.id, 1, { referentId: null });

    const response = await t.pushOk(device, [mutation]);

    expect(response.results[0]?.status).toBe('rejected');
    expect(response.results[0]?.issues).toContainEqual({ path: '', message: 'Clé non reconnue : "referentId"' });
    expect((await t.storedRecord(PEOPLE.alice.id))?.data.referentId).toBe(PEOPLE.alice.referentId);
  });

  it('records a rejection as processed: a retry gets it again and later numbers go on', async () => {
    const device = await t.login('conseiller');
    const bad = t.nextCreate(device, youngPerson({ id: randomUUID(), birthDate: '2024-02-30' }));
    const first = await t.pushOk(device, [bad]);
    expect(first.results[0]).toMatchObject({
      status: 'rejected',
      issues: [{ path: 'birthDate', message: 'Date invalide (format attendu : JJ/MM/AAAA)' }],
    });

    const next = t.nextCreate(device, youngPerson({ id: randomUUID() }));
    const second = await t.pushOk(device, [bad, next]);

    expect(second.results[0]).toEqual(first.results[0]);
    expect(second.results[1]).toMatchObject({ seq: 2, status: 'applied' });
  });
});
