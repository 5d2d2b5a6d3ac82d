import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MeetingForm from '../../src/app/components/meeting/MeetingForm.vue';
import { appDb } from '../../src/app/db/instance';
import { writeMeta } from '../../src/app/db/meta';
import type { Contract } from '../../src/domain/contract';
import type { MeetingKind } from '../../src/domain/enums';
import { todayIso } from '../../src/domain/young-person';

vi.mock('../../src/app/stores/sync', () => ({ useSyncStore: () => ({ syncNow: vi.fn() }) }));

const PERSON = '3f0b6d2e-5a4c-4e1b-9d8f-7a6b5c4d3e21';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const CONTRACT_ID = '9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0';
const KEY = `meeting:${PERSON}:entretien`;

async function mountForm(kind: MeetingKind = 'entretien', contracts: Partial<Contract>[] = []) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(MeetingForm, {
    props: { youngPersonId: PERSON, kind, authorId: AGENT, contracts: contracts as Contract[] },
    global: { plugins: [pinia] },
    attachTo: document.body,
  });
  await vi.waitFor(() => expect(wrapper.find('form').exists()).toBe(true));
  return wrapper;
}

const buttonNamed = (wrapper: Awaited<ReturnType<typeof mountForm>>, label: string) =>
  wrapper.findAll('button').find((button) => button.text() === label)!;

