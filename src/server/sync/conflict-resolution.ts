import type { Conflict } from '../../domain/conflict';
import { entities } from '../../domain/entities';
import { sameValue } from '../../domain/merge';
import { entityName, toFieldIssues } from '../../domain/sync-messages';
import type { Actor } from '../auth/actor';
import type { RecordStore } from './record-store';

/**
 * A conflict resolved with another value than the one kept ('remplacee',
 * 'saisie') writes that value to the record, in the same transaction as the
 * resolution — so a resolution refused (already resolved by a colleague)
 * changes nothing, and an accepted one cannot leave the record behind.
 * 1. Only a conflict becoming resolved, with a value to write.
 * 2. The record must still exist; the value is validated with the record.
 * 3. Written as this person's edit of the field.
 * Returns why it is refused, or null.
 */
export async function writeResolvedValue(
  store: RecordStore,
  actor: Actor,
  before: Conflict,
  after: Conflict,
  now: Date,
): Promise<string | null> {
  if (before.status === 'resolu' || after.status !== 'resolu' || after.resolution === 'conservee') return null; // 1
  const entity = entityName.safeParse(before.recordEntity);
  const record = entity.success ? await store.find(before.recordId) : undefined;
  if (!entity.success || !record || record.deleted || !record.data) return "La fiche de ce conflit n'existe plus"; // 2
  if (sameValue(record.data[before.field], after.resolvedValue)) return null;
  const data = { ...record.data, [before.field]: after.resolvedValue };
  const valid = entities[entity.data].record.safeParse(data);
  if (!valid.success) return `Valeur retenue invalide : ${toFieldIssues(valid.error)[0]?.message ?? ''}`.trim();
  const version = await store.nextVersion(record.platformId);
  await store.update({
    ...record,
    version,
    data: valid.data,
    stamps: { ...record.stamps, [before.field]: { v: version, d: actor.deviceId } },
    agentId: actor.agentId,
    now,
  }); // 3
  return null;
}
