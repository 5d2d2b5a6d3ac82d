import type { Bilan } from '../../domain/bilan';
import type { ContactAttempt, Meeting, StatusChange } from '../../domain/case-records';
import type { Contract } from '../../domain/contract';
import { entities } from '../../domain/entities';
import {
  freinTheme,
  outcomeCode,
  type CaseStatus,
  type ContactResult,
  type OutcomeCode,
  type ProposalDecision,
} from '../../domain/enums';
import type { Proposal } from '../../domain/proposal';
import type { Solution } from '../../domain/solution';
import { STATUS_RANK, daysBetween, statusAfter } from '../../domain/workflow';
import { fullName, isMinor, type YoungPerson } from '../../domain/young-person';
import * as texts from './demo-case-texts';
import { DEMO_AGENTS, DEMO_PLATFORM, DEMO_SEED } from './demo-data';
import { seededRandom, type SeededRandom } from './random';

/**
 * Case histories of the demo young people: contact attempts, interviews,
 * validated bilans, proposals, contracts, follow-up points and a few
 * closings, laid out in time before `today` so that the home screen has calls
 * to make, checkpoints coming and contracts ending. Each young person's
 * status is the one its records lead to (replayed with the same rules as the
 * endpoint), so the demo is consistent whatever the day it is loaded.
 */
export const DEMO_HISTORY_SEED = DEMO_SEED + 2;

export type DemoRecord =
  | { entity: 'contactAttempt'; data: ContactAttempt }
  | { entity: 'meeting'; data: Meeting }
  | { entity: 'bilan'; data: Bilan }
  | { entity: 'proposal'; data: Proposal }
  | { entity: 'contract'; data: Contract }
  | { entity: 'statusChange'; data: StatusChange };

export interface DemoCases {
  people: YoungPerson[];
  /** In the order they happened, case by case (the order to store them in). */
  records: DemoRecord[];
}

