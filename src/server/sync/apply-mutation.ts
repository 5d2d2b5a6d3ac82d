import type { Conflict } from '../../domain/conflict';
import { entities, type EntityDefinition } from '../../domain/entities';
import { mergeFields, sameValue, stampAll } from '../../domain/merge';
import type { Mutation, MutationResult } from '../../domain/sync-messages';
import { toFieldIssues } from '../../domain/sync-messages';
import type { Actor } from '../auth/actor';
import { canAccessCase, canAssign } from '../auth/scope';
import type { StoredRecord } from '../store/records-repo';
import { applyDelete } from './apply-delete';
import { followContractTutors } from './case-tutors';
import { checkAgainstCase, moveCaseStatus } from './case-rules';
import { writeResolvedValue } from './conflict-resolution';
import { recordConflicts } from './conflicts';
import type { RecordStore } from './record-store';

type Outcome = Omit<MutationResult, 'seq' | 'mutationId'>;
type Data = Record<string, unknown>;

const rejected = (reason: string, issues?: MutationResult['issues']): Outcome => ({
  status: 'rejected',
  reason,
  issues,
});

const FORBIDDEN = "Vous n'avez pas accès à ce dossier";
const NOT_A_WRITER = "Votre rôle ne permet pas d'enregistrer ce type de fiche";

/** Where a new record belongs: its platform, referent and case, from its own data or its young person's. */
type Placement = { platformId: string; referentId: string | null; youngPersonId: string | null; parent?: StoredRecord };

async function placeNewRecord(
  store: RecordStore,
  actor: Actor,
  definition: EntityDefinition,
  data: Data,
): Promise<Placement | string> {
  if (definition.scope === 'platform') {
    return data.platformId === actor.platformId
      ? { platformId: String(data.platformId), referentId: null, youngPersonId: null }
      : FORBIDDEN;
  }
  if (definition.scope === 'person') {
    const placement = {
      platformId: String(data.platformId),
      referentId: (data.referentId as string | null) ?? null,
      youngPersonId: String(data.id),
    };
    // A young person being created has no contract yet, so no tutor.
    const access = { ...placement, tutorIds: [] };
    return canAccessCase(actor, access) && canAssign(actor, placement.referentId) ? placement : FORBIDDEN;
  }
  const parent = await store.find(String(data.youngPersonId));
  if (!parent || parent.entity !== 'youngPerson') return "Le jeune de ce dossier n'existe pas";
  if (!canAccessCase(actor, await store.caseAccess(parent))) return FORBIDDEN;
  // A deleted young person keeps no content to come back with, and a purged case receives none again:
  // a record arriving for either is refused, and stays on its device with this reason and its text.
  if (parent.deleted) return 'Le jeune de ce dossier a été supprimé';
  return { platformId: parent.platformId, referentId: parent.referentId, youngPersonId: parent.id, parent };
}

/**
 * Creation.
 * 1. Validate the whole record with the shared schema; check the role may
 *    write it and the sender is the author it names.
 * 2. Place it: a case record takes its young person's platform and referent
 *    (and is refused if the sender may not see that case).
 * 3. The same id again: the same record from the same author is the same
 *    creation arriving twice (e.g. replayed from another device): answered as
 *    applied, written once. Anything else under that id is refused.
 * 4. Write it, every field stamped by this device; then let it move its
 *    case's status (server-side, so devices never conflict on it).
 */
async function applyCreate(store: RecordStore, actor: Actor, mutation: Extract<Mutation, { op: 'create' }>, now: Date) {
  const definition = entities[mutation.entity];
  const parsed = definition.record.safeParse({ ...mutation.data, id: mutation.recordId });
  if (!parsed.success) return rejected('Fiche invalide', toFieldIssues(parsed.error));
  const data = parsed.data;
  if (!definition.writers.includes(actor.role) || definition.creatableByDevices === false)
    return rejected(NOT_A_WRITER);
  if (definition.authorField && data[definition.authorField] !== actor.agentId) {
    return rejected("L'auteur de cette fiche doit être la personne connectée");
  }

  const placement = await placeNewRecord(store, actor, definition, data);
  if (typeof placement === 'string') return rejected(placement);
  const caseRefusal = placement.parent ? checkAgainstCase(mutation.entity, data, placement.parent) : null;
  if (caseRefusal) return rejected(caseRefusal);

  const existing = await store.find(mutation.recordId);
  if (existing) {
    const sameCreation = existing.entity === mutation.entity && !existing.deleted && sameValue(existing.data, data);
    return sameCreation
      ? ({ status: 'applied', version: existing.version } satisfies Outcome)
      : rejected('Cette fiche existe déjà');
  }

  const version = await store.nextVersion(placement.platformId);
  const { id: _id, ...fields } = data;
  await store.insert({
    id: mutation.recordId,
    entity: mutation.entity,
    platformId: placement.platformId,
    referentId: placement.referentId,
    youngPersonId: placement.youngPersonId,
    version,
    data,
    stamps: stampAll(fields, actor.deviceId, version),
    agentId: actor.agentId,
    now,
  });
  if (placement.parent) await moveCaseStatus(store, placement.parent, definition.eventOf?.(null, data) ?? null, now);
  return { status: 'applied', version } satisfies Outcome;
}

