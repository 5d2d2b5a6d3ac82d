import { entities } from '../../domain/entities';
import { mergeFields, stampAll } from '../../domain/merge';
import type { Mutation, MutationResult } from '../../domain/sync-messages';
import { toFieldIssues } from '../../domain/sync-messages';
import type { Actor } from '../auth/actor';
import { canAccessCase, canAssign } from '../auth/scope';
import type { SqlExecutor } from '../store/database';
import { findRecordForUpdate, insertRecord, nextVersion, updateRecord } from '../store/records-repo';

type Outcome = Omit<MutationResult, 'seq' | 'mutationId'>;

const rejected = (reason: string, issues?: MutationResult['issues']): Outcome => ({ status: 'rejected', reason, issues });

const FORBIDDEN = "Vous n'avez pas accès à ce dossier";

function scopeOf(data: Record<string, unknown>): { platformId: string; referentId: string | null } {
  return { platformId: String(data.platformId), referentId: (data.referentId as string | null) ?? null };
}

/** Creation: the whole record is validated, authorised, and written with every field stamped by this device. */
async function applyCreate(tx: SqlExecutor, actor: Actor, mutation: Extract<Mutation, { op: 'create' }>, now: Date) {
  const parsed = entities[mutation.entity].record.safeParse({ ...mutation.data, id: mutation.recordId });
  if (!parsed.success) return rejected('Fiche invalide', toFieldIssues(parsed.error));
  const scope = scopeOf(parsed.data);
  if (!canAccessCase(actor, scope) || !canAssign(actor, scope.referentId)) return rejected(FORBIDDEN);
  if (await findRecordForUpdate(tx, mutation.recordId)) return rejected('Cette fiche existe déjà');
  const version = await nextVersion(tx, scope.platformId);
  const { id: _id, ...data } = parsed.data;
  await insertRecord(tx, {
    id: mutation.recordId,
    entity: mutation.entity,
    ...scope,
    version,
    data: parsed.data,
    stamps: stampAll(data, actor.deviceId, version),
    agentId: actor.agentId,
    now,
  });
  return { status: 'applied', version } satisfies Outcome;
}

/** Edit: the changed fields are merged field by field into the server record (see mergeFields). */
async function applyUpdate(tx: SqlExecutor, actor: Actor, mutation: Extract<Mutation, { op: 'update' }>, now: Date) {
  const definition = entities[mutation.entity];
  const changes = definition.changes.safeParse(mutation.changes);
  if (!changes.success) return rejected('Modification invalide', toFieldIssues(changes.error));
  const stored = await findRecordForUpdate(tx, mutation.recordId);
  if (!stored || stored.deleted || !stored.data || stored.entity !== mutation.entity) {
    return rejected("Cette fiche n'existe pas ou a été supprimée");
  }
  if (!canAccessCase(actor, stored)) return rejected(FORBIDDEN);
  const version = await nextVersion(tx, stored.platformId);
  const merge = mergeFields({
    current: stored.data,
    stamps: stored.stamps,
    changes: changes.data,
    baseVersion: mutation.baseVersion,
    deviceId: actor.deviceId,
    version,
  });
  const merged = definition.record.safeParse(merge.next);
  if (!merged.success) return rejected('Modification invalide', toFieldIssues(merged.error));
  await updateRecord(tx, {
    id: stored.id,
    entity: stored.entity,
    platformId: stored.platformId,
    referentId: stored.referentId,
    version,
    data: merged.data,
    stamps: merge.stamps,
    agentId: actor.agentId,
    now,
  });
  if (merge.conflicts.length > 0) return { status: 'conflict', version, conflicts: merge.conflicts } satisfies Outcome;
  return { status: 'applied', version } satisfies Outcome;
}

export function applyMutation(tx: SqlExecutor, actor: Actor, mutation: Mutation, now: Date): Promise<Outcome> {
  return mutation.op === 'create' ? applyCreate(tx, actor, mutation, now) : applyUpdate(tx, actor, mutation, now);
}
