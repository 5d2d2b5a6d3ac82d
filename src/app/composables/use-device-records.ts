import type { DeviceInfo } from '../db/database';
import { appDb } from '../db/instance';
import { readMeta } from '../db/meta';
import { useLiveQuery } from './use-live-query';

export interface DeviceRecordCounts {
  youngPeople: number;
  meetings: number;
  contactAttempts: number;
  pending: number;
  refused: number;
  drafts: number;
}

/** What this device holds, counted live: the records, the changes not yet synced, the drafts. */
export function useDeviceRecordCounts() {
  return useLiveQuery<DeviceRecordCounts | null>(
    () =>
      appDb.transaction(
        'r',
        [appDb.youngPeople, appDb.meetings, appDb.contactAttempts, appDb.outbox, appDb.drafts],
        async () => ({
          youngPeople: await appDb.youngPeople.count(),
          meetings: await appDb.meetings.count(),
          contactAttempts: await appDb.contactAttempts.count(),
          pending: await appDb.outbox.where('state').equals('pending').count(),
          refused: await appDb.outbox.where('state').equals('rejected').count(),
          drafts: await appDb.drafts.count(),
        }),
      ),
    null,
  );
}

/** This device's registration (its id), followed live. */
export function useDeviceInfo() {
  return useLiveQuery<DeviceInfo | null>(async () => (await readMeta(appDb, 'device')) ?? null, null);
}
