import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RaccrocheDatabase } from '../../src/app/db/database';
import { readDraft, writeDraft } from '../../src/app/db/drafts';
import { readMeta, writeMeta } from '../../src/app/db/meta';
import { createRecord, updateRecord } from '../../src/app/db/records';
import {
  DEVICE_DATA_KEY,
  EVICTION_NOTICE_KEY,
  detectEviction,
  dismissEvictionNotice,
  evictionNoticeFor,
  rememberDeviceData,
  storageFailureKind,
} from '../../src/app/db/storage-health';
import { describeSaveFailure, storageFailureMessage } from '../../src/app/composables/storage-error';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';
import { MemoryStorage } from '../support/app/memory-storage';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const OTHER_AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a02';

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

function person(): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Durand',
    firstNames: 'Zoé',
    birthDate: '2009-01-01',
  };
}

describe('storage failures during a save', () => {
  let db: RaccrocheDatabase;

  beforeEach(async () => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.delete();
  });

  it('recognises a full disk and an aborted transaction, as the browser or Dexie reports them', () => {
    expect(storageFailureKind(quotaError())).toBe('quota');
    expect(storageFailureKind(new Dexie.QuotaExceededError('plein'))).toBe('quota');
    expect(storageFailureKind(new Dexie.AbortError('interrompue', quotaError()))).toBe('quota');
    expect(storageFailureKind(new Dexie.AbortError('interrompue'))).toBe('aborted');
    expect(storageFailureKind(new DOMException('aborted', 'AbortError'))).toBe('aborted');
    expect(storageFailureKind(new Error('Fiche invalide'))).toBeNull();
    expect(storageFailureKind('texte')).toBeNull();
    expect(storageFailureMessage(quotaError())).toBe(
      'L’espace de stockage de l’appareil est plein : rien n’a été enregistré, votre saisie est conservée dans le ' +
        'formulaire, libérez de l’espace ou synchronisez puis réessayez.',
    );
    expect(storageFailureMessage(new Dexie.AbortError('interrompue'))).toBe(
      'L’enregistrement sur l’appareil a été interrompu : rien n’a été enregistré, votre saisie est conservée dans ' +
        'le formulaire. Réessayez ; si cela se reproduit, libérez de l’espace ou synchronisez.',
    );
    expect(storageFailureMessage(new Error('Fiche invalide'))).toBeNull();
    expect(describeSaveFailure(new Error('Fiche invalide'), (message) => `Clôture impossible : ${message}`)).toBe(
      'Clôture impossible : Fiche invalide',
    );
  });

  it('writes nothing when the outbox write meets a full disk: no record, no mutation, no number used', async () => {
    vi.spyOn(db.outbox, 'add').mockRejectedValue(quotaError());
    const created = person();
    const failure = await createRecord(db, 'youngPerson', created).catch((error: unknown) => error);
    expect(storageFailureKind(failure)).toBe('quota');
    expect(await db.youngPeople.get(created.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect((await readMeta(db, 'device'))?.nextSeq).toBe(1);
  });

  it('leaves an edit unwritten, the record as it was, when its write meets a full disk', async () => {
    const created = person();
    await createRecord(db, 'youngPerson', created);
    // At IndexedDB's own level: the edit is written natively, beside Dexie (native-edit.ts).
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'youngPeople') throw quotaError();
      return put.apply(this, args);
    });
    const failure = await updateRecord(db, 'youngPerson', { ...created, commune: 'Bron' }).catch((e: unknown) => e);
    expect(storageFailureKind(failure)).toBe('quota');
    expect((await db.youngPeople.get(created.id))?.commune).toBe(created.commune);
    expect(await db.outbox.count()).toBe(1);
    expect((await readMeta(db, 'device'))?.nextSeq).toBe(2);
  });

  it('keeps a draft the storage refused in memory until a write succeeds', async () => {
    const put = vi.spyOn(db.drafts, 'put').mockRejectedValue(quotaError());
    await expect(writeDraft(db, 'meeting:x', { notes: 'Veut un CAP' })).rejects.toThrow();
    expect(await db.drafts.count()).toBe(0);
    expect(await readDraft(db, 'meeting:x')).toEqual({ notes: 'Veut un CAP' });

    put.mockRestore();
    await writeDraft(db, 'meeting:x', { notes: 'Veut un CAP en cuisine' });
    expect(await readDraft(db, 'meeting:x')).toEqual({ notes: 'Veut un CAP en cuisine' });
    expect((await db.drafts.get('meeting:x'))?.value).toEqual({ notes: 'Veut un CAP en cuisine' });
  });
});

describe('a database wiped by the browser', () => {
  let db: RaccrocheDatabase;
  let storage: MemoryStorage;

  beforeEach(() => {
    db = new RaccrocheDatabase(`test-${crypto.randomUUID()}`);
    storage = new MemoryStorage();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('says nothing in a browser that never held data', async () => {
    expect(await detectEviction(db, storage)).toBeNull();
    expect(storage.getItem(EVICTION_NOTICE_KEY)).toBeNull();
  });

  it('says nothing while the device is registered in IndexedDB', async () => {
    await writeMeta(db, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 4 });
    rememberDeviceData(storage, { agentId: AGENT, lastSyncAt: '2026-03-02T09:00:00.000Z' });
    expect(await detectEviction(db, storage)).toBeNull();
    expect(storage.getItem(DEVICE_DATA_KEY)).not.toBeNull();
  });

  it('detects the wipe once, and keeps the notice for the same agent until it is read', async () => {
    rememberDeviceData(storage, { agentId: AGENT, lastSyncAt: '2026-03-02T09:00:00.000Z' });
    const notice = await detectEviction(db, storage, new Date('2026-03-12T08:30:00.000Z'));
    expect(notice).toEqual({
      agentId: AGENT,
      lastSyncAt: '2026-03-02T09:00:00.000Z',
      detectedAt: '2026-03-12T08:30:00.000Z',
    });
    expect(await detectEviction(db, storage)).toBeNull(); // told once
    expect(evictionNoticeFor(storage, OTHER_AGENT)).toBeNull();
    expect(evictionNoticeFor(storage, AGENT)).toEqual(notice);
    dismissEvictionNotice(storage);
    expect(evictionNoticeFor(storage, AGENT)).toBeNull();
  });

  it('never forgets a known sync time for a moment when the screen has not read it yet', () => {
    rememberDeviceData(storage, { agentId: AGENT, lastSyncAt: '2026-03-02T09:00:00.000Z' });
    rememberDeviceData(storage, { agentId: AGENT, lastSyncAt: null });
    expect(JSON.parse(storage.getItem(DEVICE_DATA_KEY)!)).toEqual({
      agentId: AGENT,
      lastSyncAt: '2026-03-02T09:00:00.000Z',
    });
    rememberDeviceData(storage, { agentId: OTHER_AGENT, lastSyncAt: null });
    expect(JSON.parse(storage.getItem(DEVICE_DATA_KEY)!)).toEqual({ agentId: OTHER_AGENT, lastSyncAt: null });
  });
});
