import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityResponseSchema, type ActivityFigures, type ActivityResponse } from '../../src/domain/activity-stats';
import { blankBilan } from '../../src/domain/bilan';
import type { ContactAttempt, Meeting } from '../../src/domain/case-records';
import type { ContactResult, OutcomeCode, ProposalDecision, SolutionType } from '../../src/domain/enums';
import { stampAll } from '../../src/domain/merge';
import type { EntityName } from '../../src/domain/sync-messages';
import { purgeExpiredCases } from '../../src/server/privacy/retention';
import { SERVER_WRITER } from '../../src/server/sync/case-rules';
import { insertRecord, nextVersion } from '../../src/server/store/records-repo';
import { contractFor } from '../support/server/case-builders';
import { AGENTS, OTHER_PLATFORM, PLATFORM, youngPerson } from '../support/server/fixture';
import { bearer, useTestApp, type Device } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The activity bilan checked against a hand-built fixture: a few cases whose
 * every step and date is written below, and the figures expected worked out
 * by hand from them (the comments show the sums). The period is the first
 * half of 2026; days are those of Paris.
 */
const FROM = '2026-01-01';
const TO = '2026-06-30';

type Row = { entity: EntityName; data: Record<string, unknown> & { id: string } };

/** One case: its young person (listed at `listedAt`, server time) and its records. */
interface FixtureCase {
  id: string;
  platformId: string;
  referentId: string | null;
  listedAt: string;
  closed?: { on: string; outcome: OutcomeCode };
  records: Row[];
}

const contact = (caseId: string, occurredAt: string, result: ContactResult): Row => ({
  entity: 'contactAttempt',
  data: {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: AGENTS.conseiller.id,
    occurredAt,
    channel: 'telephone',
    target: 'jeune',
    guardianName: '',
    result,
    note: '',
  } satisfies ContactAttempt,
});

const interview = (caseId: string, date: string): Row => ({
  entity: 'meeting',
  data: {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: AGENTS.conseiller.id,
    kind: 'entretien',
    date,
    place: '',
    participants: '',
    notes: 'Entretien',
    nextSteps: '',
    contractId: '',
    attendance: '',
  } satisfies Meeting,
});

const bilan = (caseId: string, validatedOn: string, number = 1): Row => ({
  entity: 'bilan',
  data: {
    ...blankBilan({ id: randomUUID(), youngPersonId: caseId, authorId: AGENTS.conseiller.id, date: validatedOn }),
    number,
    recommendation: 'Préconisation',
    status: 'valide',
    validatedOn,
    validatedBy: AGENTS.conseiller.id,
  },
});

const proposal = (caseId: string, date: string, solutionType: SolutionType, decision: ProposalDecision): Row => ({
  entity: 'proposal',
  data: {
    id: randomUUID(),
    youngPersonId: caseId,
    authorId: AGENTS.conseiller.id,
    solutionId: randomUUID(),
    solutionName: `Solution ${solutionType}`,
    solutionType,
    date,
    decision,
    decidedOn: decision === 'en_attente' ? '' : date,
    reason: decision === 'refusee' ? 'Refus' : '',
  },
});

const contract = (caseId: string, terms: { signedOn: string; startDate: string; state: 'en_cours' | 'termine' }) => ({
  entity: 'contract' as const,
  data: contractFor(caseId, {
    ...terms,
    endDate: '2026-12-31',
    endedOn: terms.state === 'termine' ? '2026-06-15' : '',
  }),
});

const A = randomUUID();
const B = randomUUID();
const C = randomUUID();
const D = randomUUID();
const E = randomUUID();
const F = randomUUID();
const G = randomUUID();
const conseiller = AGENTS.conseiller.id;
const mlds = AGENTS.mlds.id;

/** A deleted record (created by mistake) never counts: here a contact that would have made D reached. */
const DELETED_CONTACT = contact(D, '2026-03-12T10:00:00.000Z', 'joint');

