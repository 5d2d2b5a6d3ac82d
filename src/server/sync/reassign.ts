import type { Actor, Clock } from '../auth/actor';
import { HttpError } from '../http/http-error';
import type { Database, SqlExecutor } from '../store/database';
import { findAgentById } from '../store/agents-repo';
import { recordAuditEvent } from '../store/audit-repo';
import { readCaseTutors } from '../store/case-tutors-repo';
import {
  findRecordForUpdate,
  insertScopeExit,
  lockCaseRecords,
  lockPlatformClock,
  moveRecordToReferent,
  nextVersion,
  updateRecord,
} from '../store/records-repo';
import { SERVER_WRITER } from './case-rules';

const CAN_BE_REFERENT = new Set(['conseiller', 'mlds', 'tuteur']);

async function checkReferent(tx: SqlExecutor, referentId: string, platformId: string): Promise<void> {
  const referent = await findAgentById(tx, referentId);
  if (!referent || referent.platformId !== platformId || !referent.active || !CAN_BE_REFERENT.has(referent.role)) {
    throw new HttpError(
      400,
      'invalid_referent',
      'Ce référent n’est pas un conseiller, un coordonnateur MLDS ou un tuteur actif de la plateforme',
    );
  }
}

/**
 * Gives a case to another referent, in one transaction.
 * 1. Lock the platform clock first (the order pushes use), then the case (a
 *    case out of reach is not found, whatever the referent asked for); then
 *    check the referent.
 * 2. The previous referent's devices are told the case left them: a scope
 *    exit at its place in the version order (not when a contract names them
 *    tutor of the case: they still see it).
 * 3. The young person and every record of the case take the new referent and
 *    a new version, so the new referent's devices pull the whole case.
 * 4. The reassignment goes to the audit trail.
 * Returns the young person's new version.
 */
export async function reassignCase(
  db: Database,
  actor: Actor,
  caseId: string,
  referentId: string | null,
  clock: Clock,
): Promise<number> {
  if (actor.role !== 'coordinateur' || !actor.platformId) {
    throw new HttpError(403, 'forbidden', 'Seul le responsable de la plateforme attribue les dossiers');
  }
  const platformId = actor.platformId;
  return db.transaction(async (tx) => {
    const now = clock();
    await lockPlatformClock(tx, platformId);
    const person = await findRecordForUpdate(tx, caseId);
    if (
      !person ||
      person.deleted ||
      !person.data ||
      person.entity !== 'youngPerson' ||
      person.platformId !== platformId
    ) {
      throw new HttpError(404, 'not_found', 'Dossier introuvable sur cette plateforme');
    }
    if (referentId) await checkReferent(tx, referentId, platformId);
    if (person.referentId === referentId) return person.version;
    if (person.referentId && !(await readCaseTutors(tx, caseId)).includes(person.referentId)) {
      const exit = await nextVersion(tx, platformId);
      await insertScopeExit(tx, {
        platformId,
        version: exit,
        entity: 'youngPerson',
        recordId: caseId,
        agentId: person.referentId,
        now,
      });
    }
    const version = await nextVersion(tx, platformId);
    await updateRecord(tx, {
      ...person,
      referentId,
      version,
      data: { ...person.data, referentId },
      stamps: { ...person.stamps, referentId: { v: version, d: SERVER_WRITER } },
      agentId: actor.agentId,
      now,
    });
    for (const record of await lockCaseRecords(tx, caseId)) {
      await moveRecordToReferent(tx, record.id, referentId, await nextVersion(tx, platformId), now);
    }
    await recordAuditEvent(tx, {
      at: now,
      action: 'case_reassigned',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId,
      entity: 'youngPerson',
      recordId: caseId,
      details: { from: person.referentId, to: referentId },
    });
    return version;
  });
}
