import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import YoungPersonForm from '../../src/app/components/young-person/YoungPersonForm.vue';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';

function mountForm(person: Partial<YoungPerson> = {}) {
  return mount(YoungPersonForm, {
    props: {
      person: { ...blankYoungPerson(crypto.randomUUID(), PLATFORM, null), ...person },
      submitLabel: 'Ajouter ce jeune',
    },
    attachTo: document.body,
  });
}

describe('the young person form validates field by field, in French', () => {
  it('shows a field’s error when it loses focus, tied to the field, and clears it once corrected', async () => {
    const wrapper = mountForm();
    const ine = wrapper.get('#yp-ine');
    await ine.setValue('12345');
    await ine.trigger('blur');
    const message = wrapper.get('#yp-ine-message');
    expect(message.text()).toContain('INE invalide');
    expect(ine.attributes('aria-describedby')).toBe('yp-ine-message');
    expect(ine.attributes('aria-invalid')).toBe('true');

    await ine.setValue('1234567890a');
    expect(wrapper.find('#yp-ine-message').exists()).toBe(false);
    wrapper.unmount();
  });

  it('on submit, lists every invalid field and emits nothing', async () => {
    const wrapper = mountForm({ origin: 'siei' });
    await wrapper.get('#yp-phone').setValue('12');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('save')).toBeUndefined();
    expect(wrapper.get('#yp-lastName-message').text()).toBe('Le nom est obligatoire');
    expect(wrapper.get('#yp-firstNames-message').text()).toBe('Le prénom est obligatoire');
    expect(wrapper.get('#yp-birthDate-message').text()).toContain('Date invalide');
    expect(wrapper.get('#yp-phone-message').text()).toContain('Numéro de téléphone invalide');
    // A cross-field rule: a young person from a SIEI list needs its campaign.
    expect(wrapper.get('#yp-campaign-message').text()).toContain('campagne SIEI est obligatoire');
    expect(wrapper.get('[role="alert"]').text()).toMatch(/5 champs sont à corriger/);
    wrapper.unmount();
  });

  it('emits the validated record, normalised (INE in capitals)', async () => {
    const wrapper = mountForm();
    await wrapper.get('#yp-lastName').setValue('Hoarau');
    await wrapper.get('#yp-firstNames').setValue('Maëlys');
    await wrapper.get('#yp-birthDate').setValue('2009-03-14');
    await wrapper.get('#yp-ine').setValue(' 123456789ab ');
    await wrapper.get('#yp-sex').setValue('F');
    await wrapper.get('form').trigger('submit');
    const [[saved]] = wrapper.emitted('save') as [[YoungPerson]];
    expect(saved).toMatchObject({
      lastName: 'Hoarau',
      firstNames: 'Maëlys',
      birthDate: '2009-03-14',
      ine: '123456789AB',
      sex: 'F',
    });
    wrapper.unmount();
  });
});
