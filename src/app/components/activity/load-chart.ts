import type { Chart } from './chart-setup';

let loading: Promise<typeof Chart> | undefined;

/** Chart.js, fetched once, the first time a chart is drawn (see chart-setup.ts). */
export function loadChart(): Promise<typeof Chart> {
  loading ??= import('./chart-setup').then((module) => module.Chart);
  loading.catch(() => (loading = undefined)); // a failed fetch (offline) is tried again next time
  return loading;
}
