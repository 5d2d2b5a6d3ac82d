import { randomUUID } from 'node:crypto';
import { ADVISER_ROLES, type BulkAssignment, type BulkAssignmentResponse } from '../../domain/distribution';
import type { FieldIssue } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import { requireCoordinator } from '../auth/scope';
import { HttpError } from '../http/http-error';
import { findAgentById } from '../store/agents-repo';
import { recordAuditEvent } from '../store/audit-repo';
import {
  insertScopeExits,
  lockRecordsById,
  lockRecordsOfCases,
  placeCaseRecords,
  placeYoungPeople,
  readTutorsOfCases,
  reserveVersions,
} from '../store/case-moves-repo';
import type { Database, SqlExecutor } from '../store/database';
import { findRecordForUpdate, lockPlatformClock, type StoredRecord } from '../store/records-repo';
import { SERVER_WRITER } from './case-rules';

const CAN_BE_REFERENT = new Set<string>(ADVISER_ROLES);
const ASSIGNS = 'Seul le responsable de la plateforme attribue les dossiers';

/** The referent must be an active conseiller, MLDS coordinator or tutor of the platform: 409 otherwise. */
async function checkReferent(tx: SqlExecutor, referentId: string, platformId: string): Promise<void> {
  const referent = await findAgentById(tx, referentId);
  if (!referent || referent.platformId !== platformId || !CAN_BE_REFERENT.has(referent.role)) {
    throw new HttpError(
      409,
      'invalid_referent',
      'Ce référent n’est pas un conseiller, un coordonnateur MLDS ou un tuteur de la plateforme',
    );
  }
  if (!referent.active) {
    throw new HttpError(409, 'invalid_referent', `Le compte de ${referent.displayName} est désactivé`);
  }
}

const isLiveCase = (record: StoredRecord | undefined): record is StoredRecord =>
  record !== undefined && record.entity === 'youngPerson' && !record.deleted && record.data !== null;

/**
 * Gives cases (their young people, locked by the caller with the platform
 * clock) to a referent, in the caller's transaction. The write path of both
 * the single assignment and the batch.
 * 1. Only the cases whose referent changes are written.
 * 2. The previous referent's devices are told each case left them: a scope
 *    exit at its place in the version order — not when a contract names
 *    them tutor of the case (they still see it).
 * 3. The young people and every record of their cases take the new referent
 *    and a new version (versions taken at once from the platform clock), so
 *    the new referent's devices pull the whole cases at their next sync.
 * 4. One audit event per case (its history shows it), naming the batch.
 * Returns each moved case's new version.
 */
async function moveCasesToReferent(
  tx: SqlExecutor,
  actor: Actor,
  platformId: string,
  people: readonly StoredRecord[],
  referentId: string | null,
  now: Date,
): Promise<Map<string, number>> {
  const moving = people.filter((person) => person.referentId !== referentId); // step 1
  if (moving.length === 0) return new Map();
  const caseIds = moving.map((person) => person.id);
  const tutors = await readTutorsOfCases(tx, caseIds);
  const stillTutor = (person: StoredRecord) =>
    tutors.some((tutor) => tutor.caseId === person.id && tutor.agentId === person.referentId);
  const leaving = moving.filter((person) => person.referentId !== null && !stillTutor(person)); // step 2
  const records = await lockRecordsOfCases(tx, caseIds);

  let next = await reserveVersions(tx, platformId, leaving.length + moving.length + records.length); // step 3
  const take = () => next++;
  const exits = leaving.map((person) => ({ version: take(), recordId: person.id, agentId: person.referentId }));
  const personMoves = moving.map((person) => ({ id: person.id, version: take() }));
  const recordMoves = records.map((record) => ({ id: record.id, version: take() }));
  await insertScopeExits(tx, platformId, exits, now);
  await placeYoungPeople(tx, {
    platformId,
    referentId,
    moves: personMoves,
    now,
    agentId: actor.agentId,
    writer: SERVER_WRITER,
  });
  await placeCaseRecords(tx, { platformId, referentId, moves: recordMoves, now });

  const batch = moving.length > 1 ? { batchId: randomUUID(), batchSize: moving.length } : {};
  for (const person of moving) {
    await recordAuditEvent(tx, {
      at: now,
      action: 'case_reassigned',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId,
      entity: 'youngPerson',
      recordId: person.id,
      details: { from: person.referentId, to: referentId, ...batch },
    }); // step 4
  }
  return new Map(personMoves.map((move) => [move.id, move.version]));
}

/**
 * Gives a case to another referent (or leaves it unassigned), in one
 * transaction: the platform clock locked first (the order pushes use), then
 * the case (a case out of reach is not found, whatever the referent asked
 * for), then the referent checked. Returns the young person's version.
 */
export async function reassignCase(
  db: Database,
  actor: Actor,
  caseId: string,
  referentId: string | null,
  clock: Clock,
): Promise<number> {
  const platformId = requireCoordinator(actor, ASSIGNS);
  return db.transaction(async (tx) => {
    await lockPlatformClock(tx, platformId);
    const person = await findRecordForUpdate(tx, caseId);
    if (!isLiveCase(person) || person.platformId !== platformId) {
      throw new HttpError(404, 'not_found', 'Dossier introuvable sur cette plateforme');
    }
    if (referentId) await checkReferent(tx, referentId, platformId);
    const moved = await moveCasesToReferent(tx, actor, platformId, [person], referentId, clock());
    return moved.get(caseId) ?? person.version;
  });
}

/**
 * Gives a batch of cases to one adviser, all or none, in one transaction.
 * 1. The platform clock, then the adviser: active, of the platform (409).
 * 2. The cases, locked in id order; any case that does not exist (404) or is
 *    another platform's (403) refuses the whole batch, each named by its
 *    place in the list.
 * 3. The same write as a single assignment, for all of them at once.
 */
export async function assignCases(
  db: Database,
  actor: Actor,
  request: BulkAssignment,
  clock: Clock,
): Promise<BulkAssignmentResponse> {
  const platformId = requireCoordinator(actor, ASSIGNS);
  return db.transaction(async (tx) => {
    await lockPlatformClock(tx, platformId); // step 1
    await checkReferent(tx, request.referentId, platformId);
    const found = new Map((await lockRecordsById(tx, request.caseIds)).map((record) => [record.id, record])); // step 2
    const foreign: FieldIssue[] = [];
    const missing: FieldIssue[] = [];
    request.caseIds.forEach((id, index) => {
      const record = found.get(id);
      if (!isLiveCase(record)) missing.push({ path: `caseIds.${index}`, message: 'Dossier introuvable' });
      else if (record.platformId !== platformId) {
        foreign.push({ path: `caseIds.${index}`, message: 'Dossier d’une autre plateforme' });
      }
    });
    if (foreign.length > 0) {
      throw new HttpError(403, 'forbidden', 'Certains dossiers appartiennent à une autre plateforme', foreign);
    }
    if (missing.length > 0) throw new HttpError(404, 'not_found', 'Certains dossiers sont introuvables', missing);
    const people = request.caseIds.map((id) => found.get(id)!);
    const moved = await moveCasesToReferent(tx, actor, platformId, people, request.referentId, clock()); // step 3
    return { assigned: moved.size, unchanged: people.length - moved.size };
  });
}
