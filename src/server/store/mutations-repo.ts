import type { Mutation, MutationResult } from '../../domain/sync-messages';
import type { SqlExecutor } from './database';

/** Locks the device row until the end of the transaction: one push per device at a time. */
export async function lockDevice(tx: SqlExecutor, deviceId: string): Promise<{ lastSeq: number } | undefined> {
  const rows = await tx.query<{ lastSeq: number }>(
    'SELECT last_seq AS "lastSeq" FROM devices WHERE id = $1 FOR UPDATE',
    [deviceId],
  );
  return rows[0];
}

export async function saveDeviceProgress(tx: SqlExecutor, deviceId: string, lastSeq: number, now: Date): Promise<void> {
  await tx.query('UPDATE devices SET last_seq = $2, last_seen_at = $3 WHERE id = $1', [deviceId, lastSeq, now]);
}

export async function findProcessedMutation(
  tx: SqlExecutor,
  deviceId: string,
  seq: number,
): Promise<{ mutationId: string; result: MutationResult } | undefined> {
  const rows = await tx.query<{ mutationId: string; result: MutationResult }>(
    'SELECT mutation_id AS "mutationId", result FROM mutations WHERE device_id = $1 AND seq = $2',
    [deviceId, seq],
  );
  return rows[0];
}

/** A mutation already processed under any device and number (renumbered after a new login, or replayed from an export). */
export async function findMutationById(
  tx: SqlExecutor,
  mutationId: string,
): Promise<{ mutationId: string; result: MutationResult } | undefined> {
  const rows = await tx.query<{ mutationId: string; result: MutationResult }>(
    'SELECT mutation_id AS "mutationId", result FROM mutations WHERE mutation_id = $1',
    [mutationId],
  );
  return rows[0];
}

/**
 * What the trail keeps of a mutation's content: the names of the fields it
 * sent (every field of a creation), each as `true`, never their values — the
 * trail outlives the case's personal data (see the retention purge).
 */
export function trailPayload(mutation: Mutation): Record<string, true> {
  const content = mutation.op === 'create' ? mutation.data : mutation.op === 'update' ? mutation.changes : {};
  return Object.fromEntries(Object.keys(content).map((field) => [field, true]));
}

/** The result as the trail keeps it (and answers a retry): a conflict names its field, both values stay on the conflict record. */
export function trailResult(result: MutationResult): MutationResult {
  return result.conflicts ? { ...result, conflicts: result.conflicts.map(({ field }) => ({ field })) } : result;
}

export interface MutationLogEntry {
  deviceId: string;
  agentId: string;
  mutation: Mutation;
  result: MutationResult;
  now: Date;
}

/** Already processed mutations among these ids, under any device and number (one query for a whole push). */
export async function findMutationsByIds(
  tx: SqlExecutor,
  mutationIds: readonly string[],
): Promise<Map<string, { mutationId: string; result: MutationResult }>> {
  if (mutationIds.length === 0) return new Map();
  const rows = await tx.query<{ mutationId: string; result: MutationResult }>(
    'SELECT mutation_id AS "mutationId", result FROM mutations WHERE mutation_id = ANY($1::uuid[])',
    [mutationIds],
  );
  return new Map(rows.map((row) => [row.mutationId, row]));
}

/** Logs the mutations of a push with their results, in one statement. */
export async function recordMutations(tx: SqlExecutor, entries: readonly MutationLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const params: unknown[] = [];
  const tuples = entries.map(({ deviceId, agentId, mutation, result, now }) => {
    const values = [
      deviceId,
      mutation.seq,
      mutation.mutationId,
      agentId,
      mutation.entity,
      mutation.recordId,
      mutation.op,
      JSON.stringify(trailPayload(mutation)),
      JSON.stringify(trailResult(result)),
      now,
      mutation.op === 'create' ? null : mutation.baseVersion,
    ];
    const first = params.length + 1;
    params.push(...values);
    return `($${first}, $${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5}, $${first + 6},
             $${first + 7}::jsonb, $${first + 8}::jsonb, $${first + 9}, $${first + 10})`;
  });
  await tx.query(
    `INSERT INTO mutations (device_id, seq, mutation_id, agent_id, entity, record_id, op, payload, result, received_at,
                            base_version)
     VALUES ${tuples.join(', ')}`,
    params,
  );
}
