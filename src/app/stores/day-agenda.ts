import { defineStore } from 'pinia';
import { computed } from 'vue';
import { contractsEndingSoon, upcomingCheckpoints } from '../../domain/day-agenda';
import { fullName } from '../../domain/young-person';
import { useLiveQuery } from '../composables/use-live-query';
import type { Local } from '../db/database';
import type { Contract } from '../../domain/contract';
import { appDb } from '../db/instance';
import { useCaseloadStore } from './caseload';

/** What the day holds for the open cases on this device: calls to make, checkpoints, contracts ending. */
export const useDayAgendaStore = defineStore('day-agenda', () => {
  const caseload = useCaseloadStore();
  const contracts = useLiveQuery(() => appDb.contracts.toArray(), [] as Local<Contract>[]);
  const openPeople = computed(
    () => new Map(caseload.people.filter((person) => person.status !== 'clos').map((person) => [person.id, person])),
  );
  const openContracts = computed(() =>
    contracts.value.filter((contract) => openPeople.value.has(contract.youngPersonId)),
  );

  const checkpoints = computed(() => upcomingCheckpoints(openContracts.value, caseload.today));
  const endings = computed(() => contractsEndingSoon(openContracts.value, caseload.today));

  function nameOf(youngPersonId: string): string {
    const person = openPeople.value.get(youngPersonId);
    return person ? fullName(person) : 'Jeune inconnu';
  }

  return { checkpoints, endings, nameOf };
});
