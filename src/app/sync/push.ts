import { PROTOCOL_VERSION, pushResponseSchema, type Mutation } from '../../domain/sync-messages';
import type { OutboxEntry, RaccrocheDatabase } from '../db/database';
import { pendingMutations, settleMutations } from '../db/outbox';
import { keepRefusedLockedEditsAsDrafts } from '../db/refused-locked-edits';
import type { ApiClient } from './api-client';

export const PUSH_BATCH_SIZE = 100;

function toMutation(entry: OutboxEntry): Mutation {
  const base = { mutationId: entry.mutationId, seq: entry.seq, entity: entry.entity, recordId: entry.recordId };
  if (entry.op === 'create') return { ...base, op: 'create', data: entry.payload };
  if (entry.op === 'update') return { ...base, op: 'update', baseVersion: entry.baseVersion, changes: entry.payload };
  return { ...base, op: 'delete', baseVersion: entry.baseVersion };
}

/**
 * Sends the pending mutations, oldest first, in batches, and records each
 * answer. A batch whose answer is lost is sent again as is: the endpoint
 * recognises the numbers it has applied and answers the stored results.
 * Returns how many mutations the endpoint settled.
 */
export async function pushOutbox(db: RaccrocheDatabase, api: ApiClient, deviceId: string): Promise<number> {
  let settled = 0;
  for (;;) {
    const batch = await pendingMutations(db, PUSH_BATCH_SIZE);
    if (batch.length === 0) return settled;
    const response = await api.post(
      '/api/sync/push',
      { protocolVersion: PROTOCOL_VERSION, deviceId, mutations: batch.map(toMutation) },
      pushResponseSchema,
    );
    await settleMutations(db, response.results);
    await keepRefusedLockedEditsAsDrafts(db, response.results);
    const done = response.results.filter((result) => result.status !== 'deferred').length;
    settled += done;
    if (done < batch.length) return settled; // deferred: try again at the next sync rather than loop
  }
}
