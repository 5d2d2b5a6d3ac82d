import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue';
import {
  buildCaseloadEntries,
  campaignsOf,
  countByStatus,
  filterCaseload,
  needsCallBack,
  sortCaseload,
  type CaseloadCriteria,
  type CaseloadEntry,
  type CaseloadPerson,
  type CaseloadSort,
} from '../../domain/caseload';
import { queryTerms } from '../../domain/search';
import { searchText, youngPersonSearchFields } from '../../domain/search-index';
import { CALL_BACK_AFTER_DAYS } from '../../domain/workflow';
import { todayIso } from '../../domain/young-person';
import { useLiveQuery } from '../composables/use-live-query';
import { foldCaseloadChanges, FOLD_FROM, readCaseloadPeople } from '../db/caseload-snapshot';
import { appDb } from '../db/instance';
import { readLastContacts } from '../db/last-contacts';

export type CaseloadFilters = Omit<CaseloadCriteria, 'terms'>;
export type LocalCaseloadEntry = CaseloadEntry<CaseloadPerson>;

/**
 * Rows shown at first, and added by each "Afficher plus": a tablet shows about
 * fifteen, and a keystroke of the search redraws them all (50 rows keep it
 * within a frame, `npm run bench`).
 */
export const CASELOAD_PAGE = 50;

export const blankCaseloadFilters = (): CaseloadFilters => ({
  status: '',
  minorsOnly: false,
  origin: '',
  campaign: '',
  callBackOnly: false,
  callBackAfterDays: CALL_BACK_AFTER_DAYS,
});

/**
 * The last contact of everyone, read again whenever contact attempts are
 * added or removed (append-only records: their count tells, and counting is
 * cheap to follow live), the latest read winning.
 */
function useLastContacts(): Readonly<Ref<Map<string, string>>> {
  const count = useLiveQuery(() => appDb.contactAttempts.count(), -1);
  const lastContacts = shallowRef(new Map<string, string>());
  let reads = 0;
  watch(count, async () => {
    const read = (reads += 1);
    const found = await readLastContacts(appDb);
    if (read === reads) lastContacts.value = found;
  });
  return lastContacts;
}

/**
 * Everyone on the device, read from the caseload's snapshot (one opening per
 * bucket, db/caseload-snapshot.ts); when enough were read from their own rows
 * (changed since), they are folded into their buckets for the next read.
 */
function useCaseloadPeople(): Readonly<Ref<CaseloadPerson[]>> {
  const read = useLiveQuery(() => readCaseloadPeople(appDb), { people: [] as CaseloadPerson[], unfolded: 0 });
  watch(read, ({ unfolded }) => {
    if (unfolded < FOLD_FROM) return;
    foldCaseloadChanges(appDb).catch((error: unknown) => console.error('Instantané de la liste non mis à jour', error));
  });
  return computed(() => read.value.people);
}

/**
 * The young people on this device, with where each case stands, searched,
 * filtered and sorted as the adviser asks. The folded search text of each
 * person is built when the people change; a keystroke only filters.
 */
export const useCaseloadStore = defineStore('caseload', () => {
  const today = ref(todayIso());
  const people = useCaseloadPeople();
  const lastContacts = useLastContacts();
  // The first reads of IndexedDB: no "nobody yet" before the people are read (the list shows then),
  // no "never contacted" before the contacts are (their column fills in a moment later).
  const loaded = ref(false);
  const contactsKnown = ref(false);
  watch(people, () => (loaded.value = true), { once: true });
  watch(lastContacts, () => (contactsKnown.value = true), { once: true });

  const texts = computed(() => new Map(people.value.map((p) => [p.id, searchText(youngPersonSearchFields(p))])));
  const entries = computed(() => buildCaseloadEntries(people.value, texts.value, lastContacts.value, today.value));
  const counts = computed(() => countByStatus(entries.value));
  const openCount = computed(() => entries.value.length - counts.value.clos);
  const campaigns = computed(() => campaignsOf(people.value));

  // What the adviser asked for, kept while they open a case and come back.
  const query = ref('');
  const filters = reactive(blankCaseloadFilters());
  const sort = ref<CaseloadSort>('name');
  const limit = ref(CASELOAD_PAGE);

  const sorted = computed(() => sortCaseload(entries.value, sort.value));
  const visible = computed(() => filterCaseload(sorted.value, { ...filters, terms: queryTerms(query.value) }));
  const shown = computed(() => visible.value.slice(0, limit.value));
  watch([query, filters, sort], () => {
    limit.value = CASELOAD_PAGE;
  });

  /** Open cases to call back, who waits longest first. */
  const toCallBack = computed(() =>
    sortCaseload(
      entries.value.filter((entry) => needsCallBack(entry, filters.callBackAfterDays)),
      'lastContact',
    ),
  );

  function showMore(): void {
    limit.value += CASELOAD_PAGE;
  }

  function resetFilters(): void {
    Object.assign(filters, blankCaseloadFilters());
    query.value = '';
  }

  /** Ages and delays are counted from today: called when a screen opens (the app may stay open overnight). */
  function refreshDay(): void {
    today.value = todayIso();
  }

  return {
    today,
    people,
    loaded,
    contactsKnown,
    entries,
    counts,
    openCount,
    campaigns,
    query,
    filters,
    sort,
    visible,
    shown,
    toCallBack,
    showMore,
    resetFilters,
    refreshDay,
  };
});
