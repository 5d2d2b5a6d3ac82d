import {
  EMERGENCY_EXPORT_FORMAT,
  EMERGENCY_EXPORT_VERSION,
  type EmergencyExport,
  type ExportedDraft,
  type ExportedMutation,
} from '../../domain/emergency-export';
import { plainCopy } from '../../domain/plain-copy';
import type { OutboxEntry, RaccrocheDatabase } from './database';
import { readMeta, writeMeta } from './meta';

/**
 * Everything this device has not synced: its outbox (pending and refused
 * changes, each with the device that numbered it) and its drafts, with who
 * and what wrote them. Read in one transaction, so the file is a consistent
 * picture even while a sync runs.
 */
export async function buildEmergencyExport(
  db: RaccrocheDatabase,
  appVersion: string,
  now = new Date(),
): Promise<EmergencyExport> {
  return db.transaction('r', [db.outbox, db.drafts, db.meta], async () => {
    const device = await readMeta(db, 'device');
    if (!device) throw new Error('Appareil non enregistré : connectez-vous avant d’exporter');
    const session = await readMeta(db, 'session');
    const outbox = await db.outbox.orderBy('seq').toArray();
    const drafts = await db.drafts.toArray();
    return {
      format: EMERGENCY_EXPORT_FORMAT,
      formatVersion: EMERGENCY_EXPORT_VERSION,
      appVersion,
      exportedAt: now.toISOString(),
      deviceId: device.id,
      agentId: device.agentId,
      agentName: session?.agent.displayName ?? '',
      mutations: outbox.map((entry) => plainCopy({ ...entry, deviceId: device.id })),
      drafts: drafts.map((draft) => plainCopy(draft)),
    };
  });
}

/**
 * Puts back into this device's outbox the pending changes of a file it
 * exported itself, those missing only; the next sync sends them. One the
 * endpoint already has is answered with its stored result and applied once.
 * 1. Skip what is still in the outbox (same mutation id) and what the
 *    endpoint already refused (final: if it is no longer here, the user
 *    discarded it).
 * 2. Keep each change's own number; a number taken by another change would
 *    mean this is not the same numbering: skipped.
 * 3. The device's next number stays above every number put back.
 * Returns how many changes were put back.
 */
export async function restoreOwnMutations(db: RaccrocheDatabase, mutations: ExportedMutation[]): Promise<number> {
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const device = await readMeta(db, 'device');
    if (!device) throw new Error('Appareil non enregistré : connectez-vous avant d’importer');
    const present = new Set((await db.outbox.toArray()).map((entry) => entry.mutationId));
    let restored = 0;
    let nextSeq = device.nextSeq;
    for (const mutation of mutations) {
      if (mutation.state !== 'pending' || present.has(mutation.mutationId)) continue; // step 1
      if (await db.outbox.get(mutation.seq)) continue; // step 2
      const { deviceId: _deviceId, ...fields } = mutation;
      const entry: OutboxEntry = { ...fields, state: 'pending' };
      await db.outbox.add(entry);
      nextSeq = Math.max(nextSeq, mutation.seq + 1); // step 3
      restored++;
    }
    if (nextSeq !== device.nextSeq) await writeMeta(db, 'device', { ...device, nextSeq });
    return restored;
  });
}

/**
 * Restores the drafts of a file: a draft this device does not have, or holds
 * in an older state (by the time it was saved), is written; a newer local
 * draft is kept. Returns how many were written.
 */
export async function restoreDrafts(db: RaccrocheDatabase, drafts: ExportedDraft[]): Promise<number> {
  return db.transaction('rw', db.drafts, async () => {
    let restored = 0;
    for (const draft of drafts) {
      const local = await db.drafts.get(draft.key);
      if (local && local.savedAt >= draft.savedAt) continue;
      await db.drafts.put(plainCopy(draft));
      restored++;
    }
    return restored;
  });
}
