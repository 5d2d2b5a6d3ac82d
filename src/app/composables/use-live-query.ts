import { liveQuery } from 'dexie';
import { getCurrentScope, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { DeviceLockedError } from '../db/crypto/encryption-middleware';

/**
 * Bumped when the device's data becomes readable again (unlocked): every live
 * query started while it was locked reads again.
 */
export const dataGeneration = ref(0);

/** A ref that follows an IndexedDB query: updated after every change, from this tab or another. */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T): Readonly<Ref<T>> {
  const value = shallowRef(initial) as Ref<T>;
  const subscribe = () =>
    liveQuery(query).subscribe({
      next: (result) => {
        value.value = result;
      },
      error: (error: unknown) => {
        // Locked: nothing to show until the next unlock, which reads again.
        if (!(error instanceof DeviceLockedError)) console.error('Lecture locale impossible', error);
      },
    });
  let subscription = subscribe();
  const stopWatching = watch(dataGeneration, () => {
    subscription.unsubscribe();
    subscription = subscribe();
  });
  if (getCurrentScope()) {
    onScopeDispose(() => {
      subscription.unsubscribe();
      stopWatching();
    });
  }
  return value;
}
