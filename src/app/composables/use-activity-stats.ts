import { ref } from 'vue';
import { activityResponseSchema } from '../../domain/activity-stats';
import { todayIso } from '../../domain/young-person';
import { api } from '../sync/api';
import { saveBlob } from './save-blob';
import { useOnlineRequest } from './use-online-request';

/** What the activity screen asks for: a period, a platform ('' : the user's own, or every one for the admin), a referent. */
export interface ActivityFilter {
  from: string;
  to: string;
  platformId: string;
  agentId: string;
}

/** The school year so far: from the 1st of September to today. */
export function schoolYearSoFar(today = todayIso()): ActivityFilter {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = month >= 9 ? year : year - 1;
  return { from: `${start}-09-01`, to: today, platformId: '', agentId: '' };
}

export function activityQuery(filter: ActivityFilter): string {
  const query = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.platformId) query.set('platformId', filter.platformId);
  if (filter.agentId) query.set('agentId', filter.agentId);
  return query.toString();
}

/**
 * The activity bilan read from the endpoint (online only: counted from every
 * case of the platform, which no device holds), for the filter last applied,
 * and its CSV file.
 */
export function useActivityStats(initial: ActivityFilter) {
  const applied = ref<ActivityFilter>({ ...initial });
  const report = useOnlineRequest(() =>
    api.get(`/api/stats/activity?${activityQuery(applied.value)}`, activityResponseSchema),
  );

  function show(filter: ActivityFilter): Promise<void> {
    applied.value = { ...filter };
    return report.reload();
  }

  /** Downloads the CSV of the bilan shown; returns the file's name. */
  async function downloadCsv(): Promise<string> {
    const { from, to } = applied.value;
    const file = await api.download(`/api/stats/activity.csv?${activityQuery(applied.value)}`);
    const name = file.fileName || `activite-${from}-au-${to}.csv`;
    saveBlob(name, file.blob);
    return name;
  }

  return { applied, report, show, downloadCsv };
}
