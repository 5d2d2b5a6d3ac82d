import { describe, expect, it } from 'vitest';
import { editsOnto } from '../../src/app/composables/record-draft';
import { asValidated, bilanDraftKey, latestBilan, withAuthor } from '../../src/app/composables/use-bilan-editor';
import { nestedErrors } from '../../src/app/composables/nested-errors';
import {
  BILAN_LOCKED,
  bilanCrossFieldIssues,
  bilanEditRefusal,
  bilanFieldsShape,
  bilanSchema,
  blankBilan,
  type Bilan,
} from '../../src/domain/bilan';
import { entities } from '../../src/domain/entities';

const PERSON = '3f8e2a41-7c5d-4b9e-a1f0-2d6c8b4e9a73';
const AGENT = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const COLLEAGUE = '5d2c8e4f-0a1b-4c3d-9e8f-7a6b5c4d3e2f';

function bilan(overrides: Partial<Bilan> = {}): Bilan {
  return {
    ...blankBilan({ id: crypto.randomUUID(), youngPersonId: PERSON, authorId: AGENT, date: '2026-03-02' }),
    ...overrides,
  };
}

const messages = (value: unknown) => {
  const result = bilanSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the bilan schema', () => {
  it('accepts a blank draft: nothing but the date and an author is required', () => {
    expect(messages(bilan())).toEqual([]);
  });

  it('validates only with a recommendation, a validation date and its author', () => {
    expect(messages(bilan({ status: 'valide' }))).toEqual([
      'recommendation: La préconisation est obligatoire pour valider le bilan',
      'validatedOn: Un bilan validé porte sa date et son auteur de validation',
    ]);
    expect(messages(asValidated(bilan({ recommendation: 'Micro-lycée' }), AGENT, '2026-03-09'))).toEqual([]);
  });

  it('reports its cross-field rules on their own, for forms whose other fields are still wrong', () => {
    expect(
      bilanCrossFieldIssues({ status: 'valide', recommendation: ' ', validatedOn: '2026-03-09', validatedBy: AGENT }),
    ).toEqual([{ path: 'recommendation', message: 'La préconisation est obligatoire pour valider le bilan' }]);
    expect(bilanCrossFieldIssues(bilan())).toEqual([]);
  });

  it('keeps each skill on the skillLevel scale, and every obstacle has a theme', () => {
    expect(
      messages(bilan({ skills: { francais: '5', maths: '0', numerique: '0', savoirEtre: '0' } as never })),
    ).toEqual(['skills.francais: Niveau à choisir sur l’échelle']);
    expect(
      nestedErrors(bilanFieldsShape.constraints, [
        { theme: 'logement', detail: '' },
        { theme: '', detail: 'x' },
      ]),
    ).toEqual({
      '1.theme': 'Thème à choisir',
    });
  });

  it('refuses an unknown field and a date that does not exist', () => {
    expect(messages({ ...bilan(), date: '2026-02-30' })).toEqual(['date: Date invalide (format attendu : JJ/MM/AAAA)']);
    expect(messages({ ...bilan(), note: 'x' })).toHaveLength(1);
  });
});

describe('blankBilan', () => {
  it('starts version 1 with the author, every skill "non évalué", as a draft', () => {
    expect(bilan()).toMatchObject({
      number: 1,
      previousId: '',
      authorIds: [AGENT],
      skills: { francais: '0', maths: '0', numerique: '0', savoirEtre: '0' },
      constraints: [],
      status: 'brouillon',
      validatedOn: '',
      validatedBy: '',
    });
  });

  it('from a previous version: next number, link to it, its content copied, a fresh draft', () => {
    const previous = asValidated(
      bilan({
        number: 2,
        authorIds: [COLLEAGUE],
        level: 'niveau_3',
        skills: { francais: '3', maths: '2', numerique: '4', savoirEtre: '3' },
        motivation: 'forte',
        constraints: [{ theme: 'mobilite', detail: 'Pas de permis' }],
        project: 'CAP cuisine',
        recommendation: 'Apprentissage',
      }),
      COLLEAGUE,
      '2026-03-09',
    );
    const next = blankBilan({
      id: crypto.randomUUID(),
      youngPersonId: PERSON,
      authorId: AGENT,
      date: '2026-04-01',
      previous,
    });
    expect(next).toMatchObject({
      number: 3,
      previousId: previous.id,
      authorIds: [COLLEAGUE],
      date: '2026-04-01',
      level: 'niveau_3',
      motivation: 'forte',
      project: 'CAP cuisine',
      recommendation: 'Apprentissage',
      status: 'brouillon',
      validatedOn: '',
      validatedBy: '',
    });
    // A copy: editing the new version leaves the validated one as it was.
    next.constraints[0]!.detail = 'Permis en cours';
    next.skills.maths = '3';
    expect(previous.constraints[0]!.detail).toBe('Pas de permis');
    expect(previous.skills.maths).toBe('2');
    expect(messages(next)).toEqual([]);
  });
});

describe('a validated bilan is locked', () => {
  it('refuses any edit once validated, with the French message', () => {
    expect(bilanEditRefusal({ status: 'brouillon' })).toBeNull();
    expect(bilanEditRefusal({ status: 'valide' })).toBe(BILAN_LOCKED);
    expect(BILAN_LOCKED).toContain('nouvelle version');
  });

  it('is refused the same way by the sync policy of both sides', () => {
    expect(entities.bilan.editRefusal?.(asValidated(bilan(), AGENT), { project: 'x' })).toBe(BILAN_LOCKED);
    expect(entities.bilan.editRefusal?.(bilan(), { status: 'valide' })).toBeNull();
  });
});

describe('the bilan editor’s helpers', () => {
  it('adds the agent to the authors once, keeping the existing ones first, four at most', () => {
    expect(withAuthor([COLLEAGUE], AGENT)).toEqual([COLLEAGUE, AGENT]);
    expect(withAuthor([AGENT, COLLEAGUE], AGENT)).toEqual([AGENT, COLLEAGUE]);
    expect(withAuthor(['a', 'b', 'c', 'd'], AGENT)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('names drafts by bilan, or by young person before the bilan exists', () => {
    expect(bilanDraftKey(PERSON, 'b1')).toBe('bilan:b1');
    expect(bilanDraftKey(PERSON, null)).toBe(`bilan:new:${PERSON}`);
  });

  it('finds the latest version', () => {
    const versions = [bilan({ number: 2 }), bilan({ number: 3 }), bilan({ number: 1 })];
    expect(latestBilan(versions)?.number).toBe(3);
    expect(latestBilan([])).toBeUndefined();
  });

  it('sends only what the form changed: a colleague’s edit made meanwhile is kept', () => {
    const base = bilan({ project: 'CAP cuisine', recommendation: '' });
    const current = { ...base, project: 'CAP cuisine, stage trouvé' };
    const edited = { ...base, recommendation: 'Apprentissage' };
    const fields = Object.keys(bilanFieldsShape);
    expect(editsOnto(current, base, edited, fields)).toMatchObject({
      project: 'CAP cuisine, stage trouvé',
      recommendation: 'Apprentissage',
    });
    // Without a base (a new record), everything typed is the edit.
    expect(editsOnto(current, null, edited, fields)).toMatchObject({
      project: 'CAP cuisine',
      recommendation: 'Apprentissage',
    });
  });
});
