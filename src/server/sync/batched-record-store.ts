import type { Mutation } from '../../domain/sync-messages';
import { readCaseTutors, readTutorsOfCases } from '../store/case-tutors-repo';
import type { SqlExecutor } from '../store/database';
import { writeKept, type KeptWrites } from '../store/push-end-repo';
import {
  findRecordForUpdate,
  findRecordsForUpdate,
  lockPlatformClock,
  type RecordWrite,
  type StoredRecord,
} from '../store/records-repo';
import { directRecordStore, type RecordStore } from './record-store';

interface PendingInsert {
  write: RecordWrite;
  createdBy: string | null;
  createdAt: Date;
}

/** The records a mutation reads first: its own, and for a new case record, its young person. */
function recordsNamedBy(mutation: Mutation): string[] {
  const parent = mutation.op === 'create' ? mutation.data.youngPersonId : undefined;
  return typeof parent === 'string' ? [mutation.recordId, parent] : [mutation.recordId];
}

function storedOf(write: RecordWrite, before: StoredRecord | null | undefined): StoredRecord {
  return {
    id: write.id,
    entity: before?.entity ?? write.entity,
    platformId: write.platformId,
    referentId: write.referentId,
    youngPersonId: before?.youngPersonId ?? write.youngPersonId,
    version: write.version,
    deleted: before?.deleted ?? false,
    data: write.data,
    stamps: write.stamps,
  };
}

/** Ids sent by a device before its records are validated: only well-formed ones are looked up. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A push's records, read and written by the batch rather than one statement
 * at a time: the endpoint's push went from some six round trips to the
 * database per mutation to about ten per batch (`npm run bench`).
 *
 * 1. preload: every record the batch names, and the young people of their
 *    cases, are read and locked in two statements, their cases' tutors in a
 *    third. The push already holds its platform's clock, taken before any
 *    record, so this order of locks is the one every writer takes.
 * 2. Versions are counted in memory from the clock's value read under its
 *    lock; the clock is written once, at the end. The lock, held to commit,
 *    still makes versions visible in increasing order.
 * 3. Writes are kept (a record created then moved again in the batch stays
 *    one insertion) and each read after a write sees it.
 * 4. The kept writes — insertions, updates, clocks — go in one statement:
 *    with the push's log at its end (takeWrites, writePushEnd), or before any
 *    work that reads the database by its own statements (`direct`), after
 *    which nothing read before is trusted.
 */
export class BatchedRecordStore implements RecordStore {
  /** Records read or written in this batch; null for an id known not to exist. */
  private readonly records = new Map<string, StoredRecord | null>();
  private readonly tutors = new Map<string, string[]>();
  /** The last version handed out per platform, and whether the clock must be written. */
  private readonly clocks = new Map<string, { value: number; moved: boolean }>();
  private readonly inserts = new Map<string, PendingInsert>();
  private readonly updates = new Map<string, RecordWrite>();

  constructor(readonly tx: SqlExecutor) {}

  /** The value of a platform's clock this transaction has just locked. */
  knowClock(platformId: string, value: number): void {
    this.clocks.set(platformId, { value, moved: false });
  }

  /** Step 1. */
  async preload(mutations: readonly Mutation[]): Promise<void> {
    const named = [...new Set(mutations.flatMap(recordsNamedBy))].filter((id) => UUID.test(id));
    await this.readAndLock(named);
    const cases = [...this.records.values()].flatMap((record) => (record?.youngPersonId ? [record.youngPersonId] : []));
    await this.readAndLock([...new Set(cases)].filter((id) => !this.records.has(id)));
    const caseIds = [...new Set(cases)];
    const tutors = await readTutorsOfCases(this.tx, caseIds);
    for (const caseId of caseIds) this.tutors.set(caseId, tutors.get(caseId) ?? []);
  }

  private async readAndLock(ids: readonly string[]): Promise<void> {
    const found = await findRecordsForUpdate(this.tx, ids);
    for (const id of ids) this.records.set(id, null);
    for (const record of found) this.records.set(record.id, record);
  }

  async find(id: string): Promise<StoredRecord | undefined> {
    if (!this.records.has(id)) {
      this.records.set(id, (await findRecordForUpdate(this.tx, id)) ?? null);
    }
    return this.records.get(id) ?? undefined;
  }

  async caseAccess(record: Pick<StoredRecord, 'platformId' | 'referentId' | 'youngPersonId'>) {
    const caseId = record.youngPersonId;
    if (caseId && !this.tutors.has(caseId)) this.tutors.set(caseId, await readCaseTutors(this.tx, caseId));
    return {
      platformId: record.platformId,
      referentId: record.referentId,
      tutorIds: caseId ? (this.tutors.get(caseId) ?? []) : [],
    };
  }

  /** Step 2. */
  async nextVersion(platformId: string): Promise<number> {
    let clock = this.clocks.get(platformId);
    if (!clock) {
      clock = { value: await lockPlatformClock(this.tx, platformId), moved: false };
      this.clocks.set(platformId, clock);
    }
    clock.value += 1;
    clock.moved = true;
    return clock.value;
  }

  /** Step 3. */
  async insert(write: RecordWrite): Promise<void> {
    this.inserts.set(write.id, { write, createdBy: write.agentId, createdAt: write.now });
    this.records.set(write.id, storedOf(write, null));
    if (write.entity === 'youngPerson') this.tutors.set(write.id, []); // a case just created has no contract yet
  }

  async update(write: RecordWrite): Promise<void> {
    const before = this.records.get(write.id);
    const inserted = this.inserts.get(write.id);
    if (inserted) this.inserts.set(write.id, { ...inserted, write });
    else this.updates.set(write.id, write);
    this.records.set(write.id, storedOf(write, before));
  }

  /** Step 4: the writes kept so far, handed over to be written (and forgotten here). */
  takeWrites(): KeptWrites {
    const writes: KeptWrites = {
      inserts: [...this.inserts.values()],
      updates: [...this.updates.values()],
      clocks: [...this.clocks].flatMap(([platformId, clock]) =>
        clock.moved ? [{ platformId, value: clock.value }] : [],
      ),
    };
    for (const clock of this.clocks.values()) clock.moved = false;
    this.inserts.clear();
    this.updates.clear();
    return writes;
  }

  /** Step 4, before direct work. */
  private async flush(): Promise<void> {
    await writeKept(this.tx, this.takeWrites());
  }

  async direct<T>(work: (store: RecordStore) => Promise<T>): Promise<T> {
    await this.flush();
    try {
      return await work(directRecordStore(this.tx));
    } finally {
      this.records.clear();
      this.tutors.clear();
      this.clocks.clear(); // read again, under the lock this transaction holds, at the next version
    }
  }
}