describe('the meeting form', () => {
  beforeEach(async () => {
    await Promise.all(appDb.tables.map((table) => table.clear()));
    await writeMeta(appDb, 'device', { id: crypto.randomUUID(), agentId: AGENT, nextSeq: 1 });
  });

  it('opens dated today, with large notes that do not grow while typing', async () => {
    const wrapper = await mountForm();
    expect((wrapper.get('#meeting-date').element as HTMLInputElement).value).toBe(todayIso());
    const notes = wrapper.get('#meeting-notes');
    expect(notes.element.tagName).toBe('TEXTAREA');
    expect(notes.attributes('rows')).toBe('14');
    expect(wrapper.get('label[for="meeting-notes"]').text()).toContain('Notes');
    expect(wrapper.find('#meeting-contract').exists()).toBe(false);
    wrapper.unmount();
  });

  it('validates with French messages tied to the fields, and writes nothing', async () => {
    const wrapper = await mountForm();
    await wrapper.get('#meeting-date').setValue('2026-02-30');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#meeting-date-message').text()).toBe('Date invalide (format attendu : JJ/MM/AAAA)');
    expect(wrapper.get('#meeting-notes-message').text()).toBe(
      'Les notes ou les prochaines étapes doivent être renseignées',
    );
    expect(wrapper.get('#meeting-notes').attributes('aria-describedby')).toBe('meeting-notes-message');
    expect(wrapper.get('p[role="alert"]').text()).toBe('2 champs sont à corriger.');
    expect(wrapper.emitted('saved')).toBeUndefined();
    expect(await appDb.meetings.count()).toBe(0);

    // Typing next steps settles the "notes or next steps" rule at once.
    await wrapper.get('#meeting-next-steps').setValue('Rendez-vous au CFA');
    expect(wrapper.find('#meeting-notes-message').exists()).toBe(false);
    wrapper.unmount();
  });

  it('saves every keystroke in IndexedDB and restores it when the form opens again', async () => {
    const first = await mountForm();
    const notes = first.get('#meeting-notes');
    let typed = '';
    for (const letter of 'Veut un CAP') {
      typed += letter;
      await notes.setValue(typed);
      await vi.waitFor(async () => expect((await appDb.drafts.get(KEY))?.value.notes).toBe(typed));
    }
    await first.get('#meeting-place').setValue('CIO de Bron');
    await vi.waitFor(async () => expect((await appDb.drafts.get(KEY))?.value.place).toBe('CIO de Bron'));
    expect(first.get('[data-testid="draft-saved-at"]').text()).toMatch(/^Brouillon enregistré à \d{2}:\d{2}$/);
    expect(first.text()).not.toContain('Brouillon restauré');
    first.unmount(); // the tab is closed

    const second = await mountForm();
    expect((second.get('#meeting-notes').element as HTMLTextAreaElement).value).toBe('Veut un CAP');
    expect((second.get('#meeting-place').element as HTMLInputElement).value).toBe('CIO de Bron');
    expect(second.get('[role="status"]').text()).toBe('Brouillon restauré');
    second.unmount();
  });

  it('saves the meeting and its outbox entry and removes the draft, in one go', async () => {
    const wrapper = await mountForm();
    await wrapper.get('#meeting-participants').setValue('Maëlys Hoarau, Camille Durand (Psy-EN)');
    await wrapper.get('#meeting-notes').setValue('Première rencontre.\nSouhaite une formation en mécanique.');
    await wrapper.get('#meeting-next-steps').setValue('Bilan de positionnement la semaine prochaine');
    await vi.waitFor(async () => expect((await appDb.drafts.get(KEY))?.value.nextSteps).toContain('Bilan'));

    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1));

    const [meeting] = await appDb.meetings.toArray();
    expect(meeting).toMatchObject({
      youngPersonId: PERSON,
      authorId: AGENT,
      kind: 'entretien',
      date: todayIso(),
      participants: 'Maëlys Hoarau, Camille Durand (Psy-EN)',
      notes: 'Première rencontre.\nSouhaite une formation en mécanique.',
      serverVersion: 0,
    });
    expect(await appDb.outbox.toArray()).toMatchObject([
      { entity: 'meeting', op: 'create', recordId: meeting!.id, caseId: PERSON },
    ]);
    expect(await appDb.drafts.get(KEY)).toBeUndefined();
    wrapper.unmount();
  });

  it('a follow-up point names its contract and the attendance', async () => {
    const wrapper = await mountForm('point_etape', [
      { id: CONTRACT_ID, solutionLabel: 'CAP maintenance des véhicules', state: 'en_cours' },
    ]);
    const contractOptions = wrapper.get('#meeting-contract').findAll('option');
    expect(contractOptions.map((option) => option.text())).toEqual([
      'Aucun contrat',
      'CAP maintenance des véhicules (en cours)',
    ]);
    await wrapper.get('#meeting-contract').setValue(CONTRACT_ID);
    await wrapper.get('#meeting-attendance').setValue('irregulier');
    await wrapper.get('#meeting-next-steps').setValue('Point avec le tuteur');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1));
    expect((await appDb.meetings.toArray())[0]).toMatchObject({
      kind: 'point_etape',
      contractId: CONTRACT_ID,
      attendance: 'irregulier',
    });
    expect(await appDb.drafts.get(`meeting:${PERSON}:point_etape`)).toBeUndefined();
    wrapper.unmount();
  });

  it('"Abandonner" discards the draft only once confirmed', async () => {
    const wrapper = await mountForm();
    await wrapper.get('#meeting-notes').setValue('À jeter');
    await vi.waitFor(async () => expect(await appDb.drafts.get(KEY)).toBeDefined());

    await buttonNamed(wrapper, 'Abandonner').trigger('click');
    expect(wrapper.get('.meeting-form__confirm').text()).toContain('Abandonner ce brouillon ?');
    await buttonNamed(wrapper, 'Non, continuer la saisie').trigger('click');
    expect(await appDb.drafts.get(KEY)).toBeDefined();
    expect(wrapper.emitted('abandoned')).toBeUndefined();

    await buttonNamed(wrapper, 'Abandonner').trigger('click');
    await buttonNamed(wrapper, 'Oui, abandonner le brouillon').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('abandoned')).toHaveLength(1));
    expect(await appDb.drafts.get(KEY)).toBeUndefined();
    expect(await appDb.meetings.count()).toBe(0);
    wrapper.unmount();
  });
});