/** The status a case reaches with these records, in this order (see workflow.ts). */
export function statusFromRecords(records: readonly DemoRecord[]): CaseStatus {
  let status: CaseStatus = 'a_traiter';
  for (const record of records) {
    if (record.entity === 'statusChange') status = record.data.to;
    else {
      const event = entities[record.entity].eventOf?.(null, record.data);
      if (event) status = statusAfter(status, event);
    }
  }
  return status;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const CLOSABLE: readonly CaseStatus[] = ['injoignable', 'joint', 'en_solution'];

/** Writes the records of one case, day after day from its first contact. */
class CaseWriter {
  readonly records: DemoRecord[] = [];
  closing: Pick<YoungPerson, 'outcome' | 'closedOn' | 'closingComment'> | null = null;
  day: string;
  private readonly person: YoungPerson;
  private readonly authorId: string;

  constructor(
    private readonly random: SeededRandom,
    person: YoungPerson,
    firstDay: string,
  ) {
    this.person = person;
    this.authorId = person.referentId ?? '';
    this.day = firstDay;
  }

  wait(minDays: number, maxDays: number): void {
    this.day = addDays(this.day, this.random.int(minDays, maxDays));
  }

  private moment(): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${this.day}T${pad(this.random.int(7, 16))}:${pad(this.random.int(0, 59))}:00.000Z`;
  }

  contact(result: ContactResult): void {
    // Draws do not depend on the day: a dry run lays out the same path (see demoCase).
    const [guardianDraw, channelDraw] = [this.random.next(), this.random.next()];
    const guardian = this.person.guardians[0];
    const toGuardian = guardian !== undefined && isMinor(this.person, this.day) && guardianDraw < 0.4;
    this.records.push({
      entity: 'contactAttempt',
      data: {
        id: this.random.uuid(),
        youngPersonId: this.person.id,
        authorId: this.authorId,
        occurredAt: this.moment(),
        channel: channelDraw < 0.7 ? 'telephone' : channelDraw < 0.85 ? 'sms' : 'courriel',
        target: toGuardian ? 'representant' : 'jeune',
        guardianName: toGuardian ? guardian.name : '',
        result,
        note: this.random.pick(texts.CONTACT_NOTES[result]),
      },
    });
  }

  meeting(kind: Meeting['kind'], contractId = ''): void {
    const adviser = DEMO_AGENTS.find((agent) => agent.id === this.authorId)?.displayName ?? '';
    this.records.push({
      entity: 'meeting',
      data: {
        id: this.random.uuid(),
        youngPersonId: this.person.id,
        authorId: this.authorId,
        kind,
        date: this.day,
        place: this.random.pick(texts.MEETING_PLACES),
        participants: `${fullName(this.person)}, ${adviser}`,
        notes: this.random.pick(kind === 'entretien' ? texts.INTERVIEW_NOTES : texts.CHECKPOINT_NOTES),
        nextSteps: kind === 'entretien' ? this.random.pick(texts.NEXT_STEPS) : '',
        contractId,
        attendance: kind === 'point_etape' ? this.random.pick(['assidu', 'assidu', 'irregulier'] as const) : '',
      },
    });
  }

  bilan(): void {
    const skillLevel = () => this.random.pick(['1', '2', '2', '3', '3', '4'] as const);
    const themes = [...new Set([this.random.pick(freinTheme.values), this.random.pick(freinTheme.values)])];
    this.records.push({
      entity: 'bilan',
      data: {
        id: this.random.uuid(),
        youngPersonId: this.person.id,
        number: 1,
        previousId: '',
        authorIds: [this.authorId],
        date: this.day,
        level: this.person.level,
        skills: { francais: skillLevel(), maths: skillLevel(), numerique: skillLevel(), savoirEtre: skillLevel() },
        motivation: this.random.pick(['moyenne', 'forte', 'forte'] as const),
        motivationNote: '',
        constraints: themes
          .slice(0, this.random.int(0, themes.length))
          .map((theme) => ({ theme, detail: texts.FREIN_DETAILS[theme] })),
        project: this.random.pick(texts.PROJECTS),
        recommendation: this.random.pick(texts.RECOMMENDATIONS),
        status: 'valide',
        validatedOn: this.day,
        validatedBy: this.authorId,
      },
    });
  }

  proposal(solution: Solution, decision: ProposalDecision): Proposal {
    const decidedOn = decision === 'en_attente' ? '' : addDays(this.day, this.random.int(1, 4));
    const proposal: Proposal = {
      id: this.random.uuid(),
      youngPersonId: this.person.id,
      authorId: this.authorId,
      solutionId: solution.id,
      solutionName: solution.name,
      solutionType: solution.type,
      date: this.day,
      decision,
      decidedOn,
      reason: decision === 'en_attente' ? '' : this.random.pick(texts.DECISION_REASONS[decision]),
    };
    this.records.push({ entity: 'proposal', data: proposal });
    if (decidedOn) this.day = decidedOn;
    return proposal;
  }

  contract(solution: Solution, terms: Pick<Contract, 'state' | 'startDate' | 'endDate' | 'endedOn'>): Contract {
    const checkpoints: Contract['checkpoints'] = [];
    for (let date = addDays(terms.startDate, 30); date < terms.endDate && checkpoints.length < 24;) {
      checkpoints.push({ date, label: `Point d’étape n° ${checkpoints.length + 1}` });
      date = addDays(date, 30);
    }
    const contract: Contract = {
      id: this.random.uuid(),
      youngPersonId: this.person.id,
      solutionId: solution.id,
      solutionLabel: `${solution.name} – ${solution.structure}`,
      establishmentName: solution.structure,
      establishmentUai: solution.uai,
      youngPersonName: fullName(this.person),
      guardianName: isMinor(this.person, this.day) ? (this.person.guardians[0]?.name ?? '') : '',
      psadName: DEMO_PLATFORM.name,
      tutorName: this.random.pick(texts.TUTORS),
      tutorId: '',
      objectives: texts.OBJECTIVES,
      commitments: { ...texts.COMMITMENTS },
      checkpoints,
      signedOn: this.day,
      endReason: '',
      ...terms,
    };
    this.records.push({ entity: 'contract', data: contract });
    return contract;
  }

  close(from: CaseStatus, outcome: OutcomeCode, comment: string): void {
    this.records.push({
      entity: 'statusChange',
      data: {
        id: this.random.uuid(),
        youngPersonId: this.person.id,
        authorId: this.authorId,
        occurredAt: this.moment(),
        from,
        to: 'clos',
        reason: comment,
      },
    });
    this.closing = { outcome, closedOn: this.day, closingComment: comment };
  }
}

interface Context {
  random: SeededRandom;
  today: string;
  catalogue: readonly Solution[];
}

interface Path {
  target: CaseStatus;
  closes: boolean;
}

function pickSolution(random: SeededRandom, catalogue: readonly Solution[], person: YoungPerson): Solution {
  const fitting = catalogue.filter(
    (s) =>
      s.active &&
      s.type !== 'autre' &&
      s.placesTotal > 0 &&
      (s.levels.length === 0 || !person.level || s.levels.includes(person.level)),
  );
  return random.pick(fitting.length > 0 ? fitting : catalogue);
}

/** The contact attempts that open a case and take it to its first contact status. */
function firstContacts(random: SeededRandom, target: CaseStatus): ContactResult[] {
  const unanswered = Array.from({ length: random.int(0, 2) }, () => 'message_laisse' as const);
  if (target === 'contact_en_cours') return ['message_laisse', ...unanswered.slice(1)];
  if (target === 'injoignable') return [...unanswered, 'message_laisse', 'injoignable'];
  return [...unanswered, 'joint'];
}

/**
 * Writes one case's path from `writer.day`.
 * 1. Contacts, then an interview, a validated bilan (after a call), proposals
 *    (after a call) and a contract, as far as the target goes.
 * 2. A running contract is anchored on today: it started weeks ago, its past
 *    checkpoints were held (follow-up points), the next ones are coming, and
 *    some end within the month.
 * 3. A closing, with the outcome the path leads to.
 * Returns the day of the last step before any running contract.
 */
function writePath(writer: CaseWriter, random: SeededRandom, context: Context, person: YoungPerson, path: Path) {
  const { target, closes } = path;
  const { today, catalogue } = context;
  const reaches = (status: CaseStatus) => STATUS_RANK[target] >= STATUS_RANK[status];

  // 1. Up to the proposals.
  for (const result of firstContacts(random, target)) {
    writer.contact(result);
    writer.wait(1, 5);
  }
  if (reaches('entretien')) writer.meeting('entretien');
  if (reaches('bilan')) {
    writer.wait(4, 12);
    writer.contact('joint');
    writer.wait(1, 3);
    writer.bilan();
  }
  if (reaches('solution_proposee')) {
    writer.wait(3, 8);
    writer.contact('joint');
    if (random.next() < 0.4) {
      writer.proposal(pickSolution(random, catalogue, person), random.pick(['refusee', 'sans_suite'] as const));
      writer.wait(1, 4);
    }
  }
  if (target === 'solution_proposee') writer.proposal(pickSolution(random, catalogue, person), 'en_attente');
  if (!reaches('contrat_signe')) {
    if (closes) {
      writer.wait(1, 5);
      const outcome = target === 'injoignable' ? 'injoignable' : 'deja_en_solution';
      writer.close(target, outcome, `Clôture : ${outcomeCode.label(outcome)}`);
    }
    return writer.day;
  }

  // 2. The contract.
  const accepted = pickSolution(random, catalogue, person);
  writer.proposal(accepted, 'acceptee');
  writer.wait(2, 6);
  const signedOn = writer.day;
  const startDate = addDays(signedOn, target === 'contrat_signe' ? random.int(3, 21) : random.int(0, 5));
  if (target === 'contrat_signe') {
    writer.contract(accepted, { state: 'signe', startDate, endDate: addDays(startDate, 240), endedOn: '' });
    return signedOn;
  }
  const endDate = closes
    ? addDays(today, -random.int(2, 10))
    : addDays(today, random.next() < 0.3 ? random.int(3, 30) : random.int(40, 200));
  const state = closes ? 'termine' : 'en_cours';
  const contract = writer.contract(accepted, { state, startDate, endDate, endedOn: closes ? endDate : '' });
  for (const checkpoint of contract.checkpoints.filter((c) => c.date < today)) {
    writer.day = checkpoint.date;
    writer.meeting('point_etape', contract.id);
  }

  // 3. A contract that ran to its end closes the case.
  if (closes) {
    writer.day = endDate;
    writer.close('en_solution', texts.OUTCOME_OF_SOLUTION[accepted.type], 'Contrat mené à son terme.');
  }
  return signedOn;
}

/** Days between the last step and today: under two weeks for most cases, longer for the ones to call back. */
function idleDays(random: SeededRandom, target: CaseStatus): number {
  if (target === 'en_solution') return random.int(70, 200);
  if (target === 'contrat_signe') return random.int(1, 10);
  return random.next() < 0.6 ? random.int(1, 14) : random.int(15, 45);
}

/**
 * One case. Its path is first written from today in a dry run, to know how
 * many days it takes; then written again with the same draws, starting early
 * enough to end `idleDays` before today.
 */
function demoCase(
  context: Context,
  person: YoungPerson,
  step: CaseStatus,
): { person: YoungPerson; records: DemoRecord[] } {
  const { random, today } = context;
  if (step === 'a_traiter') return { person: { ...person, status: step }, records: [] };
  const minorWithoutGuardian = isMinor(person, today) && person.guardians.length === 0;
  // A minor's contract needs a guardian's signature: without one known, the path stops at the proposal.
  const target = minorWithoutGuardian && STATUS_RANK[step] >= STATUS_RANK.contrat_signe ? 'solution_proposee' : step;
  const path = { target, closes: CLOSABLE.includes(target) && random.next() < 0.2 };
  const pathSeed = random.int(1, 2 ** 31 - 1);
  const idle = idleDays(random, target);

  const write = (firstDay: string) => {
    const pathRandom = seededRandom(pathSeed);
    const writer = new CaseWriter(pathRandom, person, firstDay);
    return { writer, lastStep: writePath(writer, pathRandom, context, person, path) };
  };
  const pathDays = daysBetween(today, write(today).lastStep);
  const { writer } = write(addDays(today, -(pathDays + idle)));
  return {
    person: { ...person, status: statusFromRecords(writer.records), ...writer.closing },
    records: writer.records,
  };
}

/**
 * The steps the demo cases stand at, given in turn to each referent's cases:
 * a few at every step, more still to handle and in solution.
 */
const STEP_CYCLE: readonly CaseStatus[] = [
  'a_traiter',
  'contact_en_cours',
  'en_solution',
  'injoignable',
  'joint',
  'entretien',
  'a_traiter',
  'bilan',
  'solution_proposee',
  'en_solution',
  'contact_en_cours',
  'contrat_signe',
  'entretien',
  'a_traiter',
  'en_solution',
];

/**
 * The demo cases as of `today`: every young person with the records of their
 * path so far; the unassigned ones are still to handle.
 */
export function generateDemoCases(
  people: readonly YoungPerson[],
  catalogue: readonly Solution[],
  today: string,
  seed = DEMO_HISTORY_SEED,
): DemoCases {
  const context: Context = { random: seededRandom(seed), today, catalogue };
  const casesSoFar = new Map<string | null, number>();
  const cases = people.map((person) => {
    const rank = casesSoFar.get(person.referentId) ?? 0;
    casesSoFar.set(person.referentId, rank + 1);
    const step = person.referentId === null ? 'a_traiter' : (STEP_CYCLE[rank % STEP_CYCLE.length] ?? 'a_traiter');
    return demoCase(context, person, step);
  });
  return { people: cases.map((c) => c.person), records: cases.flatMap((c) => c.records) };
}
