import { createPinia, type Pinia } from 'pinia';
import { createApp, nextTick, watch, type App } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useCaseloadStore } from '../../src/app/stores/caseload';
import CaseloadView from '../../src/app/views/CaseloadView.vue';

/**
 * The app's caseload, as the user gets it: its store alone (data loaded,
 * search index built) or its real screen mounted (rows in the DOM, laid out).
 */
export type CaseloadStore = ReturnType<typeof useCaseloadStore>;

const rowCount = () => document.querySelectorAll('[data-testid="caseload-row"]').length;

/** Resolves when `test` holds, checked each time the store's state changes. */
export function until(store: CaseloadStore, test: () => boolean): Promise<void> {
  if (test()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = watch(
      () => [store.loaded, store.contactsKnown, store.people],
      () => {
        if (!test()) return;
        stop();
        resolve();
      },
    );
  });
}

/**
 * Waits, outside the measure, for the store's background read (the last
 * contacts) to end: it would otherwise share IndexedDB with the next figure.
 */
export function settle(store: CaseloadStore): Promise<void> {
  return until(store, () => store.contactsKnown);
}

/** The store in a new Pinia, read until its people are loaded and their search texts and entries built. */
export async function loadCaseloadStore(): Promise<{ store: CaseloadStore; pinia: Pinia }> {
  const pinia = createPinia();
  const store = useCaseloadStore(pinia);
  await until(store, () => store.loaded);
  void store.entries.length; // the search texts and entries, built from the people read
  return { store, pinia };
}

export interface MountedCaseload {
  store: CaseloadStore;
  app: App;
  unmount(): void;
}

/** Mounts the caseload screen and resolves once its first rows are in the DOM and laid out. */
export async function mountCaseload(): Promise<MountedCaseload> {
  const pinia = createPinia();
  const stub = { template: '<p></p>' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/jeunes', name: 'caseload', component: CaseloadView },
      { path: '/jeunes/nouveau', name: 'young-person-new', component: stub },
      { path: '/jeunes/:id', name: 'case-file', component: stub },
    ],
  });
  await router.push('/jeunes');
  const host = document.createElement('main');
  host.className = 'fr-container';
  document.body.append(host);
  const app = createApp(CaseloadView).use(pinia).use(router);
  app.mount(host);
  const store = useCaseloadStore(pinia);
  await until(store, () => store.loaded);
  await nextTick();
  while (rowCount() === 0) await new Promise((resolve) => requestAnimationFrame(resolve));
  void document.body.offsetHeight; // layout of the rows, not only the DOM patch
  return {
    store,
    app,
    unmount() {
      app.unmount();
      host.remove();
      store.$dispose();
    },
  };
}

/** Sets the query and resolves once the screen shows the result, laid out. */
export async function typeInScreen(store: CaseloadStore, query: string): Promise<void> {
  store.query = query;
  await nextTick();
  void document.body.offsetHeight;
}
