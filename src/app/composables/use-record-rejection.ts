import type { Ref } from 'vue';
import { appDb } from '../db/instance';
import { useLiveQuery } from './use-live-query';

/**
 * Why the endpoint refused the last change of a record (its reason and the
 * fields' messages), followed live; null when nothing of it was refused.
 */
export function useRecordRejection(recordId: string): Readonly<Ref<string | null>> {
  return useLiveQuery(async () => {
    const entries = await appDb.outbox.where('recordId').equals(recordId).sortBy('seq');
    const rejected = entries.filter((entry) => entry.state === 'rejected').at(-1);
    if (!rejected) return null;
    const details = (rejected.issues ?? []).map((issue) => issue.message);
    return [rejected.reason ?? 'Modification refusée', ...details].join(' — ');
  }, null);
}
