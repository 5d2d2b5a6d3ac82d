import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agent } from '../../src/domain/auth-messages';
import { createAppRouter } from '../../src/app/router';
import { useDeviceLockStore } from '../../src/app/stores/device-lock';
import { useSessionStore } from '../../src/app/stores/session';

vi.mock('../../src/app/sync/api', () => ({
  api: { get: vi.fn(), post: vi.fn(), patch: vi.fn() },
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));

const agent = (role: Agent['role'], mustChangePassword = false): Agent => ({
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01',
  displayName: 'Camille Durand',
  email: 'camille@raccroche.example',
  role,
  platformId: '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10',
  platformName: 'PSAD Lyon Centre',
  mustChangePassword,
});

/** Where the app's router lands for this agent, on a device whose PIN is set. */
async function landing(who: Agent, path: string): Promise<string> {
  setActivePinia(createPinia());
  const session = useSessionStore();
  session.session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', agent: who };
  session.restored = true;
  useDeviceLockStore().pinSet = true;
  const router = createAppRouter();
  await router.push(path);
  return String(router.currentRoute.value.name);
}

describe('the coordinator’s screens and a temporary password, in the router', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('opens the distribution and the platform’s accounts to the coordinator only', async () => {
    expect(await landing(agent('coordinateur'), '/repartition')).toBe('distribution');
    expect(await landing(agent('coordinateur'), '/equipe')).toBe('team');
    for (const role of ['conseiller', 'mlds', 'tuteur'] as const) {
      expect(await landing(agent(role), '/repartition')).toBe('home');
      expect(await landing(agent(role), '/equipe')).toBe('home');
    }
    expect(await landing(agent('admin'), '/repartition')).toBe('admin');
  }, 60_000); // the first navigations compile the screens they load

  it('sends a new account to "Mon compte" until its temporary password is replaced', async () => {
    const newcomer = agent('conseiller', true);
    expect(await landing(newcomer, '/jeunes')).toBe('account');
    expect(await landing(newcomer, '/')).toBe('account');
    expect(await landing(newcomer, '/compte')).toBe('account');
    expect(await landing(newcomer, '/deconnexion')).toBe('logout');
    expect(await landing(agent('conseiller', false), '/jeunes')).toBe('caseload');
  }, 60_000);
});
