import { randomUUID } from 'node:crypto';
import { stampAll } from '../../src/domain/merge';
import type { Database } from '../../src/server/store/database';
import type { BenchDevice, newCases } from './world';

/**
 * The limit the push is compared with: the same rows written by one batched
 * INSERT per batch (versions taken from the platform clock once per batch,
 * field stamps included), with no validation, authorisation, merge, audit or
 * idempotency — what the database alone costs.
 */
const COLUMNS = [
  'id',
  'entity',
  'platform_id',
  'referent_id',
  'version',
  'data',
  'stamps',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'young_person_id',
];

interface RawRow {
  entity: string;
  youngPersonId: string;
  data: Record<string, unknown> & { id: string };
}

export function rowsOf(cases: ReturnType<typeof newCases>): RawRow[] {
  return [
    ...cases.persons.map((person) => ({ entity: 'youngPerson', youngPersonId: person.id, data: { ...person } })),
    ...cases.attempts.map((attempt) => ({
      entity: 'contactAttempt',
      youngPersonId: attempt.youngPersonId,
      data: { ...attempt },
    })),
  ];
}

/** Inserts `rows` (given new ids, so the same content can be written again) in one transaction. */
export async function rawInsert(db: Database, device: BenchDevice, rows: readonly RawRow[]): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    const [clock] = await tx.query<{ value: number }>(
      'UPDATE platform_clocks SET value = value + $2 WHERE platform_id = $1 RETURNING value',
      [device.platformId, rows.length],
    );
    const first = clock!.value - rows.length + 1;
    const params: unknown[] = [];
    const tuples = rows.map((row, index) => {
      const id = randomUUID();
      const version = first + index;
      const data = { ...row.data, id };
      const { id: _id, ...fields } = data;
      const values = [
        id,
        row.entity,
        device.platformId,
        device.agentId,
        version,
        JSON.stringify(data),
        JSON.stringify(stampAll(fields, device.deviceId, version)),
        now,
        device.agentId,
        now,
        device.agentId,
        row.entity === 'youngPerson' ? id : row.youngPersonId,
      ];
      const placeholders = values.map((value, n) => {
        params.push(value);
        return `$${params.length}${n === 5 || n === 6 ? '::jsonb' : ''}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await tx.query(`INSERT INTO records (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  });
}
