import type { TransferRequest } from '../../domain/distribution';
import type { Actor, Clock } from '../auth/actor';
import { requireCoordinator } from '../auth/scope';
import { HttpError } from '../http/http-error';
import { findPlatform } from '../store/agents-repo';
import { recordAuditEvent } from '../store/audit-repo';
import { readCaseTutors } from '../store/case-tutors-repo';
import {
  deleteTutorsOfCase,
  insertScopeExits,
  lockRecordsOfCases,
  placeCaseRecords,
  placeYoungPeople,
  reserveVersions,
} from '../store/case-moves-repo';
import type { Database } from '../store/database';
import { findRecordForUpdate, lockPlatformClock, nextVersion } from '../store/records-repo';
import { SERVER_WRITER } from './case-rules';

const invalidPlatform = (message: string) =>
  new HttpError(400, 'invalid_request', 'Requête invalide', [{ path: 'platformId', message }]);

/**
 * Transfers a case to another platform (the young person moved), in one
 * transaction. The case leaves every device of its platform and arrives,
 * unassigned, at the other platform's coordinator.
 * 1. Both platform clocks, locked in id order: two transfers crossing each
 *    other cannot deadlock, and no push of either platform interleaves.
 * 2. The case, locked: unknown 404, another platform's 403.
 * 3. Its tutors were agents of this platform: they lose it with the rest.
 * 4. One scope exit for the whole platform (agent_id NULL) in this
 *    platform's clock: the coordinator's, the referent's and the tutors'
 *    devices drop the case at their next pull.
 * 5. The young person and every record of the case (contacts, interviews,
 *    bilans, proposals, contracts, conflicts, tombstones) take the new
 *    platform, no referent, and versions of the new platform's clock —
 *    versions are unique per platform, and the new coordinator's devices
 *    pull everything above their cursor.
 * 6. An audit event with the reason, both platforms and the counts.
 */
export async function transferCase(
  db: Database,
  actor: Actor,
  caseId: string,
  request: TransferRequest,
  clock: Clock,
): Promise<{ platformId: string; version: number }> {
  const platformId = requireCoordinator(actor, 'Seul le responsable de la plateforme transfère les dossiers');
  if (request.platformId === platformId) throw invalidPlatform('Le dossier est déjà sur cette plateforme');
  const [from, to] = await Promise.all([findPlatform(db, platformId), findPlatform(db, request.platformId)]);
  if (!from || !to) throw invalidPlatform('Plateforme inconnue');

  return db.transaction(async (tx) => {
    const now = clock();
    for (const id of [platformId, to.id].sort()) await lockPlatformClock(tx, id); // step 1
    const person = await findRecordForUpdate(tx, caseId); // step 2
    if (!person || person.entity !== 'youngPerson' || person.deleted || !person.data) {
      throw new HttpError(404, 'not_found', 'Dossier introuvable');
    }
    if (person.platformId !== platformId) {
      throw new HttpError(403, 'forbidden', 'Ce dossier appartient à une autre plateforme');
    }
    const tutors = await readCaseTutors(tx, caseId); // step 3
    await deleteTutorsOfCase(tx, caseId);
    const exit = await nextVersion(tx, platformId); // step 4
    await insertScopeExits(tx, platformId, [{ version: exit, recordId: caseId, agentId: null }], now);

    const records = await lockRecordsOfCases(tx, [caseId]); // step 5
    const first = await reserveVersions(tx, to.id, records.length + 1);
    const placement = { platformId: to.id, referentId: null, now };
    await placeYoungPeople(tx, {
      ...placement,
      moves: [{ id: caseId, version: first }],
      agentId: actor.agentId,
      writer: SERVER_WRITER,
    });
    await placeCaseRecords(tx, {
      ...placement,
      moves: records.map((record, index) => ({ id: record.id, version: first + 1 + index })),
    });

    await recordAuditEvent(tx, {
      at: now,
      action: 'case_transferred',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId,
      entity: 'youngPerson',
      recordId: caseId,
      details: {
        fromPlatform: { id: from.id, name: from.name },
        toPlatform: { id: to.id, name: to.name },
        reason: request.reason,
        previousReferent: person.referentId,
        tutorsRemoved: tutors,
        records: records.length,
      },
    }); // step 6
    return { platformId: to.id, version: first };
  });
}
