import type { RaccrocheDatabase } from './database';
import { caseRecordTables } from './tables';

/**
 * Removes a case from the device: the young person and every record of it.
 * Call inside localChange. Refuses (returns false) while the case has
 * changes not yet accepted by the endpoint: those are never deleted here.
 */
export async function removeCase(db: RaccrocheDatabase, caseId: string): Promise<boolean> {
  if ((await db.outbox.where('caseId').equals(caseId).count()) > 0) return false;
  for (const table of caseRecordTables(db)) await table.where('youngPersonId').equals(caseId).delete();
  await db.youngPeople.delete(caseId);
  return true;
}
