import { caseHistoryResponseSchema } from '../../domain/audit-messages';
import { appDb } from '../db/instance';
import { api } from '../sync/api';
import { useLiveQuery } from './use-live-query';
import { useOnlineRequest } from './use-online-request';

/**
 * Every write of a case, newest first, read from the endpoint (the trail is
 * not kept on devices); the young person's name from the device, for the
 * title. The endpoint answers 404 to whoever may not read the trail (only the
 * platform's coordinator and the case's referent may).
 */
export function useCaseHistory(caseId: string) {
  const { state, reload } = useOnlineRequest(
    async () => (await api.get(`/api/cases/${caseId}/history`, caseHistoryResponseSchema)).entries,
  );
  const person = useLiveQuery(() => appDb.youngPeople.get(caseId), undefined);
  return { state, reload, person };
}
