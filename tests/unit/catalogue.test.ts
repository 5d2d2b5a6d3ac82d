import { describe, expect, it } from 'vitest';
import {
  catalogueCommunes,
  filterCatalogue,
  placesLabel,
  placesTakenLabel,
  proposalOf,
  sortSolutions,
  type CatalogueCriteria,
} from '../../src/domain/catalogue';
import { proposalSchema } from '../../src/domain/proposal';
import { queryTerms } from '../../src/domain/search';
import { indexForSearch, solutionSearchFields } from '../../src/domain/search-index';
import type { Solution } from '../../src/domain/solution';

function solution(overrides: Partial<Solution>): Solution {
  return {
    id: crypto.randomUUID(),
    platformId: crypto.randomUUID(),
    type: 'apprentissage',
    name: 'CAP',
    structure: '',
    uai: '',
    siret: '',
    address: '',
    postalCode: '',
    commune: 'Lyon 9e',
    levels: [],
    domains: [],
    placesTotal: 10,
    period: '',
    contact: '',
    description: '',
    active: true,
    ...overrides,
  };
}

const cuisine = solution({ name: 'CAP Cuisine', levels: ['infra_3', 'niveau_3'], domains: ['Restauration'] });
const microLycee = solution({
  type: 'structure_retour',
  name: 'Micro-lycée',
  commune: 'Lyon 3e',
  levels: ['niveau_4'],
});
const civique = solution({ type: 'service_civique', name: 'Éducation – service civique', commune: 'Bron' });
const closed = solution({ name: 'CAP Boulangerie (session close)', active: false });
const index = indexForSearch([cuisine, microLycee, civique, closed], solutionSearchFields);
const ALL: CatalogueCriteria = { terms: [], type: '', level: '', commune: '' };
const names = (criteria: Partial<CatalogueCriteria>) =>
  filterCatalogue(index, { ...ALL, ...criteria }).map((s) => s.name);

describe('browsing the catalogue', () => {
  it('hides the entries no longer offered', () => {
    expect(names({})).toEqual(['CAP Cuisine', 'Micro-lycée', 'Éducation – service civique']);
    expect(names({ terms: queryTerms('boulangerie') })).toEqual([]);
  });

  it('filters by type, commune and level (an entry naming no level is open to all)', () => {
    expect(names({ type: 'structure_retour' })).toEqual(['Micro-lycée']);
    expect(names({ commune: 'Bron' })).toEqual(['Éducation – service civique']);
    expect(names({ level: 'niveau_3' })).toEqual(['CAP Cuisine', 'Éducation – service civique']);
    expect(names({ level: 'niveau_4', terms: queryTerms('lycee') })).toEqual(['Micro-lycée']);
  });

  it('sorts by name and lists the communes of active entries', () => {
    expect(sortSolutions([microLycee, civique, cuisine]).map((s) => s.name)).toEqual([
      'CAP Cuisine',
      'Éducation – service civique',
      'Micro-lycée',
    ]);
    expect(catalogueCommunes([cuisine, microLycee, civique, closed])).toEqual(['Bron', 'Lyon 3e', 'Lyon 9e']);
  });

  it('says how many places are free, from the capacity and the places taken the endpoint counted', () => {
    expect(placesLabel(10, 8)).toBe('2 places libres sur 10');
    expect(placesLabel(10, 9)).toBe('1 place libre sur 10');
    expect(placesLabel(10, 10)).toBe('Complet (10 places)');
    expect(placesLabel(10, 12)).toBe('Complet (10 places)'); // over-booked
    expect(placesLabel(1, 1)).toBe('Complet (1 place)');
    expect(placesLabel(1_200, 0)).toBe('1\u202f200 places libres sur 1\u202f200');
    expect(placesLabel(10, null)).toBe('10 places'); // not known on this device yet
    expect(placesLabel(0, 3)).toBe('Places non précisées');
  });

  it('says how many places are taken, for the coordinator', () => {
    expect(placesTakenLabel(12, 8)).toBe('8 places prises sur 12');
    expect(placesTakenLabel(12, 1)).toBe('1 place prise sur 12');
    expect(placesTakenLabel(12, 0)).toBe('Aucune place prise sur 12');
    expect(placesTakenLabel(0, 3)).toBe('3 places prises (capacité non précisée)');
  });
});

describe('a proposal started from an entry', () => {
  it('copies its name and type, waits for the decision, and is a valid proposal', () => {
    const proposal = proposalOf(cuisine, {
      id: crypto.randomUUID(),
      youngPersonId: crypto.randomUUID(),
      authorId: crypto.randomUUID(),
      date: '2026-11-29',
    });
    expect(proposal).toMatchObject({
      solutionId: cuisine.id,
      solutionName: 'CAP Cuisine',
      solutionType: 'apprentissage',
      decision: 'en_attente',
      decidedOn: '',
    });
    expect(proposalSchema.safeParse(proposal).success).toBe(true);
  });

  it('without an entry yet, is not valid', () => {
    const ids = { id: crypto.randomUUID(), youngPersonId: crypto.randomUUID(), authorId: crypto.randomUUID() };
    expect(proposalSchema.safeParse(proposalOf(null, { ...ids, date: '2026-11-29' })).success).toBe(false);
  });
});
