import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { ApiFailure } from '../sync/api-client';
import { errorMessage } from './format';

/**
 * What a screen that reads the endpoint directly (no copy on the device:
 * devices, accounts, a case's history) has to show: still reading, the
 * answer, no network, the endpoint's refusal (`refused`, with its HTTP
 * status), or another failure.
 */
export type OnlineState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'offline' }
  | { status: 'refused'; httpStatus: number; message: string }
  | { status: 'failed'; message: string };

export function failureState(error: unknown): Exclude<OnlineState<never>, { status: 'loading' | 'ready' }> {
  if (!(error instanceof ApiFailure)) return { status: 'failed', message: errorMessage(error) };
  if (error.kind === 'offline') return { status: 'offline' };
  if (error.kind === 'client' && error.status) {
    return { status: 'refused', httpStatus: error.status, message: error.message };
  }
  return { status: 'failed', message: error.message };
}

/** What an action that needs the endpoint (revoke, change, create) says when it fails. */
export function onlineActionFailure(error: unknown): string {
  const state = failureState(error);
  if (state.status === 'offline') {
    return 'Pas de connexion au serveur : cette action demande le réseau. Réessayez une fois connecté.';
  }
  return state.message;
}

/**
 * Reads `load` from the endpoint at once, again on `reload()`, and again by
 * itself when the network comes back after a read that found none.
 */
export function useOnlineRequest<T>(load: () => Promise<T>) {
  const state = shallowRef<OnlineState<T>>({ status: 'loading' });

  async function reload(): Promise<void> {
    if (state.value.status !== 'ready') state.value = { status: 'loading' };
    try {
      state.value = { status: 'ready', data: await load() };
    } catch (error) {
      state.value = failureState(error);
    }
  }

  const retryOnline = () => {
    if (state.value.status === 'offline') void reload();
  };
  window.addEventListener('online', retryOnline);
  if (getCurrentScope()) onScopeDispose(() => window.removeEventListener('online', retryOnline));
  void reload();

  return { state, reload };
}

/** Whether the browser believes it has a network (a hint only: a request is the real test). */
export function useBrowserOnline() {
  const online = ref(navigator.onLine);
  const follow = () => {
    online.value = navigator.onLine;
  };
  window.addEventListener('online', follow);
  window.addEventListener('offline', follow);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      window.removeEventListener('online', follow);
      window.removeEventListener('offline', follow);
    });
  }
  return online;
}
