import { CONFLICT_ALREADY_RESOLVED } from '../../domain/conflict';
import { resolutionOf, type ConflictChoice } from '../../domain/conflict-resolution';
import { entityName } from '../../domain/sync-messages';
import type { RaccrocheDatabase } from './database';
import { LocalRefusal, localChange, stageUpdate } from './records';
import { tableOf } from './tables';

/**
 * Resolves a conflict on the device, in ONE local change:
 * 1. the conflict must still be open here (a second resolution is refused,
 *    as the endpoint would);
 * 2. the record's field shows the chosen value at once — on the device only:
 *    the endpoint writes it itself with the resolution, in the same
 *    transaction, so a resolution it refuses (a colleague resolved it first)
 *    changes nothing there;
 * 3. the conflict is closed with the resolution, the value, the person and
 *    the moment: that is the one mutation sent.
 */
export function resolveConflict(
  db: RaccrocheDatabase,
  conflictId: string,
  choice: ConflictChoice,
  agentId: string,
  now: Date = new Date(),
): Promise<void> {
  return localChange(db, async () => {
    const conflict = await db.conflicts.get(conflictId);
    if (!conflict) throw new LocalRefusal("Ce conflit n'est pas sur cet appareil");
    if (conflict.status === 'resolu') throw new LocalRefusal(CONFLICT_ALREADY_RESOLVED);
    const entity = entityName.safeParse(conflict.recordEntity);
    if (!entity.success) throw new LocalRefusal('Cette version de l’application ne connaît pas cet enregistrement');
    const record = await tableOf(db, entity.data).get(conflict.recordId);
    if (!record) throw new LocalRefusal("La fiche concernée n'est plus sur cet appareil");

    const { value, changes } = resolutionOf(conflict, choice, agentId, now);
    await tableOf(db, entity.data).put({ ...record, [conflict.field]: value });
    await stageUpdate(db, 'conflict', { id: conflict.id, ...changes });
  });
}
