import { BILAN_LOCKED } from '../../domain/bilan';
import { CONTRACT_LOCKED } from '../../domain/contract';
import type { MutationResult } from '../../domain/sync-messages';
import type { RaccrocheDatabase } from './database';
import { readMeta, writeMeta } from './meta';
import { localChange } from './records';
import { tableOf, withoutSyncMeta } from './tables';

const LOCKED = new Map([
  ['bilan', BILAN_LOCKED],
  ['contract', CONTRACT_LOCKED],
]);

/**
 * An edit of a bilan or contract that a colleague validated or signed
 * meanwhile comes back refused. The text typed is not dropped: it becomes the
 * draft of that record's form (the form then offers to turn it into a new
 * version), the refused mutation leaves the outbox, and the record is fetched
 * again so the locked version shows as it was validated or signed.
 * 1. Only refusals for that reason, on those kinds of records.
 * 2. An existing draft of the same form is newer than the refused edit: kept.
 * Returns how many edits were kept as drafts.
 */
export async function keepRefusedLockedEditsAsDrafts(
  db: RaccrocheDatabase,
  results: readonly MutationResult[],
): Promise<number> {
  const refused = results.filter(
    (result) => result.status === 'rejected' && [...LOCKED.values()].includes(result.reason ?? ''),
  );
  if (refused.length === 0) return 0;
  return localChange(db, async () => {
    let kept = 0;
    for (const result of refused) {
      const entry = await db.outbox.get(result.seq);
      if (!entry || entry.op !== 'update' || LOCKED.get(entry.entity) !== result.reason) continue; // 1
      const record = await tableOf(db, entry.entity).get(entry.recordId);
      const key = `${entry.entity}:${entry.recordId}`;
      if (record && !(await db.drafts.get(key))) {
        await db.drafts.put({ key, value: { record: withoutSyncMeta(record), base: null }, savedAt: entry.createdAt }); // 2
      }
      await db.outbox.delete(entry.seq);
      const waiting = (await readMeta(db, 'refresh')) ?? [];
      await writeMeta(db, 'refresh', [...new Set([...waiting, entry.recordId])]);
      kept += 1;
    }
    return kept;
  });
}
