import { inject, provide, type InjectionKey } from 'vue';
import {
  catalogueResponseSchema,
  managedSolutionResponseSchema,
  type ManagedSolution,
} from '../../domain/catalogue-messages';
import type { SolutionFields } from '../../domain/solution';
import { useSyncStore } from '../stores/sync';
import { api } from '../sync/api';
import { useOnlineRequest } from './use-online-request';

/**
 * The platform's catalogue as the coordinator manages it, read from and
 * written to the endpoint (online): every entry, active or not, with the
 * places taken. After a write the list is read again, and this device syncs
 * so that its own copy of the catalogue (the one advisers browse) follows.
 */
function catalogueManagement() {
  const entries = useOnlineRequest(async () => (await api.get('/api/catalogue', catalogueResponseSchema)).solutions);
  const sync = useSyncStore();

  async function afterWrite(): Promise<void> {
    await entries.reload();
    void sync.syncNow();
  }

  async function create(fields: SolutionFields): Promise<ManagedSolution> {
    const { solution } = await api.post('/api/catalogue', fields, managedSolutionResponseSchema);
    await afterWrite();
    return solution;
  }

  /** An edit of the fields changed since `baseVersion` (the version the screen showed). */
  async function update(id: string, baseVersion: number, changes: Partial<SolutionFields>): Promise<ManagedSolution> {
    const { solution } = await api.patch(
      `/api/catalogue/${id}`,
      { baseVersion, changes },
      managedSolutionResponseSchema,
    );
    await afterWrite();
    return solution;
  }

  return { entries, reload: entries.reload, create, update };
}

export type CatalogueManagement = ReturnType<typeof catalogueManagement>;
const CATALOGUE_MANAGEMENT: InjectionKey<CatalogueManagement> = Symbol('catalogue management');

/** Opens the catalogue's management for the screen and the parts inside it. */
export function provideCatalogueManagement(): CatalogueManagement {
  const opened = catalogueManagement();
  provide(CATALOGUE_MANAGEMENT, opened);
  return opened;
}

/** The catalogue's management the screen opened. */
export function useCatalogueManagement(): CatalogueManagement {
  const opened = inject(CATALOGUE_MANAGEMENT);
  if (!opened) throw new Error('useCatalogueManagement outside the catalogue management screen');
  return opened;
}
