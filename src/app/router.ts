import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { probablyProtected } from './db/protection-hint';
import { useDeviceLockStore } from './stores/device-lock';
import { useSessionStore } from './stores/session';

const caseRoute = (path: string, name: string, title: string, component: RouteRecordRaw['component']): RouteRecordRaw =>
  ({ path, name, component, props: true, meta: { title } }) as RouteRecordRaw;

/** The lock screen: the first screen of every start of a protected device (see the guard). */
const lockView = () => import('./views/LockView.vue');

const routes: RouteRecordRaw[] = [
  {
    path: '/connexion',
    name: 'login',
    component: () => import('./views/LoginView.vue'),
    meta: { public: true, title: 'Connexion' },
  },
  {
    path: '/verrouille',
    name: 'lock',
    component: lockView,
    meta: { public: true, title: 'Application verrouillée' },
  },
  {
    path: '/code',
    name: 'pin-setup',
    component: () => import('./views/PinSetupView.vue'),
    meta: { title: 'Code de l’appareil' },
  },
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: 'Aujourd’hui' } },
  {
    path: '/jeunes',
    name: 'caseload',
    component: () => import('./views/CaseloadView.vue'),
    meta: { title: 'Mes jeunes' },
  },
  {
    path: '/jeunes/nouveau',
    name: 'young-person-new',
    component: () => import('./views/YoungPersonFormView.vue'),
    meta: { title: 'Ajouter un jeune' },
  },
  caseRoute('/jeunes/:id', 'case-file', 'Dossier', () => import('./views/CaseFileView.vue')),
  caseRoute(
    '/jeunes/:id/modifier',
    'young-person-edit',
    'Modifier la fiche',
    () => import('./views/YoungPersonFormView.vue'),
  ),
  caseRoute(
    '/jeunes/:id/entretiens/nouveau',
    'meeting-new',
    'Nouvel entretien',
    () => import('./views/MeetingFormView.vue'),
  ),
  caseRoute('/jeunes/:id/statut', 'status-change', 'Changer le statut', () => import('./views/StatusChangeView.vue')),
  caseRoute('/jeunes/:id/cloture', 'case-close', 'Clôturer le dossier', () => import('./views/CloseCaseView.vue')),
  caseRoute('/jeunes/:id/historique', 'case-history', 'Historique', () => import('./views/CaseHistoryView.vue')),
  caseRoute('/jeunes/:id/bilans/:bilanId', 'bilan', 'Bilan de positionnement', () => import('./views/BilanView.vue')),
  caseRoute('/jeunes/:id/contrats/:contractId', 'contract', 'Contrat', () => import('./views/ContractView.vue')),
  caseRoute(
    '/jeunes/:id/contrats/:contractId/impression',
    'contract-print',
    'Contrat à imprimer',
    () => import('./views/ContractPrintView.vue'),
  ),
  caseRoute(
    '/jeunes/:id/propositions/nouvelle',
    'proposal-new',
    'Proposer une solution',
    () => import('./views/ProposalFormView.vue'),
  ),
  {
    path: '/catalogue',
    name: 'catalogue',
    component: () => import('./views/CatalogueView.vue'),
    meta: { title: 'Catalogue des solutions' },
  },
  {
    path: '/catalogue/gestion',
    name: 'catalogue-management',
    component: () => import('./views/CatalogueManagementView.vue'),
    meta: { title: 'Gérer le catalogue', coordinatorOnly: true },
  },
  caseRoute('/catalogue/:id', 'solution', 'Solution', () => import('./views/SolutionView.vue')),
  {
    path: '/synchronisation',
    name: 'sync',
    component: () => import('./views/SyncView.vue'),
    meta: { title: 'Synchronisation' },
  },
  caseRoute('/conflits/:conflictId', 'conflict', 'Résoudre un conflit', () => import('./views/ConflictView.vue')),
  {
    path: '/information',
    name: 'notice',
    component: () => import('./views/NoticeView.vue'),
    meta: { title: 'Information des jeunes et des familles' },
  },
  {
    path: '/compte',
    name: 'account',
    component: () => import('./views/AccountView.vue'),
    meta: { title: 'Mon compte' },
  },
  {
    path: '/import',
    name: 'siei-import',
    component: () => import('./views/ImportView.vue'),
    meta: { title: 'Importer une liste SIEI', coordinatorOnly: true },
  },
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./views/AdminView.vue'),
    meta: { title: 'Administration', adminOnly: true },
  },
  {
    path: '/repartition',
    name: 'distribution',
    component: () => import('./views/DistributionView.vue'),
    meta: { title: 'Répartition des jeunes', coordinatorOnly: true },
  },
  {
    path: '/equipe',
    name: 'team',
    component: () => import('./views/TeamView.vue'),
    meta: { title: 'Comptes de la plateforme', coordinatorOnly: true },
  },
  {
    path: '/activite',
    name: 'activity',
    component: () => import('./views/ActivityView.vue'),
    meta: { title: 'Activité du réseau', roles: ['coordinateur', 'admin'] },
  },
  {
    path: '/deconnexion',
    name: 'logout',
    component: () => import('./views/LogoutView.vue'),
    meta: { title: 'Se déconnecter' },
  },
  {
    path: '/appareil',
    name: 'device',
    component: () => import('./views/DeviceDataView.vue'),
    meta: { title: 'Données sur cet appareil' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./views/NotFoundView.vue'),
    meta: { public: true, title: 'Page introuvable' },
  },
];

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  /**
   * 0. At start, on a device noted as protected, the lock screen at once,
   *    while the device's database is read (see protection-hint.ts; the
   *    screen moves on by itself if the device turns out not to be locked).
   * 1. A locked device shows only its lock screen (its data and session are sealed).
   * 2. Nobody logged in: the login screen.
   * 3. Logged in on a device not yet protected: the PIN comes first.
   * 4. Logged in with the temporary password of a new account: choosing one's
   *    own comes next (the endpoint answers nothing else until then).
   */
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    const deviceLock = useDeviceLockStore();
    const suite = to.fullPath === '/' ? {} : { suite: to.fullPath };
    const toLock = () => (to.name === 'lock' || to.name === 'login' ? true : { name: 'lock', query: suite });
    if (!session.restored) {
      void lockView(); // fetched while the device's database opens, not after
      const starting = session.ready();
      if (probablyProtected()) return toLock(); // 0
      await starting;
    }
    if (deviceLock.locked) return toLock(); // 1
    if (to.name === 'lock') return { name: 'home' };
    if (!to.meta.public && !session.isLoggedIn) return { name: 'login', query: suite }; // 2
    if (session.isLoggedIn && !deviceLock.pinSet && to.name !== 'pin-setup') return { name: 'pin-setup', query: suite }; // 3
    if (session.agent?.mustChangePassword && to.name !== 'account' && to.name !== 'logout' && !to.meta.public) {
      return { name: 'account' }; // 4
    }
    if (to.name === 'login' && session.isLoggedIn) return { name: 'home' };
    if (to.meta.coordinatorOnly && session.agent?.role !== 'coordinateur') return { name: 'home' };
    const admin = session.agent?.role === 'admin'; // no case content: the administration is the admin's home
    if (to.meta.adminOnly && !admin) return { name: 'home' };
    const roles = to.meta.roles as readonly string[] | undefined; // screens of a few roles (the activity bilans)
    if (roles && !roles.includes(session.agent?.role ?? '')) return { name: 'home' };
    if (to.name === 'home' && admin) return { name: 'admin' };
    return true;
  });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? '')} – Raccroche`;
  });
  return router;
}
