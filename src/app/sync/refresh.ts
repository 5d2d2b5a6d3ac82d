import { PROTOCOL_VERSION, refreshResponseSchema } from '../../domain/sync-messages';
import type { RaccrocheDatabase } from '../db/database';
import { readMeta, writeMeta } from '../db/meta';
import { localChange } from '../db/records';
import type { ApiClient } from './api-client';
import { applyChanges } from './pull';

/** Asks the next sync to fetch these records again (works offline). */
export async function markForRefresh(db: RaccrocheDatabase, ids: readonly string[]): Promise<void> {
  await localChange(db, async () => {
    const waiting = (await readMeta(db, 'refresh')) ?? [];
    await writeMeta(db, 'refresh', [...new Set([...waiting, ...ids])]);
  });
}

/**
 * Puts the records waiting for a refresh back to their server copy (with
 * whatever the device still has to send re-applied on top), then forgets
 * them — in one transaction, so a failure leaves them waiting.
 * Returns how many were refreshed.
 */
export async function refreshMarkedRecords(db: RaccrocheDatabase, api: ApiClient): Promise<number> {
  const ids = (await readMeta(db, 'refresh')) ?? [];
  if (ids.length === 0) return 0;
  const { changes } = await api.post(
    '/api/sync/records',
    { protocolVersion: PROTOCOL_VERSION, ids },
    refreshResponseSchema,
  );
  await localChange(db, async () => {
    await applyChanges(db, changes);
    const still = ((await readMeta(db, 'refresh')) ?? []).filter((id) => !ids.includes(id));
    await writeMeta(db, 'refresh', still);
  });
  return changes.length;
}
