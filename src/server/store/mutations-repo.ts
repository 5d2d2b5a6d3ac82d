import type { Mutation, MutationResult } from '../../domain/sync-messages';
import type { SqlExecutor } from './database';

/**
 * Locks the devices' rows in the order of their ids, then their platform's
 * clock, until the end of the transaction, in one round trip: one push per
 * device at a time, and the clock taken before any record (see
 * pushMutations). The devices are aggregated into one row before the
 * LATERAL subquery runs, so every device's lock comes before the clock's.
 * An unknown device is missing from `lastSeqs`; the clock is null for an
 * agent of no platform, or when no device is known.
 */
export async function lockDevicesAndClock(
  tx: SqlExecutor,
  deviceIds: readonly string[],
  platformId: string | null,
): Promise<{ lastSeqs: Map<string, number>; clock: number | null }> {
  const rows = await tx.query<{ devices: { id: string; lastSeq: number }[]; clock: number | null }>(
    `SELECT d.devices, c.value AS clock
       FROM (SELECT coalesce(json_agg(json_build_object('id', id, 'lastSeq', last_seq)), '[]') AS devices
               FROM (SELECT id, last_seq FROM devices WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE) AS locked
            ) AS d
       LEFT JOIN LATERAL (SELECT value FROM platform_clocks
                           WHERE platform_id = $2::uuid AND json_array_length(d.devices) > 0 FOR UPDATE) AS c ON true`,
    [deviceIds, platformId],
  );
  const row = rows[0]!;
  const lastSeqs = new Map(row.devices.map((device) => [device.id, Number(device.lastSeq)]));
  if (platformId && lastSeqs.size > 0 && row.clock === null) throw new Error(`No clock for platform ${platformId}`);
  return { lastSeqs, clock: row.clock === null ? null : Number(row.clock) };
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

/** The parameter of recordMutationsSql: the push's log entries as one jsonb array. */
export function mutationLogRows(entries: readonly MutationLogEntry[]): string {
  return JSON.stringify(
    entries.map(({ deviceId, agentId, mutation, result, now }) => ({
      device_id: deviceId,
      seq: mutation.seq,
      mutation_id: mutation.mutationId,
      agent_id: agentId,
      entity: mutation.entity,
      record_id: mutation.recordId,
      op: mutation.op,
      payload: trailPayload(mutation),
      result: trailResult(result),
      received_at: now.toISOString(),
      base_version: mutation.op === 'create' ? null : mutation.baseVersion,
    })),
  );
}

/** Logs the mutations of parameter `$param` (mutationLogRows) with their results: one statement, alone or in a WITH. */
export function recordMutationsSql(param: number): string {
  return `INSERT INTO mutations (device_id, seq, mutation_id, agent_id, entity, record_id, op, payload, result,
                                 received_at, base_version)
          SELECT device_id, seq, mutation_id, agent_id, entity, record_id, op, payload, result, received_at, base_version
            FROM jsonb_to_recordset($${param}::jsonb) AS t(device_id uuid, seq bigint, mutation_id uuid, agent_id uuid,
                 entity text, record_id uuid, op text, payload jsonb, result jsonb, received_at timestamptz,
                 base_version bigint)`;
}
