import type { EntityName } from '../../domain/sync-messages';
import type { Clock } from '../auth/actor';
import { recordAuditEvent } from '../store/audit-repo';
import type { Database, SqlExecutor } from '../store/database';
import { lockPlatformClock, markDeleted, nextVersion } from '../store/records-repo';
import {
  findCasesClosedBefore,
  lockCaseForPurge,
  lockCaseRecordsForPurge,
  writePurgedRecord,
} from '../store/retention-repo';
import { anonymisedCaseRecord, anonymisedYoungPerson } from './anonymise';
import { platformDay, retentionCutoff } from './retention-dates';

/** What one run of the purge did. */
export interface PurgeReport {
  /** The day before which a closing date made a case due. */
  cutoff: string;
  /** The cases purged. */
  caseIds: string[];
}

/**
 * The retention purge: the personal data of every case closed for longer
 * than `retentionYears` is erased; what remains is anonymised for statistics.
 *
 * 1. The cutoff: today (in France, by the endpoint's clock) less the
 *    retention period; a case closed strictly before it is due.
 * 2. Each due case in a transaction of its own, so a failure leaves the
 *    others done and this one whole (the next run takes it again), and two
 *    endpoint processes purging at once purge each case once (purgeCase
 *    checks again under lock).
 */
export async function purgeExpiredCases(db: Database, clock: Clock, retentionYears: number): Promise<PurgeReport> {
  const now = clock();
  const cutoff = retentionCutoff(platformDay(now), retentionYears); // step 1
  const caseIds: string[] = [];
  for (const due of await findCasesClosedBefore(db, cutoff)) {
    const purged = await db.transaction((tx) => purgeCase(tx, due, { cutoff, retentionYears, now })); // step 2
    if (purged) caseIds.push(due.id);
  }
  return { cutoff, caseIds };
}

/**
 * Purges one case; false when it is no longer due (reopened, purged by
 * another process, deleted meanwhile).
 * 1. Lock the platform clock, then the case (the order pushes use), and
 *    check again, under lock, that it is closed before the cutoff.
 * 2. Each record of the case gets a new version, so the devices that still
 *    hold it drop it at their next pull, and never receive its content again:
 *    a follow-up record keeps what statistics count (kind, dates, results,
 *    decisions, states) and loses every text and name; a conflict (two
 *    people's values of a field) becomes a bare tombstone; a tombstone stays
 *    as it is (it holds nothing).
 * 3. The young person keeps platform, referent, origin, campaign, sex, age
 *    band at listing, level, status, outcome and closing date.
 * 4. The purge goes to the audit trail with its counts, never any content.
 *    The trail itself holds no values to erase: it keeps field names only.
 */
async function purgeCase(
  tx: SqlExecutor,
  due: { id: string; platformId: string },
  run: { cutoff: string; retentionYears: number; now: Date },
): Promise<boolean> {
  await lockPlatformClock(tx, due.platformId); // step 1
  const person = await lockCaseForPurge(tx, due.id);
  const closedOn = typeof person?.data?.closedOn === 'string' ? person.data.closedOn : '';
  if (!person || person.deleted || !person.data || person.data.status !== 'clos') return false;
  if (closedOn === '' || closedOn >= run.cutoff) return false;

  const anonymised: Partial<Record<EntityName, number>> = {};
  let conflictsDeleted = 0;
  for (const record of await lockCaseRecordsForPurge(tx, due.id)) {
    if (record.deleted || !record.data) continue; // step 2
    const version = await nextVersion(tx, due.platformId);
    const kept = anonymisedCaseRecord(record.entity, record.data);
    if (kept) {
      await writePurgedRecord(tx, { id: record.id, data: kept, version, now: run.now });
      anonymised[record.entity] = (anonymised[record.entity] ?? 0) + 1;
    } else {
      await markDeleted(tx, record.id, version, null, run.now);
      conflictsDeleted += 1;
    }
  }

  const listedOn = platformDay(new Date(person.createdAt)); // step 3
  await writePurgedRecord(tx, {
    id: due.id,
    data: anonymisedYoungPerson(person.data, due.id, listedOn),
    version: await nextVersion(tx, due.platformId),
    now: run.now,
  });

  await recordAuditEvent(tx, {
    at: run.now, // step 4
    action: 'retention_purge',
    agentId: null,
    deviceId: null,
    platformId: due.platformId,
    entity: 'youngPerson',
    recordId: due.id,
    details: { closedOn, retentionYears: run.retentionYears, anonymised, conflictsDeleted },
  });
  return true;
}
