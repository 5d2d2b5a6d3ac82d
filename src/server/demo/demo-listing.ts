import type { EntityName } from '../../domain/sync-messages';
import type { YoungPerson } from '../../domain/young-person';

const DAY_MS = 86_400_000;

/**
 * When each demo young person was listed (their record's creation, which the
 * activity bilans count as the listing day): two to fifteen days before their
 * first contact, or within the last three weeks for those still to handle —
 * so the demo's bilans read a plausible path rather than everyone listed on
 * the day the database was loaded.
 */
export function demoListingTimes(
  people: readonly YoungPerson[],
  records: readonly { entity: EntityName; data: Record<string, unknown> }[],
  now: Date,
): Map<string, Date> {
  const firstContact = new Map<string, number>();
  for (const { entity, data } of records) {
    if (entity !== 'contactAttempt') continue;
    const at = Date.parse(String(data.occurredAt));
    const caseId = String(data.youngPersonId);
    firstContact.set(caseId, Math.min(at, firstContact.get(caseId) ?? at));
  }
  return new Map(
    people.map((person, index) => {
      const contact = firstContact.get(person.id);
      const listed =
        contact === undefined ? now.getTime() - (index % 21) * DAY_MS : contact - (2 + (index % 14)) * DAY_MS;
      return [person.id, new Date(Math.min(listed, now.getTime()))];
    }),
  );
}
