import { liveQuery } from 'dexie';
import { getCurrentScope, onScopeDispose, shallowRef, type Ref } from 'vue';

/** A ref that follows an IndexedDB query: updated after every change, from this tab or another. */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T): Readonly<Ref<T>> {
  const value = shallowRef(initial) as Ref<T>;
  const subscription = liveQuery(query).subscribe({
    next: (result) => {
      value.value = result;
    },
    error: (error: unknown) => console.error('Lecture locale impossible', error),
  });
  if (getCurrentScope()) onScopeDispose(() => subscription.unsubscribe());
  return value;
}
