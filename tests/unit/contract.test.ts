import { describe, expect, it } from 'vitest';
import { acceptedProposalOf, prefillContract } from '../../src/app/composables/contract-prefill';
import { contractDraftKey } from '../../src/app/composables/use-contract-editor';
import {
  CONTRACT_LOCKED,
  CONTRACT_TERMS,
  CONTRACT_TRANSITIONS,
  contractCrossFieldIssues,
  contractEditRefusal,
  contractRefusalForPerson,
  contractSchema,
  type Contract,
} from '../../src/domain/contract';
import { contractState, type ContractState } from '../../src/domain/enums';
import type { Proposal } from '../../src/domain/proposal';
import type { Solution } from '../../src/domain/solution';
import { blankYoungPerson, type YoungPerson } from '../../src/domain/young-person';

const PLATFORM = '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const SOLUTION = '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918';
const TODAY = '2026-03-15';

const PERSON: YoungPerson = {
  ...blankYoungPerson('3f8e2a41-7c5d-4b9e-a1f0-2d6c8b4e9a73', PLATFORM, AGENT),
  lastName: 'Hoarau',
  firstNames: 'Maëlys',
  birthDate: '2009-06-01', // 16 on TODAY
  guardians: [
    { relation: 'mere', name: 'Sandrine Hoarau', phone: '', email: '' },
    { relation: 'pere', name: 'Jean Hoarau', phone: '', email: '' },
  ],
};

function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    ...prefillContract({ id: crypto.randomUUID(), person: PERSON, psadName: 'PSAD Test', today: TODAY }),
    solutionLabel: 'Micro-lycée (fictif)',
    ...overrides,
  };
}

const SIGNED: Partial<Contract> = {
  state: 'signe',
  signedOn: '2026-03-20',
  objectives: 'Reprendre une seconde professionnelle',
  startDate: '2026-04-01',
  endDate: '2026-07-03',
};

const messages = (value: unknown) => {
  const result = contractSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the contract schema', () => {
  it('accepts a draft naming the young person, the PSAD and the solution', () => {
    expect(messages(contract())).toEqual([]);
    expect(messages(contract({ solutionLabel: ' ', psadName: '' }))).toEqual([
      'solutionLabel: La solution retenue est obligatoire',
      'psadName: La plateforme (PSAD) est obligatoire',
    ]);
  });

  it('wants the end after the start, and dated checkpoints', () => {
    expect(messages(contract({ startDate: '2026-06-01', endDate: '2026-05-31' }))).toEqual([
      'endDate: La date de fin doit suivre la date de début',
    ]);
    expect(messages(contract({ checkpoints: [{ date: '', label: 'Bilan de mi-parcours' }] }))).toEqual([
      'checkpoints.0.date: Date invalide (format attendu : JJ/MM/AAAA)',
    ]);
  });

  it('signs only with a signature date, both dates and the objectives', () => {
    expect(messages(contract({ state: 'signe' }))).toEqual([
      'signedOn: La date de signature est obligatoire',
      'startDate: La date de début est obligatoire pour signer',
      'endDate: La date de fin est obligatoire pour signer',
      'objectives: Les objectifs sont obligatoires pour signer',
    ]);
    expect(messages(contract(SIGNED))).toEqual([]);
  });

  it('ends with the date it ended, and breaks with a reason too', () => {
    expect(messages(contract({ ...SIGNED, state: 'termine' }))).toEqual([
      'endedOn: La date de fin effective est obligatoire',
    ]);
    expect(messages(contract({ ...SIGNED, state: 'rompu', endedOn: '2026-05-02' }))).toEqual([
      'endReason: Le motif de la rupture est obligatoire',
    ]);
    expect(messages(contract({ ...SIGNED, state: 'rompu', endedOn: '2026-05-02', endReason: 'Déménagement' }))).toEqual(
      [],
    );
  });

  it('reports its cross-field rules on their own, for forms whose other fields are still wrong', () => {
    // A date that does not exist stops the schema before its cross-field rules.
    const broken = contract({ ...SIGNED, startDate: '2026-08-01', checkpoints: [{ date: '2026-02-30', label: '' }] });
    expect(messages(broken)).toEqual(['checkpoints.0.date: Date invalide (format attendu : JJ/MM/AAAA)']);
    expect(contractCrossFieldIssues(broken)).toEqual([
      { path: 'endDate', message: 'La date de fin doit suivre la date de début' },
    ]);
  });
});

