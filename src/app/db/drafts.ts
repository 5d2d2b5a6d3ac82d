import { plainCopy } from '../../domain/plain-copy';
import type { RaccrocheDatabase } from './database';

export async function readDraft(db: RaccrocheDatabase, key: string): Promise<Record<string, unknown> | undefined> {
  return (await db.drafts.get(key))?.value;
}

export async function writeDraft(db: RaccrocheDatabase, key: string, value: Record<string, unknown>): Promise<void> {
  await db.drafts.put({ key, value: plainCopy(value), savedAt: new Date().toISOString() });
}

/** Removes a draft; inside localChange, it goes with the record saved from it. */
export async function deleteDraft(db: RaccrocheDatabase, key: string): Promise<void> {
  await db.drafts.delete(key);
}
