import type { Actor } from '../auth/actor';
import { recordAuditEvent } from '../store/audit-repo';
import {
  deleteCaseTutor,
  giveNewVersion,
  insertCaseTutor,
  lockLiveCaseRecords,
  readCaseTutors,
  readTutorsNamedByContracts,
} from '../store/case-tutors-repo';
import type { SqlExecutor } from '../store/database';
import { findRecordForUpdate, insertScopeExit, nextVersion } from '../store/records-repo';

/**
 * After a contract is written (created, edited, deleted), brings the case's
 * tutors in line with its contracts, in the same transaction (the push holds
 * the platform clock's lock, so two writes of the platform never interleave
 * here).
 * 1. The tutors the case's live contracts name now, against those recorded.
 * 2. A new tutor is recorded, and every live record of the case takes a new
 *    version: the tutor's devices, whose cursor may already be past them,
 *    pull the whole case at their next sync (as reassign.ts does for a new
 *    referent).
 * 3. A tutor no longer named is removed; unless they are the case's referent
 *    (who keeps it), a scope exit tells their devices to drop the case.
 * Both are written to the audit trail: they give or take access to a case.
 */
export async function followContractTutors(
  tx: SqlExecutor,
  actor: Actor,
  contractId: string,
  now: Date,
): Promise<void> {
  const contract = await findRecordForUpdate(tx, contractId);
  if (!contract?.youngPersonId) return;
  const caseId = contract.youngPersonId;
  const platformId = contract.platformId;
  const named = await readTutorsNamedByContracts(tx, caseId); // step 1
  const recorded = await readCaseTutors(tx, caseId);
  const added = named.filter((agentId) => !recorded.includes(agentId));
  const removed = recorded.filter((agentId) => !named.includes(agentId));
  const audit = (action: 'tutor_added' | 'tutor_removed', tutorId: string) =>
    recordAuditEvent(tx, {
      at: now,
      action,
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId,
      entity: 'youngPerson',
      recordId: caseId,
      details: { tutorId, contractId },
    });

  for (const agentId of added) {
    await insertCaseTutor(tx, { caseId, agentId, platformId }); // step 2
    await audit('tutor_added', agentId);
  }
  if (added.length > 0) {
    for (const record of await lockLiveCaseRecords(tx, caseId)) {
      await giveNewVersion(tx, record.id, await nextVersion(tx, platformId));
    }
  }
  if (removed.length === 0) return;
  const person = await findRecordForUpdate(tx, caseId);
  for (const agentId of removed) {
    await deleteCaseTutor(tx, caseId, agentId); // step 3
    if (person?.referentId !== agentId) {
      const version = await nextVersion(tx, platformId);
      await insertScopeExit(tx, { platformId, version, entity: 'youngPerson', recordId: caseId, agentId, now });
    }
    await audit('tutor_removed', agentId);
  }
}
