import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agent } from '../../src/domain/auth-messages';
import type { DeviceSummary } from '../../src/domain/device-messages';
import { lockDevice, protectDevice, unlockWithPassword } from '../../src/app/db/crypto/device-lock';
import { appDb } from '../../src/app/db/instance';
import { readMeta } from '../../src/app/db/meta';
import { useSessionStore } from '../../src/app/stores/session';
import { ApiFailure } from '../../src/app/sync/api-client';
import AccountView from '../../src/app/views/AccountView.vue';

const syncNow = vi.hoisted(() => vi.fn());
vi.mock('../../src/app/stores/sync', () => ({
  useSyncStore: () => ({ pendingCount: 2, rejected: [{ seq: 9 }], syncNow }),
}));
const api = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn() }));
vi.mock('../../src/app/sync/api', () => ({
  api,
  setApiToken: vi.fn(),
  setTokenRenewal: vi.fn(),
  setSessionEndHandler: vi.fn(),
}));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const SOPHIE: Agent = {
  id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a03',
  displayName: 'Sophie Lefèvre',
  email: 'coordination@raccroche.example',
  role: 'coordinateur',
  platformId: PLATFORM,
  platformName: 'PSAD Lyon Centre (démonstration)',
};
const KARIM = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a02';

const device = (overrides: Partial<DeviceSummary>): DeviceSummary => ({
  id: crypto.randomUUID(),
  name: 'Tablette',
  agentId: SOPHIE.id,
  agentName: SOPHIE.displayName,
  createdAt: '2026-09-01T08:00:00.000Z',
  lastSeenAt: '2026-10-05T07:30:00.000Z',
  revokedAt: null,
  current: false,
  ...overrides,
});
const thisTablet = device({ name: 'Chrome sur Android', current: true });
const deskBrowser = device({ name: 'Firefox sur Windows' });
const oldTablet = device({ name: 'Safari sur iPad', revokedAt: '2026-09-20T10:00:00.000Z' });
const karimTablet = device({ name: 'Chrome sur iPad', agentId: KARIM, agentName: 'Karim Benali' });

async function mountAccount(agent: Agent = SOPHIE) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', agent };
  const wrapper = mount(AccountView, { global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountAccount>>;

const buttonNamed = (within: Pick<Wrapper, 'findAll'>, label: string) =>
  within.findAll('button').find((button) => button.text() === label)!;
const items = (wrapper: Wrapper, list: string) =>
  wrapper.findAll(`[data-testid="${list}"] [data-testid="device-item"]`);

describe('Mon compte: who I am and my devices', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    api.get.mockReset().mockResolvedValue([thisTablet, deskBrowser, oldTablet, karimTablet]);
    api.post.mockReset().mockResolvedValue(undefined);
  });

  it('shows who is logged in, my devices and, for a coordinator, the platform’s', async () => {
    const wrapper = await mountAccount();
    expect(wrapper.get('h1').text()).toBe('Mon compte');
    const identity = wrapper.get('section[aria-labelledby="account-identity-title"]').text();
    expect(identity).toContain('Sophie Lefèvre');
    expect(identity).toContain('Responsable de plateforme');
    expect(identity).toContain('PSAD Lyon Centre (démonstration)');
    expect(api.get).toHaveBeenCalledWith('/api/devices', expect.anything());

    const mine = items(wrapper, 'my-devices');
    expect(mine.map((item) => item.get('h3').text())).toEqual([
      'Chrome sur Android Cet appareil',
      'Firefox sur Windows',
      'Safari sur iPad Révoqué',
    ]);
    expect(mine[0]!.text()).toContain('Dernier contact05/10/2026');
    expect(mine[0]!.text()).toContain('ÉtatActif');
    expect(mine[2]!.text()).toContain('Révoqué le 20/09/2026');
    expect(mine[2]!.find('button').exists()).toBe(false);

    expect(wrapper.get('#account-others-title').text()).toBe('Appareils de la plateforme');
    const others = items(wrapper, 'other-devices');
    expect(others).toHaveLength(1);
    expect(others[0]!.text()).toContain('CompteKarim Benali');
  });

  it('revokes another device after a confirmation that can be cancelled, then reads the list again', async () => {
    const wrapper = await mountAccount();
    const karim = () => items(wrapper, 'other-devices')[0]!;
    await buttonNamed(karim(), 'Révoquer').trigger('click');
    expect(karim().text()).toContain('Révoquer « Chrome sur iPad » de Karim Benali ?');
    expect(document.activeElement?.textContent?.trim()).toBe('Confirmer la révocation');
    await buttonNamed(karim(), 'Annuler').trigger('click');
    await flushPromises();
    expect(document.activeElement?.id).toBe(`device-${karimTablet.id}-revoke`);
    expect(api.post).not.toHaveBeenCalled();

    api.get.mockResolvedValue([
      thisTablet,
      deskBrowser,
      oldTablet,
      { ...karimTablet, revokedAt: new Date().toISOString() },
    ]);
    await buttonNamed(karim(), 'Révoquer').trigger('click');
    await buttonNamed(karim(), 'Confirmer la révocation').trigger('click');
    await flushPromises();
    expect(api.post).toHaveBeenCalledWith(`/api/devices/${karimTablet.id}/revoke`, {}, expect.anything());
    expect(api.get).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-testid="device-outcome"]').text()).toBe(
      '« Chrome sur iPad » est révoqué : il est déconnecté et effacera ses données.',
    );
    expect(karim().text()).toContain('Révoqué le');
  });

  it('warns that revoking this device logs out and loses its unsent changes', async () => {
    const wrapper = await mountAccount();
    const current = () => items(wrapper, 'my-devices')[0]!;
    await buttonNamed(current(), 'Révoquer cet appareil').trigger('click');
    const warning = current().text();
    expect(warning).toContain(
      'Vous serez déconnecté et toutes les données de Raccroche seront effacées de cet appareil',
    );
    expect(warning).toContain('3 modifications non envoyées seront perdues');
  });

  it('says a refused revocation, and says plainly that the list needs the network', async () => {
    const wrapper = await mountAccount();
    api.post.mockRejectedValue(new ApiFailure('offline', 'Pas de connexion au serveur'));
    const desk = () => items(wrapper, 'my-devices')[1]!;
    await buttonNamed(desk(), 'Révoquer').trigger('click');
    await buttonNamed(desk(), 'Confirmer la révocation').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="device-outcome"]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-testid="device-outcome"]').text()).toContain('cette action demande le réseau');

    api.get.mockRejectedValue(new ApiFailure('offline', 'Pas de connexion au serveur'));
    const offline = await mountAccount();
    expect(offline.text()).toContain('Connexion au réseau nécessaire');
    expect(offline.text()).toContain('la liste des appareils ne se consulte qu’en ligne');
    expect(offline.find('[data-testid="my-devices"]').exists()).toBe(false);
    api.get.mockResolvedValue([thisTablet]);
    await buttonNamed(offline, 'Réessayer').trigger('click');
    await flushPromises();
    expect(items(offline, 'my-devices')).toHaveLength(1);
  });

  it('shows no platform section to an adviser', async () => {
    api.get.mockResolvedValue([device({ agentId: KARIM, agentName: 'Karim Benali', current: true })]);
    const wrapper = await mountAccount({ ...SOPHIE, id: KARIM, displayName: 'Karim Benali', role: 'mlds' });
    expect(items(wrapper, 'my-devices')).toHaveLength(1);
    expect(wrapper.find('#account-others-title').exists()).toBe(false);
  });
});

