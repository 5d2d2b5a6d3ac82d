import type { CaseStatus, ContactResult, ContractState } from './enums';

/**
 * How the status of a case moves by itself with what is recorded. The
 * endpoint applies these rules when it stores a record (so two devices never
 * conflict on a status they did not type), and the device applies the same
 * ones to show the result before it syncs.
 */
export const STATUS_RANK: Record<CaseStatus, number> = {
  a_traiter: 0,
  contact_en_cours: 1,
  injoignable: 2,
  joint: 2,
  entretien: 3,
  bilan: 4,
  solution_proposee: 5,
  contrat_signe: 6,
  en_solution: 7,
  clos: 8,
};

export type CaseEvent =
  | { kind: 'contactAttempt'; result: ContactResult }
  | { kind: 'meeting'; meetingKind: 'entretien' | 'point_etape' }
  | { kind: 'bilanValidated' }
  | { kind: 'proposal' }
  | { kind: 'contractState'; state: ContractState };

/** Moves forward only: an event never takes a case back behind where it stands. */
function forward(current: CaseStatus, target: CaseStatus): CaseStatus {
  return STATUS_RANK[target] > STATUS_RANK[current] ? target : current;
}

/**
 * The status after an event. A closed case is never reopened by an event;
 * a broken contract is the one event that goes back: the path resumes at the
 * contact step.
 */
export function statusAfter(current: CaseStatus, event: CaseEvent): CaseStatus {
  if (current === 'clos') return current;
  switch (event.kind) {
    case 'contactAttempt':
      // Reached at last: an unreachable young person becomes "joint" (same rank, so not a forward move).
      if (event.result === 'joint') return current === 'injoignable' ? 'joint' : forward(current, 'joint');
      if (current === 'contact_en_cours' && event.result === 'injoignable') return 'injoignable';
      if (current === 'injoignable' && event.result !== 'injoignable') return 'contact_en_cours';
      return forward(current, 'contact_en_cours');
    case 'meeting':
      return event.meetingKind === 'entretien' ? forward(current, 'entretien') : current;
    case 'bilanValidated':
      return forward(current, 'bilan');
    case 'proposal':
      return forward(current, 'solution_proposee');
    case 'contractState':
      if (event.state === 'signe') return forward(current, 'contrat_signe');
      if (event.state === 'en_cours') return forward(current, 'en_solution');
      if (event.state === 'rompu') return 'contact_en_cours';
      return current;
  }
}

/** Days from an ISO date (or timestamp) to another, both read as calendar days. */
export function daysBetween(fromIso: string, toIso: string): number {
  const from = Date.parse(fromIso.slice(0, 10));
  const to = Date.parse(toIso.slice(0, 10));
  return Math.round((to - from) / 86_400_000);
}

/** Default delay after which a case without contact is to be called back ("à relancer"). */
export const CALL_BACK_AFTER_DAYS = 15;
