import type { SqlExecutor } from './database';
import { mutationLogRows, recordMutationsSql, type MutationLogEntry } from './mutations-repo';
import {
  insertedRows,
  insertRecordsSql,
  setClocksSql,
  updatedRows,
  updateRecordsSql,
  type RecordWrite,
} from './records-repo';

/** The writes a batch kept for the end (see BatchedRecordStore). */
export interface KeptWrites {
  inserts: readonly { write: RecordWrite; createdBy: string | null; createdAt: Date }[];
  updates: readonly RecordWrite[];
  /** The last version handed out, per platform whose clock moved. */
  clocks: readonly { platformId: string; value: number }[];
}

/** What a push writes when its batch is done (see pushMutations, step 3). */
export interface PushEnd extends KeptWrites {
  log: readonly MutationLogEntry[];
  /** Each device of the push (or group of pushes) and its last number now processed. */
  devices: readonly { id: string; lastSeq: number }[];
  now: Date;
}

/** A statement written from its first parameter's number, and its parameters' values. */
type Part = [sql: (firstParam: number) => string, values: unknown[]];

/**
 * Runs several writes as one statement, one round trip: every part but the
 * last as a data-modifying CTE, the last as the statement itself. The parts
 * must touch different rows: they see the same snapshot, not each other's
 * writes. (A record created in a batch is only an insertion however often it
 * moved — BatchedRecordStore keeps it so — and the others only updates.)
 */
async function writeTogether(tx: SqlExecutor, parts: readonly Part[]): Promise<void> {
  if (parts.length === 0) return;
  const params: unknown[] = [];
  const sql = parts.map(([part, values]) => {
    const first = params.length + 1;
    params.push(...values);
    return part(first);
  });
  const ctes = sql.slice(0, -1).map((statement, index) => `w${index} AS (${statement})`);
  await tx.query(`${ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : ''}${sql.at(-1)}`, params);
}

function partsOf(writes: KeptWrites): Part[] {
  const parts: Part[] = [];
  if (writes.inserts.length > 0) parts.push([insertRecordsSql, [insertedRows(writes.inserts)]]);
  if (writes.updates.length > 0) parts.push([updateRecordsSql, [updatedRows(writes.updates)]]);
  if (writes.clocks.length > 0) {
    const clocks = writes.clocks.map(({ platformId, value }) => ({ platform_id: platformId, value }));
    parts.push([setClocksSql, [JSON.stringify(clocks)]]);
  }
  return parts;
}

/** A batch's kept records and clocks, in one statement. */
export function writeKept(tx: SqlExecutor, writes: KeptWrites): Promise<void> {
  return writeTogether(tx, partsOf(writes));
}

/**
 * The end of a push in one round trip: its new records, the new states of
 * the others, the clocks, the mutations' log and each device's last number.
 * They commit together with the transaction.
 */
export function writePushEnd(tx: SqlExecutor, end: PushEnd): Promise<void> {
  const parts = partsOf(end);
  if (end.log.length > 0) parts.push([recordMutationsSql, [mutationLogRows(end.log)]]);
  // Arrays, not a JSON record set: PostgreSQL knows their length and looks each device up by its key
  // (it took a record set for a hundred rows and read the whole devices table).
  parts.push([
    (p) => `UPDATE devices AS d SET last_seq = v.last_seq, last_seen_at = $${p + 2}
              FROM unnest($${p}::uuid[], $${p + 1}::bigint[]) AS v(id, last_seq) WHERE d.id = v.id`,
    [end.devices.map((device) => device.id), end.devices.map((device) => device.lastSeq), end.now],
  ]);
  return writeTogether(tx, parts);
}
