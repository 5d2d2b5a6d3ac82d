import { computed, inject, provide, ref, watch, type InjectionKey } from 'vue';
import {
  advisersResponseSchema,
  bulkAssignmentResponseSchema,
  destinationPlatformsResponseSchema,
  distributionCasesResponseSchema,
  transferResponseSchema,
  type AssignmentState,
  type BulkAssignmentResponse,
  type TransferRequest,
} from '../../domain/distribution';
import { api } from '../sync/api';
import { useOnlineRequest } from './use-online-request';

/** The filters as the form holds them: every one a string, empty for "no filter". */
export interface DistributionFilterForm {
  state: AssignmentState;
  referentId: string;
  campaign: string;
  origin: string;
  commune: string;
  school: string;
  level: string;
  age: string;
}

export const blankDistributionFilters = (): DistributionFilterForm => ({
  state: 'unassigned',
  referentId: '',
  campaign: '',
  origin: '',
  commune: '',
  school: '',
  level: '',
  age: '',
});

/** The query string of GET /api/distribution/cases: the filters given, no empty one. */
export function distributionQuery(filters: DistributionFilterForm): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim() !== '') params.set(key, value.trim());
  return params.toString();
}

/**
 * The distribution of the platform's cases, read from and written to the
 * endpoint (nothing of it is kept on the device): the cases the applied
 * filters list, the advisers with their open caseload, the platforms a case
 * can be transferred to, and the cases selected in the list.
 */
function distribution() {
  const filters = ref(blankDistributionFilters());
  const applied = ref(blankDistributionFilters());
  const cases = useOnlineRequest(() =>
    api.get(`/api/distribution/cases?${distributionQuery(applied.value)}`, distributionCasesResponseSchema),
  );
  const advisers = useOnlineRequest(
    async () => (await api.get('/api/distribution/advisers', advisersResponseSchema)).advisers,
  );
  const platforms = useOnlineRequest(
    async () => (await api.get('/api/distribution/platforms', destinationPlatformsResponseSchema)).platforms,
  );
  const listed = computed(() => (cases.state.value.status === 'ready' ? cases.state.value.data.cases : []));
  const adviserList = computed(() => (advisers.state.value.status === 'ready' ? advisers.state.value.data : []));
  const selected = ref<Set<string>>(new Set());

  /** The selection keeps only cases still listed (after a filter or an assignment). */
  watch(listed, (rows) => {
    const ids = new Set(rows.map((row) => row.id));
    selected.value = new Set([...selected.value].filter((id) => ids.has(id)));
  });

  function applyFilters(): Promise<void> {
    applied.value = { ...filters.value };
    return cases.reload();
  }

  function resetFilters(): Promise<void> {
    filters.value = blankDistributionFilters();
    return applyFilters();
  }

  const reloadLists = () => Promise.all([cases.reload(), advisers.reload()]);

  /** The selected cases to one adviser, all or none; the lists are read again (caseloads changed). */
  async function assignSelected(referentId: string): Promise<BulkAssignmentResponse> {
    const caseIds = listed.value.filter((row) => selected.value.has(row.id)).map((row) => row.id);
    const result = await api.post('/api/distribution/assign', { caseIds, referentId }, bulkAssignmentResponseSchema);
    selected.value = new Set();
    await reloadLists();
    return result;
  }

  async function transfer(caseId: string, request: TransferRequest): Promise<void> {
    await api.post(`/api/cases/${caseId}/transfer`, request, transferResponseSchema);
    await reloadLists();
  }

  return {
    filters,
    cases,
    advisers,
    platforms,
    listed,
    adviserList,
    selected,
    applyFilters,
    resetFilters,
    assignSelected,
    transfer,
  };
}

export type Distribution = ReturnType<typeof distribution>;
const DISTRIBUTION: InjectionKey<Distribution> = Symbol('distribution');

/** Opens the distribution for the screen and the parts inside it. */
export function provideDistribution(): Distribution {
  const opened = distribution();
  provide(DISTRIBUTION, opened);
  return opened;
}

export function useDistribution(): Distribution {
  const opened = inject(DISTRIBUTION);
  if (!opened) throw new Error('useDistribution outside the distribution screen');
  return opened;
}
