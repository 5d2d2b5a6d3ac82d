import { lastContactByPerson } from '../../domain/caseload';
import type { RaccrocheDatabase } from './database';

/**
 * The moment of the last contact attempt of every young person, from one pass
 * over the keys of the index [youngPersonId+occurredAt] (no query per person,
 * no record read). Called outside Dexie's live queries: their tracking of
 * every key read would make it several times slower on 50,000 attempts;
 * callers read again when the attempts change.
 */
export async function readLastContacts(db: RaccrocheDatabase): Promise<Map<string, string>> {
  const keys = await db.contactAttempts.orderBy('[youngPersonId+occurredAt]').keys();
  return lastContactByPerson(keys as unknown as [string, string][]);
}
