import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { matchesTerms, foldForSearch, queryTerms } from '../../domain/search';
import { useLiveQuery } from '../composables/use-live-query';
import type { LocalYoungPerson } from '../db/database';
import { appDb } from '../db/instance';

function searchText(person: LocalYoungPerson): string {
  return foldForSearch(
    [person.lastName, person.firstNames, person.ine, person.commune, person.lastSchoolName].join(' '),
  );
}

/** The young people on this device that are still being followed, sorted by name, with a search filter. */
export const useCaseloadStore = defineStore('caseload', () => {
  const people = useLiveQuery(
    async () => (await appDb.youngPeople.orderBy('lastName').toArray()).filter((person) => person.status !== 'clos'),
    [] as LocalYoungPerson[],
  );
  const index = computed(() => people.value.map((person) => ({ person, text: searchText(person) })));
  const query = ref('');
  const visible = computed(() => {
    const terms = queryTerms(query.value);
    if (terms.length === 0) return people.value;
    return index.value.filter((entry) => matchesTerms(entry.text, terms)).map((entry) => entry.person);
  });
  return { people, query, visible };
});
