import { entities } from '../../domain/entities';
import type { Mutation, MutationResult } from '../../domain/sync-messages';
import type { Actor } from '../auth/actor';
import { canAccessCase } from '../auth/scope';
import { caseAccessOf } from '../store/case-tutors-repo';
import type { SqlExecutor } from '../store/database';
import {
  countCaseHistory,
  findRecordForUpdate,
  lockCaseRecords,
  markDeleted,
  nextVersion,
} from '../store/records-repo';

type Outcome = Omit<MutationResult, 'seq' | 'mutationId'>;
const rejected = (reason: string): Outcome => ({ status: 'rejected', reason });

/**
 * Deletion of a record created by mistake. It beats a concurrent edit (an
 * edit arriving after it is refused: the record is gone). Notes are never
 * deleted; a note arriving for a young person deleted meanwhile is refused
 * (see applyCreate) and stays on its device, with its text and the reason.
 * 1. Already deleted: the same answer again (a retry, or two devices agreeing).
 * 2. The record as stored decides whether it may go (draft bilan, proposal
 *    without decision, draft contract, young person whose case holds no
 *    history yet), and the sender must see it.
 * 3. A tombstone with a new version and no content (markDeleted); a young
 *    person's other records go with it.
 */
export async function applyDelete(
  tx: SqlExecutor,
  actor: Actor,
  mutation: Extract<Mutation, { op: 'delete' }>,
  now: Date,
): Promise<Outcome> {
  const definition = entities[mutation.entity];
  const stored = await findRecordForUpdate(tx, mutation.recordId);
  if (!stored || stored.entity !== mutation.entity) return rejected("Cette fiche n'existe pas");
  const inScope =
    definition.scope === 'platform'
      ? stored.platformId === actor.platformId
      : canAccessCase(actor, await caseAccessOf(tx, stored));
  if (!inScope || !definition.writers.includes(actor.role)) return rejected("Vous n'avez pas accès à ce dossier");
  if (stored.deleted) return { status: 'applied', version: stored.version };
  if (!definition.deletionRefusal) return rejected('Cet enregistrement ne se supprime pas');
  const refusal = definition.deletionRefusal(stored.data ?? {});
  if (refusal) return rejected(refusal);
  if (stored.entity === 'youngPerson' && (await countCaseHistory(tx, stored.id)) > 0) {
    return rejected('Ce dossier a déjà un historique : clôturez-le plutôt que de le supprimer');
  }
  const version = await nextVersion(tx, stored.platformId);
  await markDeleted(tx, stored.id, version, actor.agentId, now);
  if (stored.entity === 'youngPerson') {
    for (const record of await lockCaseRecords(tx, stored.id)) {
      await markDeleted(tx, record.id, await nextVersion(tx, stored.platformId), actor.agentId, now);
    }
  }
  return { status: 'applied', version };
}