describe('Mon compte: changing my password', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    api.get.mockReset().mockResolvedValue([thisTablet]);
    api.post.mockReset().mockResolvedValue(undefined);
  });

  const field = (wrapper: Wrapper, name: string) => wrapper.get(`#password-${name}`);
  const errorOf = (wrapper: Wrapper, name: string) => wrapper.find(`#password-${name}-error`);
  const rules = (wrapper: Wrapper) =>
    wrapper.findAll('[data-testid="password-rules"] li').map((rule) => [rule.text(), rule.attributes('data-met')]);
  const submit = async (wrapper: Wrapper) => {
    await wrapper.get('#password-change').trigger('submit');
    await flushPromises();
  };

  it('checks the policy as the new password is typed, and each field in French', async () => {
    const wrapper = await mountAccount();
    expect(rules(wrapper).map(([, met]) => met)).toEqual([undefined, undefined, undefined, undefined]);

    await field(wrapper, 'newPassword').setValue('azerty');
    expect(rules(wrapper)).toEqual([
      ['Au moins 12 caractères : non respectée', 'false'],
      ['Pas uniquement des lettres, ni uniquement des chiffres : non respectée', 'false'],
      ['Ne reprend pas l’adresse électronique du compte : respectée', 'true'],
      [
        'Ni suite (« abcd », « 1234 »), ni répétition, ni mot courant (« motdepasse », « azerty ») : non respectée',
        'false',
      ],
    ]);
    await field(wrapper, 'newPassword').trigger('blur');
    expect(errorOf(wrapper, 'newPassword').text()).toContain('Le mot de passe doit contenir au moins 12 caractères.');
    const input = field(wrapper, 'newPassword');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe('password-newPassword-error password-rules');

    await field(wrapper, 'newPassword').setValue('coordination-Lyon-2026');
    expect(rules(wrapper)[2]).toEqual(['Ne reprend pas l’adresse électronique du compte : non respectée', 'false']);
    await field(wrapper, 'newPassword').setValue('Chemin des Pentes 7');
    expect(rules(wrapper).every(([, met]) => met === 'true')).toBe(true);
    expect(errorOf(wrapper, 'newPassword').exists()).toBe(false); // corrected as typed

    await field(wrapper, 'confirmation').setValue('Chemin des pentes 7');
    await field(wrapper, 'confirmation').trigger('blur');
    expect(errorOf(wrapper, 'confirmation').text()).toBe('Les deux saisies du nouveau mot de passe diffèrent');
    await submit(wrapper);
    expect(errorOf(wrapper, 'currentPassword').text()).toBe('Saisissez votre mot de passe actuel');
    expect(document.activeElement?.id).toBe('password-currentPassword');
    expect(api.post).not.toHaveBeenCalled();
  });

  it('changes the password, says the other devices are logged out and empties the form', async () => {
    const wrapper = await mountAccount();
    await field(wrapper, 'currentPassword').setValue('Raccroche-demo-2026');
    await field(wrapper, 'newPassword').setValue('Chemin des Pentes 7');
    await field(wrapper, 'confirmation').setValue('Chemin des Pentes 7');
    await submit(wrapper);
    expect(api.post).toHaveBeenCalledWith(
      '/api/account/password',
      { currentPassword: 'Raccroche-demo-2026', newPassword: 'Chemin des Pentes 7' },
      expect.anything(),
    );
    await vi.waitFor(() => expect(wrapper.find('[data-testid="password-changed"]').exists()).toBe(true));
    const done = wrapper.get('[data-testid="password-changed"]');
    expect(done.text()).toContain('Vos sessions sur vos autres appareils ont été fermées');
    expect(document.activeElement).toBe(done.element);
    expect((field(wrapper, 'newPassword').element as HTMLInputElement).value).toBe('');
  });

  it('asks a new account to replace its temporary password first; once replaced, the app syncs at once', async () => {
    const wrapper = await mountAccount({ ...SOPHIE, mustChangePassword: true });
    expect(wrapper.get('[data-testid="temporary-password"]').text()).toContain('Choisissez votre mot de passe');
    syncNow.mockClear();
    await field(wrapper, 'currentPassword').setValue('Provisoire-2026-Lyon!');
    await field(wrapper, 'newPassword').setValue('Chemin des Pentes 7');
    await field(wrapper, 'confirmation').setValue('Chemin des Pentes 7');
    await submit(wrapper);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="password-changed"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="temporary-password"]').exists()).toBe(false);
    expect(useSessionStore().agent?.mustChangePassword).toBe(false);
    expect((await readMeta(appDb, 'session'))?.agent.mustChangePassword).toBe(false);
    expect(syncNow).toHaveBeenCalledTimes(1);
  });

  it('wraps this device’s data key with the new password, so it still opens the device after too many wrong PINs', async () => {
    await protectDevice(appDb, { pin: '482915', password: 'Raccroche-demo-2026' });
    try {
      const wrapper = await mountAccount();
      await field(wrapper, 'currentPassword').setValue('Raccroche-demo-2026');
      await field(wrapper, 'newPassword').setValue('Chemin des Pentes 7');
      await field(wrapper, 'confirmation').setValue('Chemin des Pentes 7');
      await submit(wrapper);
      await vi.waitFor(() => expect(wrapper.find('[data-testid="password-changed"]').exists()).toBe(true), {
        timeout: 20_000,
      });
      lockDevice(appDb);
      expect(await unlockWithPassword(appDb, 'Raccroche-demo-2026')).toBe(false);
      expect(await unlockWithPassword(appDb, 'Chemin des Pentes 7')).toBe(true);
    } finally {
      Object.assign(appDb.encryption, { mode: 'off', key: null });
      await Promise.all(appDb.tables.map((table) => table.clear()));
    }
  }, 60_000);

  it('puts the endpoint’s refusals on their field, and says when it is unreachable or throttled', async () => {
    const wrapper = await mountAccount();
    const fill = async () => {
      await field(wrapper, 'currentPassword').setValue('mauvais mot de passe');
      await field(wrapper, 'newPassword').setValue('Chemin des Pentes 7');
      await field(wrapper, 'confirmation').setValue('Chemin des Pentes 7');
    };
    await fill();
    api.post.mockRejectedValueOnce(
      new ApiFailure('client', 'Mot de passe actuel incorrect', 401, {
        error: 'invalid_current_password',
        message: 'Mot de passe actuel incorrect',
      }),
    );
    await submit(wrapper);
    expect(errorOf(wrapper, 'currentPassword').text()).toBe('Mot de passe actuel incorrect');

    api.post.mockRejectedValueOnce(
      new ApiFailure('client', 'Requête invalide', 400, {
        error: 'invalid_request',
        message: 'Requête invalide',
        issues: [{ path: 'newPassword', message: 'Le nouveau mot de passe doit être différent de l’actuel' }],
      }),
    );
    await submit(wrapper);
    expect(errorOf(wrapper, 'newPassword').text()).toBe('Le nouveau mot de passe doit être différent de l’actuel.');

    await fill();
    api.post.mockRejectedValueOnce(
      new ApiFailure('client', 'Trop de tentatives : réessayez dans 15 minutes', 429, {
        error: 'throttled',
        message: 'Trop de tentatives : réessayez dans 15 minutes',
      }),
    );
    await submit(wrapper);
    expect(wrapper.get('[data-testid="password-failure"]').text()).toBe(
      'Trop de tentatives : réessayez dans 15 minutes',
    );

    api.post.mockRejectedValueOnce(new ApiFailure('offline', 'Pas de connexion au serveur'));
    await submit(wrapper);
    expect(wrapper.get('[data-testid="password-failure"]').text()).toContain('cette action demande le réseau');
  });
});
