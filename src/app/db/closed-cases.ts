import { closedCasesToRemove } from '../../domain/device-retention';
import { todayIso } from '../../domain/young-person';
import { removeCase } from './cases';
import type { RaccrocheDatabase } from './database';
import { localChange } from './records';

/**
 * Closed cases leave the device some days after their closing (the
 * endpoint's setting, CLOSED_CASE_DEVICE_DAYS, 30 by default), once nothing
 * of them is left to send: the young person and every record of the case, in
 * one transaction with the check (a change written meanwhile keeps its case).
 * To run after a sync; returns the ids of the cases removed.
 */
export function removeExpiredClosedCases(
  db: RaccrocheDatabase,
  days: number,
  today: string = todayIso(),
): Promise<string[]> {
  return localChange(db, async () => {
    const closed = await db.youngPeople.where('status').equals('clos').toArray();
    const unsent = new Set((await db.outbox.toArray()).map((entry) => entry.caseId));
    const removed: string[] = [];
    for (const caseId of closedCasesToRemove(closed, unsent, days, today)) {
      if (await removeCase(db, caseId)) removed.push(caseId);
    }
    return removed;
  });
}