/**
 * Edit.
 * 1. Append-only records are never edited; the changes must match the schema.
 * 2. The record as stored decides: it must exist, be in the sender's scope,
 *    and accept the edit (a validated bilan or a signed contract refuses
 *    changes to its terms, whatever the device believed).
 * 3. Merge the changed fields (see mergeFields) and validate the result whole.
 * 4. Write it; then let it move its case's status; keep each field clash as
 *    a conflict record of the case, for a person to resolve.
 */
async function applyUpdate(store: RecordStore, actor: Actor, mutation: Extract<Mutation, { op: 'update' }>, now: Date) {
  const definition = entities[mutation.entity];
  if (!definition.changes) return rejected('Cet enregistrement ne se modifie pas : ajoutez-en un nouveau');
  if (!definition.writers.includes(actor.role)) return rejected(NOT_A_WRITER);
  const changes = definition.changes.safeParse(mutation.changes);
  if (!changes.success) return rejected('Modification invalide', toFieldIssues(changes.error));

  const stored = await store.find(mutation.recordId);
  if (!stored || stored.deleted || !stored.data || stored.entity !== mutation.entity) {
    return rejected("Cette fiche n'existe pas ou a été supprimée");
  }
  const inScope =
    definition.scope === 'platform'
      ? stored.platformId === actor.platformId
      : canAccessCase(actor, await store.caseAccess(stored));
  if (!inScope) return rejected(FORBIDDEN);
  const refusal = definition.editRefusal?.(stored.data, changes.data);
  if (refusal) return rejected(refusal);

  const version = await store.nextVersion(stored.platformId);
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
  const parent =
    definition.scope === 'case' && stored.youngPersonId ? await store.find(stored.youngPersonId) : undefined;
  const caseRefusal = parent ? checkAgainstCase(mutation.entity, merged.data, parent) : null;
  if (caseRefusal) return rejected(caseRefusal);

  if (mutation.entity === 'conflict') {
    const resolution = await writeResolvedValue(store, actor, stored.data as Conflict, merged.data as Conflict, now);
    if (resolution) return rejected(resolution);
  }
  await store.update({ ...stored, version, data: merged.data, stamps: merge.stamps, agentId: actor.agentId, now });
  if (parent) await moveCaseStatus(store, parent, definition.eventOf?.(stored.data, merged.data) ?? null, now);
  if (merge.conflicts.length > 0) {
    await recordConflicts(store, actor, stored, merge.conflicts, now);
    return { status: 'conflict', version, conflicts: merge.conflicts } satisfies Outcome;
  }
  return { status: 'applied', version } satisfies Outcome;
}

function applyByOp(store: RecordStore, actor: Actor, mutation: Mutation, now: Date): Promise<Outcome> {
  if (mutation.op === 'create') return applyCreate(store, actor, mutation, now);
  if (mutation.op === 'update') return applyUpdate(store, actor, mutation, now);
  return applyDelete(store.tx, actor, mutation, now);
}

/**
 * Work that reads the database by statements of its own: a deletion (with
 * its case's records), a contract (its case's tutors follow), a conflict (its
 * resolution writes the record it names). Rare, and run straight to SQL.
 */
const needsDirectSql = (mutation: Mutation) =>
  mutation.op === 'delete' || mutation.entity === 'contract' || mutation.entity === 'conflict';

/** Applies one mutation; a contract written also updates its case's tutors (who may see the case). */
export async function applyMutation(store: RecordStore, actor: Actor, mutation: Mutation, now: Date): Promise<Outcome> {
  if (!needsDirectSql(mutation)) return applyByOp(store, actor, mutation, now);
  return store.direct(async (direct) => {
    const outcome = await applyByOp(direct, actor, mutation, now);
    if (mutation.entity === 'contract' && outcome.status !== 'rejected') {
      await followContractTutors(direct.tx, actor, mutation.recordId, now);
    }
    return outcome;
  });
}
