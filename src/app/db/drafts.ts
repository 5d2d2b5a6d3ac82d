import { plainCopy } from '../../domain/plain-copy';
import type { Draft, RaccrocheDatabase } from './database';

/**
 * Drafts the storage refused (disk full, aborted transaction), kept in memory
 * until a write succeeds: a form opened again while the app runs still finds
 * what was typed. Keyed by database name and draft key.
 */
const unwritten = new Map<string, Draft>();
const memoryKey = (db: RaccrocheDatabase, key: string) => `${db.name}\u0000${key}`;

export async function readDraft(db: RaccrocheDatabase, key: string): Promise<Record<string, unknown> | undefined> {
  return unwritten.get(memoryKey(db, key))?.value ?? (await db.drafts.get(key))?.value;
}

/** Saves a draft; when the storage refuses, it stays in memory (and the failure is thrown). */
export async function writeDraft(db: RaccrocheDatabase, key: string, value: Record<string, unknown>): Promise<void> {
  const draft: Draft = { key, value: plainCopy(value), savedAt: new Date().toISOString() };
  try {
    await db.drafts.put(draft);
    unwritten.delete(memoryKey(db, key));
  } catch (error) {
    unwritten.set(memoryKey(db, key), draft);
    throw error;
  }
}

/** Removes a draft; inside localChange, it goes with the record saved from it. */
export async function deleteDraft(db: RaccrocheDatabase, key: string): Promise<void> {
  unwritten.delete(memoryKey(db, key));
  await db.drafts.delete(key);
}