const CASES: FixtureCase[] = [
  // A (conseiller): listed 10 Jan; contacts 12 and 15 Jan; interview 20 Jan; bilan 1 Feb;
  // an accepted apprenticeship 5 Feb; contract signed 15 Feb, started 1 Mar.
  {
    id: A,
    platformId: PLATFORM.id,
    referentId: conseiller,
    listedAt: '2026-01-10T09:00:00.000Z',
    records: [
      contact(A, '2026-01-12T09:00:00.000Z', 'message_laisse'),
      contact(A, '2026-01-15T09:00:00.000Z', 'joint'),
      interview(A, '2026-01-20'),
      bilan(A, '2026-02-01'),
      proposal(A, '2026-02-05', 'apprentissage', 'acceptee'),
      contract(A, { signedOn: '2026-02-15', startDate: '2026-03-01', state: 'en_cours' }),
    ],
  },
  // B (conseiller): listed 1 Feb; contacts 3 Feb (unreachable) and 10 Feb; interview 20 Feb;
  // service civique refused 1 Mar, E2C pending 10 Mar; closed 31 May (refus).
  {
    id: B,
    platformId: PLATFORM.id,
    referentId: conseiller,
    listedAt: '2026-02-01T09:00:00.000Z',
    closed: { on: '2026-05-31', outcome: 'refus' },
    records: [
      contact(B, '2026-02-03T09:00:00.000Z', 'injoignable'),
      contact(B, '2026-02-10T09:00:00.000Z', 'joint'),
      interview(B, '2026-02-20'),
      proposal(B, '2026-03-01', 'service_civique', 'refusee'),
      proposal(B, '2026-03-10', 'e2c', 'en_attente'),
    ],
  },
  // C (MLDS): listed 15 Dec 2025, before the period; contact 5 Jan; interview 8 Jan; bilan 20 Jan,
  // amended 1 Mar; MLDS action accepted 25 Jan; contract signed 28 Jan, started 2 Feb, finished;
  // closed 20 Jun (action MLDS).
  {
    id: C,
    platformId: PLATFORM.id,
    referentId: mlds,
    listedAt: '2025-12-15T09:00:00.000Z',
    closed: { on: '2026-06-20', outcome: 'action_mlds' },
    records: [
      contact(C, '2026-01-05T09:00:00.000Z', 'joint'),
      interview(C, '2026-01-08'),
      bilan(C, '2026-01-20'),
      bilan(C, '2026-03-01', 2),
      proposal(C, '2026-01-25', 'action_mlds', 'acceptee'),
      contract(C, { signedOn: '2026-01-28', startDate: '2026-02-02', state: 'termine' }),
    ],
  },
  // D (MLDS): listed 10 Mar; contacts 11 Mar (wrong number) and 20 Mar (unreachable); never reached.
  {
    id: D,
    platformId: PLATFORM.id,
    referentId: mlds,
    listedAt: '2026-03-10T09:00:00.000Z',
    records: [
      contact(D, '2026-03-11T09:00:00.000Z', 'numero_errone'),
      contact(D, '2026-03-20T09:00:00.000Z', 'injoignable'),
    ],
  },
  // E (unassigned): listed 31 Dec 2025 at 23:30 UTC, which is already 1 Jan in Paris.
  { id: E, platformId: PLATFORM.id, referentId: null, listedAt: '2025-12-31T23:30:00.000Z', records: [] },
  // G (conseiller): listed 30 Jun at 23:30 in Paris (in the period); contacted 1 Jul at 00:30 in Paris (after it).
  {
    id: G,
    platformId: PLATFORM.id,
    referentId: conseiller,
    listedAt: '2026-06-30T21:30:00.000Z',
    records: [contact(G, '2026-06-30T22:30:00.000Z', 'joint')],
  },
  // F, on the other platform: listed 1 Feb, reached 2 Feb. Only the académie's bilan counts it.
  {
    id: F,
    platformId: OTHER_PLATFORM.id,
    referentId: AGENTS.conseillerAilleurs.id,
    listedAt: '2026-02-01T09:00:00.000Z',
    records: [contact(F, '2026-02-02T09:00:00.000Z', 'joint')],
  },
];

const zero = { proposalsByType: [], closedByOutcome: [] };
const delays = (...medians: [number | null, number][]): ActivityFigures['delays'] => {
  const [listingToFirstContact, firstContactToFirstInterview, firstInterviewToSolution, listingToSolution] =
    medians.map(([medianDays, cases]) => ({ medianDays, cases }));
  return {
    listingToFirstContact,
    firstContactToFirstInterview,
    firstInterviewToSolution,
    listingToSolution,
  } as ActivityFigures['delays'];
};

