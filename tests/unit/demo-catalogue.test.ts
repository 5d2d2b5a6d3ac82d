import { describe, expect, it } from 'vitest';
import { solutionType } from '../../src/domain/enums';
import { solutionSchema } from '../../src/domain/solution';
import { generateDemoCatalogue } from '../../src/server/demo/demo-catalogue';
import { DEMO_PLATFORM } from '../../src/server/demo/demo-data';

const catalogue = generateDemoCatalogue();

describe('the demo catalogue of solutions', () => {
  it('passes the domain schema, every entry of it', () => {
    const invalid = catalogue
      .map((solution) => ({ name: solution.name, result: solutionSchema.safeParse(solution) }))
      .filter(({ result }) => !result.success)
      .map(({ name, result }) => ({ name, issues: result.error?.issues }));
    expect(invalid).toEqual([]);
  });

  it('offers more than 40 active entries of the demo platform, each with its own id', () => {
    expect(catalogue.filter((solution) => solution.active).length).toBeGreaterThanOrEqual(40);
    expect(new Set(catalogue.map((solution) => solution.id)).size).toBe(catalogue.length);
    expect(catalogue.every((solution) => solution.platformId === DEMO_PLATFORM.id)).toBe(true);
  });

  it('has every type of solution, and a few entries no longer offered', () => {
    const types = new Set(catalogue.filter((solution) => solution.active).map((solution) => solution.type));
    expect([...types].sort()).toEqual([...solutionType.values].sort());
    expect(catalogue.some((solution) => !solution.active)).toBe(true);
  });

  it('is the same on every generation, and depends on the seed', () => {
    expect(generateDemoCatalogue()).toEqual(catalogue);
    expect(generateDemoCatalogue(1)).not.toEqual(catalogue);
  });

  it('is clearly fictional: structures marked, phones in the range reserved for fiction, example.org e-mails', () => {
    for (const solution of catalogue) {
      expect(solution.structure).toContain('(fictif)');
      expect(solution.contact).toMatch(/04 65 71 \d\d \d\d/);
      expect(solution.contact).toMatch(/@[a-z-]+\.example\.org$/);
    }
  });
});
