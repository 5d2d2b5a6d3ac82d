import { describe, expect, it } from 'vitest';
import {
  indexForSearch,
  searchIndexed,
  solutionSearchFields,
  youngPersonSearchFields,
} from '../../src/domain/search-index';

const people = [
  {
    lastName: 'Lemaître',
    firstNames: 'Hélène',
    ine: '123456789AB',
    commune: 'Vénissieux',
    lastSchoolName: 'Lycée des métiers du Rhône (fictif)',
  },
  {
    lastName: 'Martin',
    firstNames: 'Noé Jérémy',
    ine: '1234567890C',
    commune: 'Lyon 3e',
    lastSchoolName: 'Collège Fourvière (fictif)',
  },
  {
    lastName: 'Da Silva',
    firstNames: 'Inès',
    ine: '',
    commune: 'Saint-Priest',
    lastSchoolName: 'Lycée polyvalent Jacquard (fictif)',
  },
];
const index = indexForSearch(people, youngPersonSearchFields);
const found = (query: string) => searchIndexed(index, query).map((person) => person.lastName);

describe('search as you type over young people', () => {
  it('ignores accents and case: "helene" finds "Hélène", "LEMAITRE" finds "Lemaître"', () => {
    expect(found('helene')).toEqual(['Lemaître']);
    expect(found('LEMAITRE')).toEqual(['Lemaître']);
    expect(found('inès')).toEqual(['Da Silva']);
  });

  it('requires every word, in any order and any field', () => {
    expect(found('jeremy martin')).toEqual(['Martin']);
    expect(found('martin  venissieux')).toEqual([]);
    expect(found('lycee fictif')).toEqual(['Lemaître', 'Da Silva']);
  });

  it('finds by INE (any case), commune and last school', () => {
    expect(found('123456789ab')).toEqual(['Lemaître']);
    expect(found('1234567890c')).toEqual(['Martin']);
    expect(found('saint-priest')).toEqual(['Da Silva']);
    expect(found('fourviere')).toEqual(['Martin']);
    expect(found('jacquard')).toEqual(['Da Silva']);
  });

  it('finds by a part of a word, and everyone for an empty query, in index order', () => {
    expect(found('mart')).toEqual(['Martin']);
    expect(found('   ')).toEqual(['Lemaître', 'Martin', 'Da Silva']);
  });

  it('finds a solution by its name, structure, commune or domains', () => {
    const solutions = indexForSearch(
      [
        {
          name: 'Micro-lycée de Lyon',
          structure: 'Lycée Ampère (fictif)',
          commune: 'Lyon 3e',
          domains: ['Baccalauréat'],
        },
        { name: 'CAP Cuisine', structure: 'CFA des métiers de bouche', commune: 'Lyon 9e', domains: ['Restauration'] },
      ],
      solutionSearchFields,
    );
    const names = (query: string) => searchIndexed(solutions, query).map((solution) => solution.name);
    expect(names('micro lycee')).toEqual(['Micro-lycée de Lyon']);
    expect(names('ampere')).toEqual(['Micro-lycée de Lyon']);
    expect(names('restauration')).toEqual(['CAP Cuisine']);
    expect(names('lyon 9e')).toEqual(['CAP Cuisine']);
  });
});
