import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { writeDraft } from '../../src/app/db/drafts';
import { buildEmergencyExport, restoreDrafts, restoreOwnMutations } from '../../src/app/db/export';
import { readMeta, writeMeta } from '../../src/app/db/meta';
import { createRecord, updateRecord } from '../../src/app/db/records';
import {
  EMERGENCY_EXPORT_FORMAT,
  emergencyExportFileName,
  parseEmergencyExport,
  type EmergencyExport,
} from '../../src/domain/emergency-export';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const DEVICE = '3c9d2e1f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

function person(): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Durand',
    firstNames: 'Zoé',
    birthDate: '2009-01-01',
  };
}

describe('the emergency export of what a device has not synced', () => {
  let db: RaccrocheDatabase;

  beforeEach(async () => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: DEVICE, agentId: AGENT, nextSeq: 1 });
    await writeMeta(db, 'session', {
      token: 't',
      expiresAt: '2026-12-31T00:00:00.000Z',
      agent: {
        id: AGENT,
        displayName: 'Camille Durand',
        email: 'c@example.org',
        role: 'conseiller',
        platformId: PLATFORM,
        platformName: 'PSAD',
      },
    });
  });
  afterEach(async () => {
    await db.delete();
  });

  async function exportWithTwoChanges(): Promise<{ file: EmergencyExport; created: YoungPerson }> {
    const created = person();
    await createRecord(db, 'youngPerson', created);
    await updateRecord(db, 'youngPerson', { ...created, commune: 'Bron' });
    await db.outbox.update(2, { state: 'rejected', reason: 'Commune invalide' });
    await writeDraft(db, `meeting:${created.id}:entretien`, { notes: 'Veut un CAP' });
    const file = await buildEmergencyExport(db, '0.1.0', new Date('2026-03-05T13:02:00.000Z'));
    return { file, created };
  }

  it('holds the outbox with the device of each change, the drafts and a header', async () => {
    const { file, created } = await exportWithTwoChanges();
    expect(file).toMatchObject({
      format: EMERGENCY_EXPORT_FORMAT,
      formatVersion: 1,
      appVersion: '0.1.0',
      exportedAt: '2026-03-05T13:02:00.000Z',
      deviceId: DEVICE,
      agentId: AGENT,
      agentName: 'Camille Durand',
    });
    expect(file.mutations).toMatchObject([
      { deviceId: DEVICE, seq: 1, op: 'create', recordId: created.id, state: 'pending' },
      { deviceId: DEVICE, seq: 2, op: 'update', payload: { commune: 'Bron' }, state: 'rejected' },
    ]);
    expect(file.mutations[0]?.mutationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(file.drafts).toMatchObject([{ key: `meeting:${created.id}:entretien`, value: { notes: 'Veut un CAP' } }]);
    // What is saved to the file reads back as it was.
    expect(parseEmergencyExport(JSON.stringify(file))).toEqual({ ok: true, file });
  });

  it('refuses, in French, what is not one of its files or is damaged', async () => {
    const { file } = await exportWithTwoChanges();
    expect(parseEmergencyExport('pas du JSON')).toEqual({
      ok: false,
      error: "Ce fichier n'est pas un fichier de secours de Raccroche (contenu illisible)",
    });
    expect(parseEmergencyExport('{"name":"raccroche"}')).toEqual({
      ok: false,
      error: "Ce fichier n'est pas un fichier de secours de Raccroche",
    });
    expect(parseEmergencyExport(JSON.stringify({ ...file, formatVersion: 2 }))).toEqual({
      ok: false,
      error: 'Ce fichier de secours vient d’une version de Raccroche que cette application ne sait pas lire',
    });
    const broken = { ...file, mutations: [{ ...file.mutations[0], seq: -1 }] };
    expect(parseEmergencyExport(JSON.stringify(broken))).toEqual({
      ok: false,
      error: 'Fichier de secours endommagé (mutations.0.seq)',
    });
    const mixed = { ...file, mutations: [{ ...file.mutations[0], deviceId: crypto.randomUUID() }] };
    expect(parseEmergencyExport(JSON.stringify(mixed))).toEqual({
      ok: false,
      error: 'Fichier de secours endommagé (appareils mélangés)',
    });
  });

  it('puts back into the outbox only the pending changes it lost, under their own numbers', async () => {
    const { file } = await exportWithTwoChanges();
    expect(await restoreOwnMutations(db, file.mutations)).toBe(0); // all still here

    await db.outbox.clear(); // e.g. sent meanwhile, or the refused one discarded
    await writeMeta(db, 'device', { id: DEVICE, agentId: AGENT, nextSeq: 1 });
    expect(await restoreOwnMutations(db, file.mutations)).toBe(1);
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1); // the refused one was final: not put back
    expect(entries[0]).toMatchObject({ seq: 1, mutationId: file.mutations[0]!.mutationId, state: 'pending' });
    expect(entries[0]).not.toHaveProperty('deviceId');
    expect((await readMeta(db, 'device'))?.nextSeq).toBe(2);
  });

  it('restores drafts without overwriting a newer one on this device', async () => {
    await writeDraft(db, 'bilan:1', { record: { project: 'plus récent' } });
    const older = { key: 'bilan:1', value: { record: { project: 'ancien' } }, savedAt: '2020-01-01T00:00:00.000Z' };
    const missing = { key: 'contract:2', value: { record: { tutor: 'M. Lenoir' } }, savedAt: '2026-01-01T00:00:00Z' };
    expect(await restoreDrafts(db, [older, missing])).toBe(1);
    expect((await db.drafts.get('bilan:1'))?.value).toEqual({ record: { project: 'plus récent' } });
    expect(await db.drafts.get('contract:2')).toEqual(missing);
    expect(await restoreDrafts(db, [older, missing])).toBe(0);
  });

  it('names the file after the device time of the export', () => {
    expect(emergencyExportFileName(new Date(2026, 2, 5, 14, 2))).toBe('raccroche-secours-2026-03-05-1402.json');
  });
});
