import { describe, expect, it } from 'vitest';
import { generateDemoCatalogue } from '../../src/server/demo/demo-catalogue';
import { generateDemoYoungPeople } from '../../src/server/demo/demo-data';
import { generateDemoCases } from '../../src/server/demo/demo-histories';
import { demoListingTimes } from '../../src/server/demo/demo-listing';

const NOW = new Date('2026-11-29T10:00:00.000Z');
const { people, records } = generateDemoCases(generateDemoYoungPeople(), generateDemoCatalogue(), '2026-11-29');
const listed = demoListingTimes(people, records, NOW);
const DAY = 86_400_000;

describe('the demo young people’s listing days (what the activity bilans count)', () => {
  it('come two to fifteen days before each first contact, never after today', () => {
    for (const person of people) {
      const contacts = records
        .filter((record) => record.entity === 'contactAttempt' && record.data.youngPersonId === person.id)
        .map((record) => Date.parse(String((record.data as { occurredAt: string }).occurredAt)));
      const at = listed.get(person.id)!.getTime();
      expect(at).toBeLessThanOrEqual(NOW.getTime());
      if (contacts.length === 0) {
        expect(NOW.getTime() - at).toBeLessThan(21 * DAY);
        continue;
      }
      const daysBefore = (Math.min(...contacts) - at) / DAY;
      expect(daysBefore).toBeGreaterThanOrEqual(2);
      expect(daysBefore).toBeLessThanOrEqual(15);
    }
  });

  it('spread over several months, not one day', () => {
    const months = new Set([...listed.values()].map((date) => date.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(4);
  });
});
