import { randomUUID } from 'node:crypto';
import { EDITED_MEANWHILE, type ManagedSolution, type SolutionPatch } from '../../domain/catalogue-messages';
import { mergeFields, sameValue, stampAll } from '../../domain/merge';
import { solutionSchema, type SolutionFields } from '../../domain/solution';
import { toFieldIssues } from '../../domain/sync-messages';
import type { Actor } from '../auth/actor';
import { HttpError } from '../http/http-error';
import { recordAuditEvent } from '../store/audit-repo';
import { findManagedSolution } from '../store/catalogue-repo';
import type { Database } from '../store/database';
import { findRecordForUpdate, insertRecord, lockPlatformClock, nextVersion, updateRecord } from '../store/records-repo';

/**
 * The coordinator's writes to the catalogue from the management screen. They
 * write a record version exactly as a device's push does — a version from the
 * platform's clock, each field stamped with the coordinator's device and that
 * version — so devices receive them at their next pull, and a device's later
 * edit merges with them field by field. The audit trail records who did it
 * (the device trail, `mutations`, is for numbered device pushes only).
 */

const forbidden = () =>
  new HttpError(403, 'forbidden', 'Cette solution appartient au catalogue d’une autre plateforme');
const notFound = () => new HttpError(404, 'not_found', 'Solution introuvable');

export async function createSolution(
  db: Database,
  actor: Actor & { platformId: string },
  fields: SolutionFields,
  now: Date,
): Promise<ManagedSolution> {
  const solution = solutionSchema.parse({ id: randomUUID(), platformId: actor.platformId, ...fields });
  const { id: _id, ...stamped } = solution;
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx, actor.platformId);
    await insertRecord(tx, {
      id: solution.id,
      entity: 'solution',
      platformId: actor.platformId,
      referentId: null,
      youngPersonId: null,
      version,
      data: solution,
      stamps: stampAll(stamped, actor.deviceId, version),
      agentId: actor.agentId,
      now,
    });
    await recordAuditEvent(tx, {
      at: now,
      action: 'solution_created',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: actor.platformId,
      entity: 'solution',
      recordId: solution.id,
      details: { name: solution.name, type: solution.type, placesTotal: solution.placesTotal },
    });
    return (await findManagedSolution(tx, actor.platformId, solution.id))!;
  });
}

/**
 * An edit (deactivating and reactivating included), in one transaction.
 * 1. Lock the platform's clock before the record, in the order a push takes
 *    them, so that a push and this edit never wait on each other in a circle.
 * 2. The entry must exist and belong to the coordinator's platform.
 * 3. Only fields whose value changes are written; none: nothing is written.
 * 4. Merge against the version the coordinator read, as a push does: a field
 *    a colleague changed since is not overwritten — the whole edit is refused
 *    (409, the fields named) and the screen shows the entry as it now is.
 * 5. Write the record's new version and its audit event.
 */
export async function updateSolution(
  db: Database,
  actor: Actor & { platformId: string },
  id: string,
  patch: SolutionPatch,
  now: Date,
): Promise<ManagedSolution> {
  return db.transaction(async (tx) => {
    await lockPlatformClock(tx, actor.platformId); // step 1
    const stored = await findRecordForUpdate(tx, id);
    if (!stored || stored.entity !== 'solution' || stored.deleted || !stored.data) throw notFound(); // step 2
    if (stored.platformId !== actor.platformId) throw forbidden();
    const changes = Object.fromEntries(
      Object.entries(patch.changes).filter(([field, value]) => !sameValue(stored.data![field], value)),
    ); // step 3
    if (Object.keys(changes).length === 0) return (await findManagedSolution(tx, actor.platformId, id))!;

    const version = await nextVersion(tx, actor.platformId);
    const merge = mergeFields({
      current: stored.data,
      stamps: stored.stamps,
      changes,
      baseVersion: patch.baseVersion,
      deviceId: actor.deviceId,
      version,
    }); // step 4
    if (merge.conflicts.length > 0) {
      throw new HttpError(
        409,
        EDITED_MEANWHILE,
        'Un collègue a modifié cette solution entre-temps : relisez-la avant d’enregistrer à nouveau',
        merge.conflicts.map(({ field }) => ({
          path: `changes.${field}`,
          message: 'Modifié entre-temps par un collègue',
        })),
      );
    }
    const merged = solutionSchema.safeParse(merge.next);
    if (!merged.success) {
      throw new HttpError(400, 'invalid_request', 'Requête invalide', toFieldIssues(merged.error));
    }
    await updateRecord(tx, {
      ...stored,
      version,
      data: merged.data,
      stamps: merge.stamps,
      agentId: actor.agentId,
      now,
    });
    await recordAuditEvent(tx, {
      at: now,
      action: 'solution_updated',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: actor.platformId,
      entity: 'solution',
      recordId: id,
      details: { name: merged.data.name, fields: Object.keys(changes), active: merged.data.active },
    }); // step 5
    return (await findManagedSolution(tx, actor.platformId, id))!;
  });
}
