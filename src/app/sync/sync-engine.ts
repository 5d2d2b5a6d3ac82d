import { directoryResponseSchema } from '../../domain/directory';

/** Days a closed case stays on a device after its closing, when the endpoint does not say. */
const DEFAULT_CLOSED_CASE_DEVICE_DAYS = 30;
import { foldCaseloadChanges } from '../db/caseload-snapshot';
import { removeExpiredClosedCases } from '../db/closed-cases';
import type { RaccrocheDatabase } from '../db/database';
import { readMeta, writeMeta } from '../db/meta';
import { ApiFailure, type ApiClient } from './api-client';
import { reportAuditEvents } from './audit-events';
import { pullChanges } from './pull';
import { refreshMarkedRecords } from './refresh';
import { pushOutbox } from './push';

export type SyncOutcome =
  { status: 'done'; pushed: number; pulled: number } | { status: 'busy' } | { status: 'failed'; failure: ApiFailure };

const LOCK_NAME = 'raccroche-sync';

/**
 * Runs `work` only if no other tab of the app is syncing (Web Locks); the
 * other tabs see the result through IndexedDB. Without Web Locks (old
 * browsers, tests in Node) it simply runs.
 */
async function exclusively<T>(work: () => Promise<T>): Promise<T | 'busy'> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return work();
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => (lock ? work() : 'busy'));
}

/**
 * One synchronisation: push what is pending, then pull what changed, then
 * report the device's own exports to the audit trail and fold the changed
 * young people into the caseload's snapshot. The pull runs even
 * when the push failed for a reason other than the network, so an upload
 * problem never blocks downloads.
 */
export async function synchronise(db: RaccrocheDatabase, api: ApiClient): Promise<SyncOutcome> {
  const outcome = await exclusively(async (): Promise<SyncOutcome> => {
    const device = await readMeta(db, 'device');
    if (!device) return { status: 'failed', failure: new ApiFailure('unauthenticated', 'Appareil non enregistré') };
    let pushed = 0;
    let pushFailure: ApiFailure | undefined;
    try {
      pushed = await pushOutbox(db, api, device.id);
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.kind === 'offline' || error.kind === 'unauthenticated') throw error;
      pushFailure = error;
    }
    const pulled = await pullChanges(db, api);
    await reportAuditEvents(db, api);
    await refreshMarkedRecords(db, api);
    const directory = await api.get('/api/directory', directoryResponseSchema);
    await writeMeta(db, 'directory', directory);
    await removeExpiredClosedCases(db, directory.settings?.closedCaseDeviceDays ?? DEFAULT_CLOSED_CASE_DEVICE_DAYS);
    // What the sync brought goes into the caseload's buckets: its next read opens buckets, not records.
    await foldCaseloadChanges(db);
    if (pushFailure) throw pushFailure;
    await writeMeta(db, 'lastSyncAt', new Date().toISOString());
    return { status: 'done', pushed, pulled };
  }).catch((error: unknown): SyncOutcome => {
    const failure = error instanceof ApiFailure ? error : new ApiFailure('server', String(error));
    return { status: 'failed', failure };
  });
  return outcome === 'busy' ? { status: 'busy' } : outcome;
}