/** The platform's totals, worked out by hand from the cases above. */
const PLATFORM_TOTALS: ActivityFigures = {
  listed: 5, // A, B, D, E (1 Jan in Paris), G (30 Jun in Paris); not C (Dec)
  contacted: 4, // A, B, C, D; not G (1 Jul in Paris)
  reached: 3, // A, B, C; not D (its "joint" contact was deleted)
  interviewed: 3, // A, B, C
  bilans: 2, // A; C once for its two versions
  proposedTo: 3, // A, B, C
  proposals: 4, // A 1, B 2, C 1
  contractsSigned: 2, // A, C
  inSolution: 2, // A (1 Mar), C (2 Feb)
  closed: 2, // B, C
  proposalsByType: [
    { type: 'action_mlds', proposed: 1, accepted: 1 },
    { type: 'apprentissage', proposed: 1, accepted: 1 },
    { type: 'e2c', proposed: 1, accepted: 0 },
    { type: 'service_civique', proposed: 1, accepted: 0 },
  ],
  closedByOutcome: [
    { outcome: 'action_mlds', count: 1 },
    { outcome: 'refus', count: 1 },
  ],
  delays: delays(
    [2, 4], // listing → first contact: A 2, B 2, C 21, D 1 → median of 1, 2, 2, 21
    [8, 3], // first contact → first interview: A 8, B 17, C 3
    [32.5, 2], // first interview → solution: A 40 (20 Jan → 1 Mar), C 25
    [49.5, 2], // listing → solution: A 50, C 49 (15 Dec → 2 Feb)
  ),
};

const CONSEILLER_FIGURES: ActivityFigures = {
  listed: 2 + 1, // A, B, G
  contacted: 2,
  reached: 2,
  interviewed: 2,
  bilans: 1,
  proposedTo: 2,
  proposals: 3,
  contractsSigned: 1,
  inSolution: 1,
  closed: 1,
  proposalsByType: [
    { type: 'apprentissage', proposed: 1, accepted: 1 },
    { type: 'e2c', proposed: 1, accepted: 0 },
    { type: 'service_civique', proposed: 1, accepted: 0 },
  ],
  closedByOutcome: [{ outcome: 'refus', count: 1 }],
  delays: delays([2, 2], [12.5, 2], [40, 1], [50, 1]),
};

const MLDS_FIGURES: ActivityFigures = {
  listed: 1, // D
  contacted: 2,
  reached: 1,
  interviewed: 1,
  bilans: 1,
  proposedTo: 1,
  proposals: 1,
  contractsSigned: 1,
  inSolution: 1,
  closed: 1,
  proposalsByType: [{ type: 'action_mlds', proposed: 1, accepted: 1 }],
  closedByOutcome: [{ outcome: 'action_mlds', count: 1 }],
  delays: delays([11, 2], [3, 1], [25, 1], [49, 1]), // listing → contact: C 21, D 1
};

const UNASSIGNED_FIGURES: ActivityFigures = {
  ...{ listed: 1, contacted: 0, reached: 0, interviewed: 0, bilans: 0, proposedTo: 0, proposals: 0 },
  ...{ contractsSigned: 0, inSolution: 0, closed: 0 },
  ...zero,
  delays: delays([null, 0], [null, 0], [null, 0], [null, 0]),
};

const month = (name: string, counts: Partial<Record<string, number>>) => ({
  month: name,
  ...{ listed: 0, contacted: 0, reached: 0, interviewed: 0, bilans: 0, proposedTo: 0, proposals: 0 },
  ...{ contractsSigned: 0, inSolution: 0, closed: 0 },
  ...counts,
});

const PLATFORM_MONTHS = [
  // Jan: listed A, E; contacts A, C (both reached); interviews A, C; C's bilan, proposal and signature.
  month('2026-01', {
    ...{ listed: 2, contacted: 2, reached: 2, interviewed: 2 },
    ...{ bilans: 1, proposedTo: 1, proposals: 1, contractsSigned: 1 },
  }),
  // Feb: listed B; B contacted, reached, interviewed; A's bilan, proposal and signature; C starts.
  month('2026-02', {
    ...{ listed: 1, contacted: 1, reached: 1, interviewed: 1 },
    ...{ bilans: 1, proposedTo: 1, proposals: 1, contractsSigned: 1, inSolution: 1 },
  }),
  // Mar: listed D; D contacted; C's amended bilan; B's two proposals; A starts.
  month('2026-03', { listed: 1, contacted: 1, bilans: 1, proposedTo: 1, proposals: 2, inSolution: 1 }),
  month('2026-04', {}),
  month('2026-05', { closed: 1 }), // B
  month('2026-06', { listed: 1, closed: 1 }), // G listed, C closed
];

