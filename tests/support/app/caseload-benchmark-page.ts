import { createPinia } from 'pinia';
import { createApp, nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appDb } from '../../../src/app/db/instance';
import { useCaseloadStore } from '../../../src/app/stores/caseload';
import '../../../src/app/styles';
import CaseloadView from '../../../src/app/views/CaseloadView.vue';
import { fillCaseload, measureCaseload, type CaseloadBenchmarkPage } from './caseload-benchmark';

/**
 * The caseload screen alone in Chromium, over the browser's IndexedDB, for
 * scripts/measure-caseload.ts: each figure runs until the DOM shows the change.
 */

const rowCount = () => document.querySelectorAll('[data-testid="caseload-row"]').length;

async function openScreen() {
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
  createApp(CaseloadView).use(pinia).use(router).mount('#app');
  const caseload = useCaseloadStore(pinia);
  while (!caseload.loaded || rowCount() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  return caseload;
}

(window as unknown as CaseloadBenchmarkPage).measureCaseloadScreen = async (count) => {
  await Promise.all(appDb.tables.map((table) => table.clear()));
  const filled = await fillCaseload(appDb, count);
  return measureCaseload(filled, openScreen, async () => {
    await nextTick();
    void document.body.offsetHeight; // the layout of the new rows, not only the DOM patch
  });
};
