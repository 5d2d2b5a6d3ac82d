import type { Conflict } from '../../domain/conflict';
import { openConflicts } from '../../domain/conflict-resolution';
import type { Local } from '../db/database';
import { appDb } from '../db/instance';
import { useLiveQuery } from './use-live-query';

/** How many conflicts on the device wait for a person, followed live. */
export function useOpenConflictCount() {
  return useLiveQuery(() => appDb.conflicts.where('status').equals('ouvert').count(), 0);
}

/** The open conflicts of one case, oldest clash first, followed live. */
export function useCaseConflicts(youngPersonId: string) {
  return useLiveQuery(
    async () => openConflicts(await appDb.conflicts.where('youngPersonId').equals(youngPersonId).toArray()),
    [] as Local<Conflict>[],
  );
}