describe.each(backends)('activity bilans on %s', (backend) => {
  const t = useTestApp(backend);

  async function insertCases(cases: FixtureCase[]) {
    await t.db.transaction(async (tx) => {
      for (const theCase of cases) {
        const person = youngPerson({
          id: theCase.id,
          platformId: theCase.platformId,
          referentId: theCase.referentId,
          status: theCase.closed ? 'clos' : 'a_traiter',
          outcome: theCase.closed?.outcome ?? '',
          closedOn: theCase.closed?.on ?? '',
          campaign: '2025-12',
        });
        const rows: Row[] = [{ entity: 'youngPerson', data: person }, ...theCase.records];
        for (const { entity, data } of rows) {
          const version = await nextVersion(tx, theCase.platformId);
          const { id: _id, ...fields } = data;
          await insertRecord(tx, {
            id: data.id,
            entity,
            platformId: theCase.platformId,
            referentId: theCase.referentId,
            youngPersonId: theCase.id,
            version,
            data,
            stamps: stampAll(fields, SERVER_WRITER, version),
            agentId: null,
            now: new Date(theCase.listedAt),
          });
        }
      }
      const version = await nextVersion(tx, PLATFORM.id);
      await insertRecord(tx, {
        id: DELETED_CONTACT.data.id,
        entity: 'contactAttempt',
        platformId: PLATFORM.id,
        referentId: mlds,
        youngPersonId: D,
        version,
        data: DELETED_CONTACT.data,
        stamps: {},
        agentId: null,
        now: new Date('2026-03-12T10:00:00.000Z'),
      });
      await tx.query('UPDATE records SET deleted = true, data = NULL WHERE id = $1', [DELETED_CONTACT.data.id]);
    });
  }

  const get = (device: Device, url: string) => t.inject({ method: 'GET', url, headers: bearer(device.token) });

  async function activity(device: Device, query = ''): Promise<ActivityResponse> {
    const response = await get(device, `/api/stats/activity?from=${FROM}&to=${TO}${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return activityResponseSchema.parse(response.json());
  }

  it('counts the platform’s activity, per referent and per month, as worked out by hand', async () => {
    await insertCases(CASES);
    const result = await activity(await t.login('coordinateur'));
    expect(result).toMatchObject({ from: FROM, to: TO, platformId: PLATFORM.id, agentId: null });
    expect(result.totals).toEqual(PLATFORM_TOTALS);
    expect(result.byAgent).toEqual([
      { agentId: conseiller, agentName: AGENTS.conseiller.displayName, figures: CONSEILLER_FIGURES },
      { agentId: mlds, agentName: AGENTS.mlds.displayName, figures: MLDS_FIGURES },
      { agentId: null, agentName: 'Non attribué', figures: UNASSIGNED_FIGURES },
    ]);
    expect(result.monthly).toEqual(PLATFORM_MONTHS);
  });

  it('counts retention-purged cases in full: the figures are the same before and after the purge', async () => {
    await insertCases(CASES);
    const coordinator = await t.login('coordinateur');
    const before = await activity(coordinator);
    // Two years after 1 Jul 2026, B (closed 31 May) and C (closed 20 Jun) are purged.
    const report = await purgeExpiredCases(t.db, () => new Date('2028-07-01T10:00:00.000Z'), 2);
    expect(report.caseIds.sort()).toEqual([B, C].sort());
    const purged = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM records WHERE young_person_id = ANY($1::uuid[]) AND deleted AND purged_at IS NOT NULL',
      [[B, C]],
    );
    expect(purged[0]!.n).toBe(1 + 5 + 1 + 6); // each young person and every record of theirs
    expect(await activity(coordinator)).toEqual(before);
    expect((await activity(coordinator)).totals).toEqual(PLATFORM_TOTALS);
  });

  it('gives one referent’s figures, and the académie every platform or one', async () => {
    await insertCases(CASES);
    const coordinator = await t.login('coordinateur');
    const mine = await activity(coordinator, `&agentId=${conseiller}`);
    expect(mine.totals).toEqual(CONSEILLER_FIGURES);
    expect(mine.byAgent.map((entry) => entry.agentId)).toEqual([conseiller]);

    const admin = await t.login('admin');
    expect((await activity(admin, `&platformId=${PLATFORM.id}`)).totals).toEqual(PLATFORM_TOTALS);
    const all = await activity(admin);
    expect(all.platformId).toBeNull();
    expect(all.totals).toMatchObject({ listed: 6, contacted: 5, reached: 4, interviewed: 3 });
    // F's first contact came a day after its listing: 1, 1, 2, 2, 21.
    expect(all.totals.delays.listingToFirstContact).toEqual({ medianDays: 2, cases: 5 });
    expect(all.byAgent.map((entry) => entry.agentName)).toContain(AGENTS.conseillerAilleurs.displayName);
  });

  it('is refused to advisers and tutors, to another platform’s bilan, and with a bad period or referent', async () => {
    for (const who of ['conseiller', 'mlds', 'tuteur'] as const) {
      const device = await t.login(who);
      expect((await get(device, `/api/stats/activity?from=${FROM}&to=${TO}`)).statusCode).toBe(403);
      expect((await get(device, `/api/stats/activity.csv?from=${FROM}&to=${TO}`)).statusCode).toBe(403);
    }
    const coordinator = await t.login('coordinateur');
    const elsewhere = await get(
      coordinator,
      `/api/stats/activity?from=${FROM}&to=${TO}&platformId=${OTHER_PLATFORM.id}`,
    );
    expect(elsewhere.statusCode).toBe(403);
    const backwards = await get(coordinator, `/api/stats/activity?from=${TO}&to=${FROM}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().issues).toEqual([{ path: 'to', message: 'La fin doit suivre le début de la période' }]);
    const missing = await get(coordinator, '/api/stats/activity?from=2026-02-30');
    expect(
      missing
        .json()
        .issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(['from', 'to']);
    const stranger = await get(
      coordinator,
      `/api/stats/activity?from=${FROM}&to=${TO}&agentId=${AGENTS.conseillerAilleurs.id}`,
    );
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().issues).toEqual([{ path: 'agentId', message: 'Agent inconnu sur cette plateforme' }]);
  });

  it('exports the bilan as a French spreadsheet: BOM, “;”, a header row, a line per referent; audited', async () => {
    await insertCases(CASES);
    const coordinator = await t.login('coordinateur');
    const response = await get(coordinator, `/api/stats/activity.csv?from=${FROM}&to=${TO}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="activite-psad-test-nord-2026-01-01-au-2026-06-30.csv"',
    );
    const raw = response.rawPayload.toString('utf8');
    expect(raw.startsWith('\uFEFF')).toBe(true);
    const lines = raw.slice(1).trimEnd().split('\r\n');
    const header = lines[0]!.split(';');
    expect(header.slice(0, 15)).toEqual([
      'Référent',
      'Jeunes repérés',
      'Jeunes contactés',
      'Jeunes joints',
      'Jeunes reçus en entretien',
      'Bilans de positionnement',
      'Jeunes ayant reçu une proposition',
      'Propositions de solution',
      'Contrats signés',
      'Entrées en solution',
      'Dossiers clos',
      'Délai médian en jours : du repérage au premier contact',
      'Délai médian en jours : du premier contact au premier entretien',
      'Délai médian en jours : du premier entretien à l’entrée en solution',
      'Délai médian en jours : du repérage à l’entrée en solution',
    ]);
    expect(header).toContain('Propositions : CFA / apprentissage');
    expect(header).toContain('Sorties : Action MLDS');
    expect(lines.map((line) => line.split(';')[0])).toEqual([
      'Référent',
      'PSAD Test Nord',
      AGENTS.conseiller.displayName,
      AGENTS.mlds.displayName,
      'Non attribué',
    ]);
    const total = Object.fromEntries(header.map((name, index) => [name, lines[1]!.split(';')[index]]));
    expect(lines[1]!.split(';').slice(1, 15)).toEqual(
      ['5', '4', '3', '3', '2', '3', '4', '2', '2', '2'].concat(['2', '8', '32,5', '49,5']),
    );
    expect(total['Propositions : CFA / apprentissage']).toBe('1');
    expect(total['Propositions acceptées : Service civique']).toBe('0');
    expect(total['Sorties : Refus']).toBe('1');
    expect(total['Sorties : Emploi']).toBe('0');
    expect(lines[4]!.split(';').slice(11, 15)).toEqual(['', '', '', '']); // no delay for the unassigned case

    const events = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_events',
    );
    expect(events).toEqual([
      {
        action: 'activity_exported',
        details: { from: FROM, to: TO, platformId: PLATFORM.id, agentId: null },
      },
    ]);
  });
});
