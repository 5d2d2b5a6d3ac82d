import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSessionStore } from './stores/session';

const routes: RouteRecordRaw[] = [
  { path: '/connexion', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: 'Connexion' } },
  { path: '/', name: 'caseload', component: () => import('./views/CaseloadView.vue'), meta: { title: 'Mes jeunes' } },
  {
    path: '/jeunes/nouveau',
    name: 'young-person-new',
    component: () => import('./views/YoungPersonFormView.vue'),
    meta: { title: 'Ajouter un jeune' },
  },
  {
    path: '/jeunes/:id/modifier',
    name: 'young-person-edit',
    component: () => import('./views/YoungPersonFormView.vue'),
    props: true,
    meta: { title: 'Modifier la fiche' },
  },
  {
    path: '/synchronisation',
    name: 'sync',
    component: () => import('./views/SyncView.vue'),
    meta: { title: 'Synchronisation' },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: 'Page introuvable' } },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.restored) await session.restore();
    if (!to.meta.public && !session.isLoggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { suite: to.fullPath } };
    if (to.name === 'login' && session.isLoggedIn) return { name: 'caseload' };
    return true;
  });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? '')} – Raccroche`;
  });
  return router;
}
