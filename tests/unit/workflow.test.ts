import { describe, expect, it } from 'vitest';
import { caseStatus, contactResult, type CaseStatus, type ContactResult } from '../../src/domain/enums';
import { STATUS_RANK, daysBetween, statusAfter, type CaseEvent } from '../../src/domain/workflow';

const contact = (result: ContactResult): CaseEvent => ({ kind: 'contactAttempt', result });
const entretien: CaseEvent = { kind: 'meeting', meetingKind: 'entretien' };
const pointEtape: CaseEvent = { kind: 'meeting', meetingKind: 'point_etape' };
const contractState = (state: 'brouillon' | 'signe' | 'en_cours' | 'termine' | 'rompu'): CaseEvent => ({
  kind: 'contractState',
  state,
});

const everyEvent: CaseEvent[] = [
  ...contactResult.values.map(contact),
  entretien,
  pointEtape,
  { kind: 'bilanValidated' },
  { kind: 'proposal' },
  ...(['brouillon', 'signe', 'en_cours', 'termine', 'rompu'] as const).map(contractState),
];

describe('the status moves by itself along the path', () => {
  it.each([
    ['a_traiter', contact('message_laisse'), 'contact_en_cours'],
    ['a_traiter', contact('injoignable'), 'contact_en_cours'],
    ['a_traiter', contact('joint'), 'joint'],
    ['contact_en_cours', contact('joint'), 'joint'],
    ['joint', entretien, 'entretien'],
    ['contact_en_cours', entretien, 'entretien'],
    ['entretien', { kind: 'bilanValidated' }, 'bilan'],
    ['bilan', { kind: 'proposal' }, 'solution_proposee'],
    ['entretien', { kind: 'proposal' }, 'solution_proposee'],
    ['solution_proposee', contractState('signe'), 'contrat_signe'],
    ['contrat_signe', contractState('en_cours'), 'en_solution'],
  ] as [CaseStatus, CaseEvent, CaseStatus][])('%s + %o → %s', (from, event, to) => {
    expect(statusAfter(from, event)).toBe(to);
  });

  it('a follow-up point, a draft contract or a finished one leave the status as it is', () => {
    for (const status of caseStatus.values) {
      expect(statusAfter(status, pointEtape)).toBe(status);
      expect(statusAfter(status, contractState('brouillon'))).toBe(status);
      expect(statusAfter(status, contractState('termine'))).toBe(status);
    }
  });
});

describe('forward only', () => {
  it('no event but a broken contract (and an answer from an unreachable person) takes a case back', () => {
    for (const status of caseStatus.values) {
      for (const event of everyEvent) {
        const next = statusAfter(status, event);
        const goesBack = STATUS_RANK[next] < STATUS_RANK[status];
        const allowedBack =
          (event.kind === 'contractState' && event.state === 'rompu') ||
          (status === 'injoignable' && next === 'contact_en_cours');
        if (goesBack) expect(allowedBack, `${status} + ${JSON.stringify(event)} → ${next}`).toBe(true);
      }
    }
  });

  it('a late contact attempt or interview does not pull an advanced case back', () => {
    expect(statusAfter('contrat_signe', contact('message_laisse'))).toBe('contrat_signe');
    expect(statusAfter('en_solution', contact('injoignable'))).toBe('en_solution');
    expect(statusAfter('bilan', entretien)).toBe('bilan');
    expect(statusAfter('en_solution', { kind: 'proposal' })).toBe('en_solution');
    expect(statusAfter('solution_proposee', { kind: 'bilanValidated' })).toBe('solution_proposee');
  });
});

describe('a closed case is never reopened', () => {
  it.each(everyEvent.map((event) => [JSON.stringify(event), event] as const))('by %s', (_name, event) => {
    expect(statusAfter('clos', event)).toBe('clos');
  });
});

describe('a broken contract resumes the path at the contact step', () => {
  it.each(['contrat_signe', 'en_solution', 'solution_proposee'] as CaseStatus[])('from %s', (status) => {
    expect(statusAfter(status, contractState('rompu'))).toBe('contact_en_cours');
  });
});

describe('unreachable young people', () => {
  it('become "injoignable" when an attempt fails during the contact step', () => {
    expect(statusAfter('contact_en_cours', contact('injoignable'))).toBe('injoignable');
  });

  it('stay "injoignable" after another failed attempt', () => {
    expect(statusAfter('injoignable', contact('injoignable'))).toBe('injoignable');
  });

  it('go back to "contact en cours" on any other answer than a reach', () => {
    for (const result of ['message_laisse', 'refus', 'numero_errone'] as const) {
      expect(statusAfter('injoignable', contact(result))).toBe('contact_en_cours');
    }
  });

  it('become "joint" once reached', () => {
    expect(statusAfter('injoignable', contact('joint'))).toBe('joint');
  });

  it('a failed attempt never marks an already reached case as unreachable', () => {
    for (const status of ['joint', 'entretien', 'bilan', 'solution_proposee'] as CaseStatus[]) {
      expect(statusAfter(status, contact('injoignable'))).toBe(status);
    }
  });
});

describe('daysBetween', () => {
  it('counts calendar days between dates or timestamps', () => {
    expect(daysBetween('2026-11-01', '2026-11-16')).toBe(15);
    expect(daysBetween('2026-11-28T23:59:00.000Z', '2026-11-29')).toBe(1);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });
});
