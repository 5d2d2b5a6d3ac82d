import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ContactQuickEntry from '../../src/app/components/case-file/ContactQuickEntry.vue';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import { createRecord } from '../../src/app/db/records';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';

function minorWithGuardians(): YoungPerson {
  return {
    ...blankYoungPerson(crypto.randomUUID(), PLATFORM, AGENT),
    lastName: 'Hoarau',
    firstNames: 'Maëlys',
    birthDate: '2010-03-14',
    phone: '06 39 98 00 01',
    guardians: [
      { relation: 'mere', name: 'Nadia Hoarau', phone: '06 39 98 00 02', email: '' },
      { relation: 'pere', name: 'Joël Hoarau', phone: '', email: '' },
    ],
  };
}

async function mountEntry(person: YoungPerson) {
  await createRecord(appDb, 'youngPerson', person);
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ContactQuickEntry, { props: { person, authorId: AGENT }, global: { plugins: [pinia] } });
}

const resultButton = (wrapper: Awaited<ReturnType<typeof mountEntry>>, label: string) =>
  wrapper.findAll('button').find((button) => button.text() === label)!;

describe('the quick contact entry records an attempt in two taps', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });

  it('one tap on a result records a phone call to the young person, now, by the agent, and confirms it', async () => {
    const person = minorWithGuardians();
    const wrapper = await mountEntry(person);
    expect((wrapper.get('#quick-contact-channel').element as HTMLSelectElement).value).toBe('telephone');
    expect((wrapper.get('#quick-contact-target').element as HTMLSelectElement).value).toBe('jeune');
    expect(wrapper.get('a[href^="tel:"]').attributes('href')).toBe('tel:0639980001');
    const before = Date.now();

    await resultButton(wrapper, 'Joint').trigger('click');
    await vi.waitFor(async () => expect(await appDb.contactAttempts.count()).toBe(1));
    await flushPromises();

    const [attempt] = await appDb.contactAttempts.toArray();
    expect(attempt).toMatchObject({
      youngPersonId: person.id,
      authorId: AGENT,
      channel: 'telephone',
      target: 'jeune',
      guardianName: '',
      result: 'joint',
      note: '',
      serverVersion: 0,
    });
    expect(Date.parse(attempt!.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    const entries = await appDb.outbox.where('recordId').equals(attempt!.id).toArray();
    expect(entries).toMatchObject([{ entity: 'contactAttempt', op: 'create', caseId: person.id }]);
    // The status moves at once, as the endpoint will move it.
    expect((await appDb.youngPeople.get(person.id))?.status).toBe('joint');

    const confirmation = wrapper.get('[data-testid="quick-contact-confirmation"]');
    expect(confirmation.attributes('aria-live')).toBe('polite');
    expect(confirmation.text()).toMatch(/^Tentative enregistrée \(Téléphone : joint, \d{2}:\d{2}\)$/);
    wrapper.unmount();
  });

  it('a guardian may be the target, by name, with another channel and a note', async () => {
    const wrapper = await mountEntry(minorWithGuardians());
    await wrapper.get('#quick-contact-target').setValue('0');
    expect(wrapper.get('a[href^="tel:"]').attributes('href')).toBe('tel:0639980002');
    await wrapper.get('#quick-contact-channel').setValue('sms');
    expect(wrapper.find('a[href^="tel:"]').exists()).toBe(false);
    await wrapper.get('#quick-contact-note').setValue('Rappeler après 18 h');

    await resultButton(wrapper, 'Message laissé').trigger('click');
    await vi.waitFor(async () => expect(await appDb.contactAttempts.count()).toBe(1));
    await flushPromises();

    expect((await appDb.contactAttempts.toArray())[0]).toMatchObject({
      channel: 'sms',
      target: 'representant',
      guardianName: 'Nadia Hoarau',
      result: 'message_laisse',
      note: 'Rappeler après 18 h',
    });
    // Ready for the next call: the note is cleared, the choices stay.
    expect((wrapper.get('#quick-contact-note').element as HTMLInputElement).value).toBe('');
    expect((wrapper.get('#quick-contact-target').element as HTMLSelectElement).value).toBe('0');
    wrapper.unmount();
  });

  it('offers every result and no target choice when there is nobody but the young person', async () => {
    const wrapper = await mountEntry({ ...minorWithGuardians(), guardians: [] });
    expect(wrapper.find('#quick-contact-target').exists()).toBe(false);
    const labels = wrapper
      .get('[role="group"]')
      .findAll('button')
      .map((button) => button.text());
    expect(labels).toEqual(['Joint', 'Message laissé', 'Injoignable', 'Refus', 'Coordonnées erronées']);
    wrapper.unmount();
  });
});
