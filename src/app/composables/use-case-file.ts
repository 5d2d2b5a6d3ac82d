import { liveQuery, type Subscription } from 'dexie';
import { computed, onScopeDispose, shallowRef, watch } from 'vue';
import type { CaseRecords } from '../../domain/timeline';
import type { LocalYoungPerson, OutboxEntry, RaccrocheDatabase } from '../db/database';
import { appDb } from '../db/instance';

/** Where a record stands with the endpoint, as shown next to it. */
export interface RecordSyncState {
  /** Written on this device and not yet acknowledged ("non synchronisé"). */
  pending: boolean;
  /** Why the endpoint refused it, when it did. */
  rejectedReason: string | null;
}

export interface CaseSnapshot {
  person: LocalYoungPerson | undefined;
  records: CaseRecords;
  outbox: OutboxEntry[];
}

/** One case as the device holds it: the young person, every record about them, and their outbox entries. */
export async function readCase(db: RaccrocheDatabase, youngPersonId: string): Promise<CaseSnapshot> {
  const [person, contactAttempts, meetings, statusChanges, bilans, proposals, contracts, outbox] = await Promise.all([
    db.youngPeople.get(youngPersonId),
    db.contactAttempts.where('youngPersonId').equals(youngPersonId).toArray(),
    db.meetings.where('youngPersonId').equals(youngPersonId).toArray(),
    db.statusChanges.where('youngPersonId').equals(youngPersonId).toArray(),
    db.bilans.where('youngPersonId').equals(youngPersonId).toArray(),
    db.proposals.where('youngPersonId').equals(youngPersonId).toArray(),
    db.contracts.where('youngPersonId').equals(youngPersonId).toArray(),
    db.outbox.where('caseId').equals(youngPersonId).toArray(),
  ]);
  return { person, records: { contactAttempts, meetings, statusChanges, bilans, proposals, contracts }, outbox };
}

/** The most recent contact attempt's moment, or null when nobody tried yet. */
export function lastContactAt(attempts: readonly { occurredAt: string }[]): string | null {
  return attempts.reduce<string | null>(
    (latest, attempt) => (latest === null || attempt.occurredAt > latest ? attempt.occurredAt : latest),
    null,
  );
}

/**
 * The sync state of every record of a case that is not simply synced: records
 * never acknowledged (server version 0), records with a change still waiting
 * in the outbox, and records whose change the endpoint rejected (with why).
 */
export function syncStates(snapshot: CaseSnapshot): Map<string, RecordSyncState> {
  const states = new Map<string, RecordSyncState>();
  const stateOf = (recordId: string) => {
    const state = states.get(recordId) ?? { pending: false, rejectedReason: null };
    states.set(recordId, state);
    return state;
  };
  const all = [snapshot.person ? [snapshot.person] : [], ...Object.values(snapshot.records)].flat();
  for (const record of all) if (record.serverVersion === 0) stateOf(record.id).pending = true;
  for (const entry of snapshot.outbox) {
    if (entry.state === 'rejected') stateOf(entry.recordId).rejectedReason = entry.reason ?? 'Refusé par le serveur';
    else stateOf(entry.recordId).pending = true;
  }
  return states;
}

const SYNCED: RecordSyncState = { pending: false, rejectedReason: null };

/**
 * A case followed live from IndexedDB: every change, from this tab, another
 * tab or a sync, shows at once. `loaded` tells "still reading" apart from
 * "not on this device" (person undefined).
 */
export function useCaseFile(youngPersonId: () => string) {
  const snapshot = shallowRef<CaseSnapshot | null>(null);
  let subscription: Subscription | undefined;

  watch(
    youngPersonId,
    (id) => {
      subscription?.unsubscribe();
      snapshot.value = null;
      subscription = liveQuery(() => readCase(appDb, id)).subscribe({
        next: (value) => {
          snapshot.value = value;
        },
        error: (error: unknown) => console.error('Lecture locale du dossier impossible', error),
      });
    },
    { immediate: true },
  );
  onScopeDispose(() => subscription?.unsubscribe());

  const loaded = computed(() => snapshot.value !== null);
  const person = computed(() => snapshot.value?.person);
  const records = computed(() => snapshot.value?.records);
  const states = computed(() => (snapshot.value ? syncStates(snapshot.value) : new Map<string, RecordSyncState>()));
  const lastContact = computed(() => lastContactAt(snapshot.value?.records.contactAttempts ?? []));

  return {
    loaded,
    person,
    records,
    lastContact,
    syncStateOf: (recordId: string): RecordSyncState => states.value.get(recordId) ?? SYNCED,
  };
}
