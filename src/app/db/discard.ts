import type { RaccrocheDatabase } from './database';
import { removeCase } from './cases';
import { LocalRefusal } from './records';
import { tableOf } from './tables';

/**
 * Discards a change the endpoint refused, as the user asked (after
 * confirming). Call inside localChange. Returns the ids of the records to
 * fetch again from the endpoint (see markForRefresh): the device keeps no
 * separate server copy, so "back to the server's version" is a refresh.
 *
 * 1. Only a refused change is discarded: a pending one may still be applied.
 * 2. Its outbox entry goes.
 * 3. A refused creation never reached the endpoint: the record goes from the
 *    device, with its other refused changes (and, for a young person, the
 *    case: refused if it still holds other unsent work, which the user
 *    discards first). It is still refreshed, in case the endpoint had it.
 * 4. A refused edit or deletion: the record is refreshed — its server copy
 *    comes back with whatever else the device still has to send on top.
 *    A creation that moved the case's status refreshes the young person too.
 */
export async function stageDiscard(db: RaccrocheDatabase, seq: number): Promise<string[]> {
  const entry = await db.outbox.get(seq);
  if (!entry) throw new LocalRefusal('Cette modification n’est plus sur cet appareil');
  if (entry.state !== 'rejected') throw new LocalRefusal('Seule une modification refusée peut être abandonnée');
  await db.outbox.delete(seq);
  const refresh = [entry.recordId];
  if (entry.event && entry.caseId) refresh.push(entry.caseId);
  if (entry.op !== 'create') return refresh;

  await db.outbox.where('recordId').equals(entry.recordId).delete();
  if (entry.entity === 'youngPerson') {
    if (!(await removeCase(db, entry.recordId))) {
      throw new LocalRefusal(
        'Ce dossier contient d’autres modifications non envoyées : abandonnez-les d’abord, ou corrigez la fiche',
      );
    }
  } else {
    await tableOf(db, entry.entity).delete(entry.recordId);
  }
  return refresh;
}