describe('the states of a contract', () => {
  it('go brouillon → signé → en cours → terminé | rompu, and no way back', () => {
    expect(CONTRACT_TRANSITIONS).toEqual({
      brouillon: ['brouillon', 'signe'],
      signe: ['signe', 'en_cours', 'rompu'],
      en_cours: ['en_cours', 'termine', 'rompu'],
      termine: ['termine'],
      rompu: ['rompu'],
    });
  });

  it('refuse a move the transitions do not allow, in French', () => {
    const forbidden: [ContractState, ContractState][] = [
      ['brouillon', 'en_cours'],
      ['signe', 'brouillon'],
      ['signe', 'termine'],
      ['termine', 'en_cours'],
      ['rompu', 'signe'],
    ];
    for (const [from, to] of forbidden) {
      expect(contractEditRefusal({ state: from }, { state: to })).toBe(
        `Passage impossible de l’état « ${contractState.label(from)} » à « ${contractState.label(to)} »`,
      );
    }
    expect(contractEditRefusal({ state: 'signe' }, { state: 'en_cours' })).toBeNull();
    expect(contractEditRefusal({ state: 'en_cours' }, { state: 'rompu', endedOn: TODAY, endReason: 'x' })).toBeNull();
  });
});

describe('a signed contract is locked', () => {
  it('lets a draft change its terms, and sign them in the same edit', () => {
    expect(
      contractEditRefusal({ state: 'brouillon' }, { objectives: 'x', state: 'signe', signedOn: TODAY }),
    ).toBeNull();
  });

  it('refuses any change of its terms once signed; only state, endedOn and endReason may change', () => {
    for (const state of ['signe', 'en_cours', 'termine', 'rompu'] as const) {
      for (const field of CONTRACT_TERMS) {
        expect(contractEditRefusal({ state }, { [field]: 'x' })).toBe(CONTRACT_LOCKED);
      }
    }
    expect(contractEditRefusal({ state: 'en_cours' }, { endedOn: TODAY, endReason: 'Fin anticipée' })).toBeNull();
    expect(CONTRACT_TERMS).not.toContain('state');
    expect(CONTRACT_TERMS).not.toContain('endedOn');
    expect(CONTRACT_TERMS).not.toContain('endReason');
  });
});

describe('the contract of a minor', () => {
  it('names the legal guardian who signs, once signed', () => {
    const withoutGuardian = contract({ ...SIGNED, guardianName: ' ' });
    expect(contractRefusalForPerson(withoutGuardian, true)).toBe(
      'Le jeune est mineur : le contrat doit nommer le représentant légal signataire',
    );
    expect(contractRefusalForPerson(withoutGuardian, false)).toBeNull();
    expect(contractRefusalForPerson({ ...withoutGuardian, state: 'brouillon' }, true)).toBeNull();
    expect(contractRefusalForPerson({ ...withoutGuardian, guardianName: 'Sandrine Hoarau' }, true)).toBeNull();
  });
});

describe('a new contract is filled from the case', () => {
  const proposal = (overrides: Partial<Proposal>): Proposal => ({
    id: crypto.randomUUID(),
    youngPersonId: PERSON.id,
    authorId: AGENT,
    solutionId: SOLUTION,
    solutionName: 'Micro-lycée (fictif)',
    solutionType: 'structure_retour',
    date: '2026-03-01',
    decision: 'acceptee',
    decidedOn: '2026-03-05',
    reason: '',
    ...overrides,
  });
  const solution = {
    id: SOLUTION,
    name: 'Micro-lycée (fictif)',
    structure: 'Lycée (fictif)',
    uai: '9740001A',
  } as Solution;

  it('takes the proposal accepted last, never a refused or pending one', () => {
    const older = proposal({ decidedOn: '2026-02-01', solutionName: 'CFA (fictif)' });
    const latest = proposal({ decidedOn: '2026-03-05' });
    const refused = proposal({ decision: 'refusee', decidedOn: '2026-03-10', reason: 'Trop loin' });
    expect(acceptedProposalOf([older, refused, latest])).toBe(latest);
    expect(acceptedProposalOf([refused, proposal({ decision: 'en_attente', decidedOn: '' })])).toBeUndefined();
  });

  it('names the young person, the first guardian of a minor, the PSAD, the solution and its establishment', () => {
    const filled = prefillContract({
      id: crypto.randomUUID(),
      person: PERSON,
      psadName: 'PSAD Test',
      acceptedProposal: proposal({}),
      solution,
      today: TODAY,
    });
    expect(filled).toMatchObject({
      youngPersonId: PERSON.id,
      youngPersonName: 'HOARAU Maëlys',
      guardianName: 'Sandrine Hoarau',
      psadName: 'PSAD Test',
      solutionId: SOLUTION,
      solutionLabel: 'Micro-lycée (fictif)',
      establishmentName: 'Lycée (fictif)',
      establishmentUai: '9740001A',
      state: 'brouillon',
    });
    expect(messages(filled)).toEqual([]);
  });

  it('leaves the guardian out for an adult, and the solution blank without an accepted proposal', () => {
    const filled = prefillContract({
      id: crypto.randomUUID(),
      person: PERSON,
      psadName: 'PSAD Test',
      today: '2027-06-01',
    });
    expect(filled).toMatchObject({ guardianName: '', solutionId: '', solutionLabel: '', establishmentName: '' });
  });

  it('names drafts by contract, or by young person before the contract exists', () => {
    expect(contractDraftKey(PERSON.id, 'c1')).toBe('contract:c1');
    expect(contractDraftKey(PERSON.id, null)).toBe(`contract:new:${PERSON.id}`);
  });
});
