import type { ContactAttempt, Meeting } from '../../domain/case-records';
import { closingChanges, closingRefusal, closingStatusChange, type Closing } from '../../domain/closing';
import { statusByHandSchema, statusChangeByHand, type StatusByHand } from '../../domain/status-by-hand';
import { deleteDraft } from '../db/drafts';
import { appDb } from '../db/instance';
import { LocalRefusal, localChange, stageCreate, stageUpdate } from '../db/records';
import { useSyncStore } from '../stores/sync';

interface CaseContext {
  youngPersonId: string;
  authorId: string;
}

/** The young person as stored now, inside the write's transaction (a sync may have moved it meanwhile). */
async function currentPerson(youngPersonId: string) {
  const person = await appDb.youngPeople.get(youngPersonId);
  if (!person) throw new LocalRefusal("Ce jeune n'est plus sur cet appareil");
  return person;
}

/**
 * What the case file writes. Each write is one local transaction (records,
 * outbox entries, and the draft it came from, together) and then nudges the
 * sync, which sends it whenever the network allows.
 */
export function useCaseWrites() {
  const sync = useSyncStore();

  async function write(work: () => Promise<unknown>): Promise<void> {
    await localChange(appDb, work);
    void sync.syncNow();
  }

  return {
    recordContactAttempt: (attempt: ContactAttempt) => write(() => stageCreate(appDb, 'contactAttempt', attempt)),

    /** The meeting and the removal of its draft commit together: no duplicate, no lost word. */
    saveMeeting: (meeting: Meeting, draftKey: string) =>
      write(async () => {
        await stageCreate(appDb, 'meeting', meeting);
        await deleteDraft(appDb, draftKey);
      }),

    /** The status and the record of who changed it, when and why. */
    setStatusByHand: (change: Omit<StatusByHand, 'from'>, context: CaseContext) =>
      write(async () => {
        const person = await currentPerson(context.youngPersonId);
        const checked = statusByHandSchema.safeParse({ ...change, from: person.status });
        if (!checked.success) throw new LocalRefusal(checked.error.issues[0]?.message);
        const occurredAt = new Date().toISOString();
        await stageUpdate(appDb, 'youngPerson', { id: person.id, status: checked.data.to });
        await stageCreate(
          appDb,
          'statusChange',
          statusChangeByHand(checked.data, { id: crypto.randomUUID(), occurredAt, ...context }),
        );
      }),

    /** The outcome on the young person and the closing in the timeline. */
    closeCase: (closing: Closing, context: CaseContext) =>
      write(async () => {
        const person = await currentPerson(context.youngPersonId);
        const refusal = closingRefusal(person);
        if (refusal) throw new LocalRefusal(refusal);
        const record = closingStatusChange(closing, {
          id: crypto.randomUUID(),
          person,
          authorId: context.authorId,
          occurredAt: new Date().toISOString(),
        });
        await stageUpdate(appDb, 'youngPerson', { id: person.id, ...closingChanges(closing) });
        await stageCreate(appDb, 'statusChange', record);
      }),
  };
}
