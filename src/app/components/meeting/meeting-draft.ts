import type { Meeting } from '../../../domain/case-records';
import type { MeetingKind } from '../../../domain/enums';
import { todayIso } from '../../../domain/young-person';

/** One draft per young person and kind of meeting: reopening the form finds it again. */
export function meetingDraftKey(youngPersonId: string, kind: MeetingKind): string {
  return `meeting:${youngPersonId}:${kind}`;
}

/** An empty meeting dated today. Its id is kept in the draft, so a saved meeting is written once. */
export function blankMeeting(input: { youngPersonId: string; authorId: string; kind: MeetingKind }): Meeting {
  return {
    id: crypto.randomUUID(),
    ...input,
    date: todayIso(),
    place: '',
    participants: '',
    notes: '',
    nextSteps: '',
    contractId: '',
    attendance: '',
  };
}
