import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import { catalogueCommunes, filterCatalogue, sortSolutions, type CatalogueCriteria } from '../../domain/catalogue';
import { queryTerms } from '../../domain/search';
import { indexForSearch, solutionSearchFields } from '../../domain/search-index';
import type { Solution } from '../../domain/solution';
import { useLiveQuery } from '../composables/use-live-query';
import type { Local } from '../db/database';
import { appDb } from '../db/instance';
import { useDirectoryStore } from './directory';

/** What a person types and picks to browse the catalogue. */
export interface CatalogueSearch {
  query: string;
  type: CatalogueCriteria['type'];
  level: CatalogueCriteria['level'];
  commune: string;
}

export const blankCatalogueSearch = (): CatalogueSearch => ({ query: '', type: '', level: '', commune: '' });

/**
 * The platform's catalogue of solutions as synced to this device, indexed for
 * search once per change; browsing works offline.
 */
export const useCatalogueStore = defineStore('catalogue', () => {
  const solutions = useLiveQuery(() => appDb.solutions.toArray(), [] as Local<Solution>[]);
  const loaded = ref(false);
  watch(solutions, () => (loaded.value = true), { once: true });

  const index = computed(() => indexForSearch(sortSolutions(solutions.value), solutionSearchFields));
  const byId = computed(() => new Map(solutions.value.map((solution) => [solution.id, solution])));
  const communes = computed(() => catalogueCommunes(solutions.value));
  const activeCount = computed(() => solutions.value.filter((solution) => solution.active).length);

  /** Places taken per entry, as the endpoint counted them at the last sync (the directory brings them). */
  const directory = useDirectoryStore();
  const use = computed(() => {
    const counted = directory.directory?.catalogueUse;
    return counted ? new Map(counted.map((entry) => [entry.solutionId, entry.placesTaken])) : null;
  });
  /** Places taken in an entry; null while this device has not received the counts yet. */
  function placesTaken(solutionId: string): number | null {
    return use.value ? (use.value.get(solutionId) ?? 0) : null;
  }

  /** Active entries matching a search, by name. */
  function find(search: CatalogueSearch): Solution[] {
    const { query, ...filters } = search;
    return filterCatalogue(index.value, { ...filters, terms: queryTerms(query) });
  }

  /** The catalogue screen's own search, kept while an entry is opened and closed. */
  const browsing = reactive(blankCatalogueSearch());

  return { loaded, byId, communes, activeCount, find, browsing, placesTaken };
});
