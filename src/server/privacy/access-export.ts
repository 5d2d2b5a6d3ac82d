import type { AccessExport } from '../../domain/access-export';
import type { EntityName } from '../../domain/sync-messages';
import type { Actor, Clock } from '../auth/actor';
import { HttpError } from '../http/http-error';
import { findPlatform } from '../store/agents-repo';
import { recordAuditEvent } from '../store/audit-repo';
import { findAgentNames, findCasePerson, readCaseRecords } from '../store/case-file-repo';
import type { Database } from '../store/database';
import { erasureDay, platformDay } from './retention-dates';

type Data = Record<string, unknown>;

/** Where each kind of record goes in the export. */
const SECTION: Partial<Record<EntityName, keyof AccessExport>> = {
  contactAttempt: 'contactAttempts',
  meeting: 'meetings',
  statusChange: 'statusChanges',
  bilan: 'bilans',
  proposal: 'proposals',
  contract: 'contracts',
  conflict: 'conflicts',
};

/** Fields of records that name agents: the export gives their names. */
const AGENT_FIELDS = [
  'referentId',
  'authorId',
  'validatedBy',
  'tutorId',
  'keptAuthorId',
  'otherAuthorId',
  'resolvedBy',
];

function agentIdsOf(records: readonly Data[]): string[] {
  return records.flatMap((record) => [
    ...AGENT_FIELDS.map((field) => record[field]).filter((id): id is string => typeof id === 'string'),
    ...(Array.isArray(record.authorIds) ? (record.authorIds as unknown[]).filter((id) => typeof id === 'string') : []),
  ]) as string[];
}

/**
 * The right of access: one young person's whole file, for the coordinator of
 * their platform, and its record in the audit trail.
 * 1. An admin is refused (no case content); anyone but the coordinator of the
 *    case's platform finds no such case (as for the case's history). A case
 *    whose personal data was purged says so, to its coordinator only.
 * 2. The young person, every record of the case (deleted ones aside: they
 *    hold nothing), the names of the agents they mention, the platform.
 * 3. The export is recorded (who, which device, which case, which format,
 *    how many records), in the transaction that read the file.
 */
export async function exportCaseFile(
  db: Database,
  actor: Actor,
  request: { caseId: string; format: 'json' | 'html' },
  options: { clock: Clock; retentionYears: number },
): Promise<AccessExport> {
  if (actor.role === 'admin') {
    throw new HttpError(403, 'forbidden', 'L’administration académique n’a pas accès au contenu des dossiers'); // step 1
  }
  return db.transaction(async (tx) => {
    const person = await findCasePerson(tx, request.caseId);
    if (!person || person.platformId !== actor.platformId || actor.role !== 'coordinateur') {
      throw new HttpError(404, 'not_found', 'Dossier introuvable');
    }
    if (person.purged) {
      throw new HttpError(
        404,
        'purged',
        'Les données personnelles de ce dossier ont été effacées à la fin de la durée de conservation',
      );
    }
    if (person.deleted || !person.data) throw new HttpError(404, 'not_found', 'Dossier introuvable');

    const records = await readCaseRecords(tx, request.caseId); // step 2
    const now = options.clock();
    const closedOn = person.data.status === 'clos' ? String(person.data.closedOn ?? '') : '';
    const platform = await findPlatform(tx, person.platformId);
    const file: AccessExport = {
      kind: 'raccroche.droit-acces',
      version: 1,
      exportedAt: now.toISOString(),
      exportedBy: (await findAgentNames(tx, [actor.agentId]))[actor.agentId] ?? '',
      platform: {
        name: platform?.name ?? '',
        departement: platform?.departement ?? '',
        academie: platform?.academie ?? '',
      },
      listedOn: platformDay(new Date(person.createdAt)),
      retention: {
        years: options.retentionYears,
        erasedFrom: closedOn ? erasureDay(closedOn, options.retentionYears) : '',
      },
      youngPerson: person.data,
      contactAttempts: [],
      meetings: [],
      statusChanges: [],
      bilans: [],
      proposals: [],
      contracts: [],
      conflicts: [],
      agents: {},
    };
    for (const record of records) {
      const section = SECTION[record.entity];
      if (section) (file[section] as Data[]).push(record.data);
    }
    file.agents = await findAgentNames(tx, agentIdsOf([person.data, ...records.map((record) => record.data)]));

    await recordAuditEvent(tx, {
      at: now, // step 3
      action: 'access_export',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: person.platformId,
      entity: 'youngPerson',
      recordId: request.caseId,
      details: { format: request.format, records: records.length },
    });
    return file;
  });
}
