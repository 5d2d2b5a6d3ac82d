import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import UpdatePrompt from '../../src/app/components/layout/UpdatePrompt.vue';
import { updateAvailable } from '../../src/app/pwa/register-service-worker';
import { useSyncStore } from '../../src/app/stores/sync';

describe('the update prompt', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    updateAvailable.value = false;
  });

  it('announces a waiting version and applies it only when asked', async () => {
    const wrapper = mount(UpdatePrompt);
    expect(wrapper.text()).toBe('');
    updateAvailable.value = true;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Nouvelle version disponible');
    expect(wrapper.get('button').text()).toBe('Mettre à jour');
  });

  it('asks to update, keeping the data, when the endpoint says this version is too old to sync', async () => {
    const wrapper = mount(UpdatePrompt);
    useSyncStore().needsUpdate = true;
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="too-old"]').text()).toContain('trop ancienne pour synchroniser');
    expect(wrapper.text()).toContain('Vos modifications restent sur cet appareil');
    expect(wrapper.get('button').text()).toBe('Rechercher la mise à jour');
  });
});
