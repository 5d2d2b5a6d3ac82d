import type { Bilan } from './bilan';
import type { ContactAttempt, Meeting, StatusChange } from './case-records';
import type { Contract } from './contract';
import {
  caseStatus,
  contactChannel,
  contactResult,
  contactTarget,
  contractState,
  meetingKind,
  proposalDecision,
} from './enums';
import type { Proposal } from './proposal';

/** One line of a case's history. */
export interface TimelineEntry {
  key: string;
  entity: 'contactAttempt' | 'meeting' | 'statusChange' | 'bilan' | 'proposal' | 'contract';
  recordId: string;
  /** When it happened (ISO date or timestamp): the order of the timeline, newest first. */
  date: string;
  title: string;
  summary: string;
  authorIds: string[];
  /** Not yet acknowledged by the endpoint. */
  pending: boolean;
}

export interface CaseRecords {
  contactAttempts: (ContactAttempt & { serverVersion: number })[];
  meetings: (Meeting & { serverVersion: number })[];
  statusChanges: (StatusChange & { serverVersion: number })[];
  bilans: (Bilan & { serverVersion: number })[];
  proposals: (Proposal & { serverVersion: number })[];
  contracts: (Contract & { serverVersion: number })[];
}

function firstLine(text: string, max = 160): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Everything that happened in a case, newest first. Records of the same date
 * keep a stable order: the last written (highest server version, unsent ones
 * last of all) first.
 */
export function buildTimeline(records: CaseRecords): TimelineEntry[] {
  const entries: (TimelineEntry & { version: number })[] = [
    ...records.contactAttempts.map((c) => ({
      key: `contact-${c.id}`,
      entity: 'contactAttempt' as const,
      recordId: c.id,
      date: c.occurredAt,
      title: `Tentative de contact – ${contactChannel.label(c.channel)} : ${contactResult.label(c.result).toLowerCase()}`,
      summary: [contactTarget.label(c.target), c.guardianName, firstLine(c.note)].filter(Boolean).join(' – '),
      authorIds: [c.authorId],
      pending: c.serverVersion === 0,
      version: c.serverVersion,
    })),
    ...records.meetings.map((m) => ({
      key: `meeting-${m.id}`,
      entity: 'meeting' as const,
      recordId: m.id,
      date: m.date,
      title: `${meetingKind.label(m.kind)}${m.place ? ` – ${m.place}` : ''}`,
      summary: firstLine(m.notes || m.nextSteps),
      authorIds: [m.authorId],
      pending: m.serverVersion === 0,
      version: m.serverVersion,
    })),
    ...records.statusChanges.map((s) => ({
      key: `status-${s.id}`,
      entity: 'statusChange' as const,
      recordId: s.id,
      date: s.occurredAt,
      title:
        s.to === 'clos' ? 'Dossier clos' : `Statut changé : ${caseStatus.label(s.from)} → ${caseStatus.label(s.to)}`,
      summary: firstLine(s.reason),
      authorIds: [s.authorId],
      pending: s.serverVersion === 0,
      version: s.serverVersion,
    })),
    ...records.bilans.map((b) => ({
      key: `bilan-${b.id}`,
      entity: 'bilan' as const,
      recordId: b.id,
      date: b.status === 'valide' ? b.validatedOn || b.date : b.date,
      title: `Bilan de positionnement${b.number > 1 ? ` (version ${b.number})` : ''} – ${b.status === 'valide' ? 'validé' : 'brouillon'}`,
      summary: firstLine(b.recommendation || b.project),
      authorIds: b.authorIds,
      pending: b.serverVersion === 0,
      version: b.serverVersion,
    })),
    ...records.proposals.map((p) => ({
      key: `proposal-${p.id}`,
      entity: 'proposal' as const,
      recordId: p.id,
      date: p.date,
      title: `Solution proposée : ${p.solutionName}`,
      summary: [proposalDecision.label(p.decision), firstLine(p.reason)].filter(Boolean).join(' – '),
      authorIds: [p.authorId],
      pending: p.serverVersion === 0,
      version: p.serverVersion,
    })),
    ...records.contracts.map((c) => ({
      key: `contract-${c.id}`,
      entity: 'contract' as const,
      recordId: c.id,
      date: c.endedOn || c.signedOn || c.startDate || '',
      title: `Contrat Formation Qualification Emploi – ${contractState.label(c.state).toLowerCase()}`,
      summary: c.solutionLabel,
      authorIds: [],
      pending: c.serverVersion === 0,
      version: c.serverVersion,
    })),
  ];
  const rank = (version: number) => (version === 0 ? Number.MAX_SAFE_INTEGER : version);
  return entries
    .sort((a, b) => (a.date === b.date ? rank(b.version) - rank(a.version) : a.date < b.date ? 1 : -1))
    .map(({ version: _version, ...entry }) => entry);
}
