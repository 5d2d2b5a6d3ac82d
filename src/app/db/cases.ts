import type { RaccrocheDatabase } from './database';

/** Every table holding records of a young person's case (by their youngPersonId). */
function caseTables(db: RaccrocheDatabase) {
  return [db.contactAttempts, db.meetings, db.statusChanges, db.bilans, db.proposals, db.contracts, db.conflicts];
}

/**
 * Removes a case from the device: the young person and every record of it.
 * Call inside localChange. Refuses (returns false) while the case has
 * changes not yet accepted by the endpoint: those are never deleted here.
 */
export async function removeCase(db: RaccrocheDatabase, caseId: string): Promise<boolean> {
  if ((await db.outbox.where('caseId').equals(caseId).count()) > 0) return false;
  for (const table of caseTables(db)) await table.where('youngPersonId').equals(caseId).delete();
  await db.youngPeople.delete(caseId);
  return true;
}
