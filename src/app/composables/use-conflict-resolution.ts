import { liveQuery, type Subscription } from 'dexie';
import { computed, onScopeDispose, shallowRef, watch } from 'vue';
import type { Conflict } from '../../domain/conflict';
import type { ConflictChoice } from '../../domain/conflict-resolution';
import { entityName } from '../../domain/sync-messages';
import type { YoungPerson } from '../../domain/young-person';
import { resolveConflict } from '../db/conflict-resolution';
import type { Local, RaccrocheDatabase } from '../db/database';
import { appDb } from '../db/instance';
import { tableOf, type AnyLocalRecord } from '../db/tables';
import { useSessionStore } from '../stores/session';
import { useSyncStore } from '../stores/sync';
import { useSaveAction } from './use-save-action';

export interface ConflictSnapshot {
  conflict: Local<Conflict> | undefined;
  /** The record the conflict is about, as the device shows it now. */
  record: AnyLocalRecord | undefined;
  person: Local<YoungPerson> | undefined;
}

export async function readConflict(db: RaccrocheDatabase, conflictId: string): Promise<ConflictSnapshot> {
  const conflict = await db.conflicts.get(conflictId);
  if (!conflict) return { conflict, record: undefined, person: undefined };
  const entity = entityName.safeParse(conflict.recordEntity);
  const [record, person] = await Promise.all([
    entity.success ? tableOf(db, entity.data).get(conflict.recordId) : undefined,
    db.youngPeople.get(conflict.youngPersonId),
  ]);
  return { conflict, record, person };
}

/**
 * One conflict followed live (a sync may bring its resolution from another
 * device while it is on screen), and its resolution from this device: one
 * local change, then a sync is asked for.
 */
export function useConflictResolution(conflictId: () => string) {
  const session = useSessionStore();
  const sync = useSyncStore();
  const snapshot = shallowRef<ConflictSnapshot | null>(null);
  let subscription: Subscription | undefined;

  watch(
    conflictId,
    (id) => {
      subscription?.unsubscribe();
      snapshot.value = null;
      subscription = liveQuery(() => readConflict(appDb, id)).subscribe({
        next: (value) => {
          snapshot.value = value;
        },
        error: (error: unknown) => console.error('Lecture locale du conflit impossible', error),
      });
    },
    { immediate: true },
  );
  onScopeDispose(() => subscription?.unsubscribe());

  const { saving, saveError, runSave } = useSaveAction(
    (message) => `Enregistrement impossible sur cet appareil : ${message}.`,
  );

  function resolve(choice: ConflictChoice): Promise<void> {
    return runSave(async () => {
      const agentId = session.agent?.id;
      if (!agentId) throw new Error('Session expirée : reconnectez-vous');
      await resolveConflict(appDb, conflictId(), choice, agentId);
      void sync.syncNow();
    });
  }

  return {
    loaded: computed(() => snapshot.value !== null),
    conflict: computed(() => snapshot.value?.conflict),
    record: computed(() => snapshot.value?.record),
    person: computed(() => snapshot.value?.person),
    saving,
    saveError,
    resolve,
  };
}
