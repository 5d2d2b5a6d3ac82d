import { createHash, randomUUID } from 'node:crypto';
import { statusChangeSchema, type StatusChange } from '../../domain/case-records';
import { stampAll } from '../../domain/merge';
import type {
  ImportApplyRequest,
  ImportApplyResponse,
  ImportPreviewRequest,
  ImportPreviewResponse,
  RowOutcome,
} from '../../domain/siei/messages';
import { countCategories, newPersonFrom, planSieiImport, reopeningReason, type RowPlan } from '../../domain/siei/plan';
import type { ImportRow } from '../../domain/siei/row';
import { toFieldIssues } from '../../domain/sync-messages';
import { youngPersonSchema } from '../../domain/young-person';
import type { Actor, Clock } from '../auth/actor';
import { HttpError } from '../http/http-error';
import { platformDay } from '../privacy/retention-dates';
import { recordAuditEvent } from '../store/audit-repo';
import type { Database, SqlExecutor } from '../store/database';
import {
  findImport,
  insertCaseAuditEvents,
  insertImport,
  insertRecords,
  readActiveAgentIds,
  readPlatformPeople,
  reserveVersions,
  updateRecords,
  type BulkRecord,
  type PlatformPerson,
} from '../store/imports-repo';
import { lockPlatformClock } from '../store/records-repo';
import { SERVER_WRITER } from '../sync/case-rules';

/** Only the head of a platform imports its SIEI lists: their platform's, or a 403. */
export function importPlatformOf(actor: Actor): string {
  if (actor.role !== 'coordinateur' || !actor.platformId) {
    throw new HttpError(403, 'forbidden', 'L’import des listes SIEI est réservé au responsable de la plateforme');
  }
  return actor.platformId;
}

/** A row's plan with the young person record it leads to (null when nothing is written). */
interface PlannedRow {
  plan: RowPlan;
  record: Record<string, unknown> | null;
  person?: PlatformPerson;
}

/**
 * Plans the rows against the platform's young people (domain/siei/plan.ts),
 * then checks each resulting record whole with the shared schema, as a push
 * does after a merge: a row whose result would be invalid is rejected.
 */
function planRows(
  rows: readonly ImportRow[],
  people: readonly PlatformPerson[],
  context: { platformId: string; campaign: string; day: string },
): PlannedRow[] {
  const byId = new Map(people.map((person) => [person.id, person]));
  return planSieiImport(rows, people, { ...context, endpointWriter: SERVER_WRITER }).map((plan, index) => {
    let record: Record<string, unknown> | null = null;
    const person = plan.caseId ? byId.get(plan.caseId) : undefined;
    if (plan.category === 'new') {
      record = newPersonFrom(rows[index]!, { id: randomUUID(), ...context });
    } else if (person && plan.category !== 'duplicate' && Object.keys(plan.changes).length > 0) {
      record = { ...person.data, ...plan.changes };
    }
    if (!record) return { plan, record, person };
    const checked = youngPersonSchema.safeParse(record);
    if (checked.success) return { plan, record: checked.data, person };
    const reasons = toFieldIssues(checked.error).map((issue) => `${issue.path} : ${issue.message}`);
    return { plan: { ...plan, category: 'rejected', caseId: null, changes: {}, reasons }, record: null };
  });
}

const outcomeOf = ({ plan }: PlannedRow): RowOutcome => ({
  line: plan.line,
  category: plan.category,
  caseId: plan.caseId,
  fields: plan.category === 'new' ? [] : Object.keys(plan.changes),
  duplicateOf: plan.duplicateOf,
  reasons: plan.reasons,
});

/** POST /api/imports/preview: what the import would do, nothing written. */
export async function previewImport(
  db: Database,
  actor: Actor,
  request: ImportPreviewRequest,
  clock: Clock,
): Promise<ImportPreviewResponse> {
  const platformId = importPlatformOf(actor);
  const people = await readPlatformPeople(db, platformId);
  const planned = planRows(request.rows, people, {
    platformId,
    campaign: request.campaign,
    day: platformDay(clock()),
  });
  return { counts: countCategories(planned.map((row) => row.plan)), rows: planned.map(outcomeOf) };
}

/** Same campaign and rows, same fingerprint: a retry of the confirmation, not another import. */
function fingerprintOf(request: ImportApplyRequest): string {
  return createHash('sha256')
    .update(JSON.stringify({ campaign: request.campaign, rows: request.rows }))
    .digest('hex');
}

/** The young people and status changes to write, each with its own version from `firstVersion` on. */
function recordsToWrite(
  planned: readonly PlannedRow[],
  context: { actor: Actor; activeAgents: Set<string>; campaign: string; now: Date; firstVersion: number },
) {
  let version = context.firstVersion;
  const inserts: BulkRecord[] = [];
  const updates: BulkRecord[] = [];
  for (const { plan, record, person } of planned) {
    if (!record) continue;
    const id = String(record.id);
    if (!person) {
      const { id: _id, ...fields } = record;
      const stamps = stampAll(fields, SERVER_WRITER, version);
      inserts.push({
        id,
        entity: 'youngPerson',
        referentId: null,
        youngPersonId: id,
        version: version++,
        data: record,
        stamps,
      });
      continue;
    }
    // A reopened case keeps its referent if they still work on the platform; else it waits to be assigned.
    const referentId = person.referentId && context.activeAgents.has(person.referentId) ? person.referentId : null;
    const personVersion = version++;
    const stamps = { ...person.stamps };
    for (const field of Object.keys(plan.changes)) stamps[field] = { v: personVersion, d: SERVER_WRITER };
    if (referentId !== person.referentId) stamps.referentId = { v: personVersion, d: SERVER_WRITER };
    updates.push({
      id,
      entity: 'youngPerson',
      referentId,
      youngPersonId: id,
      version: personVersion,
      data: { ...record, referentId },
      stamps,
    });
    if (plan.category !== 'reopen') continue;
    // The timeline keeps the closing and shows the reopening, by the coordinator who imported the list.
    const change: StatusChange = statusChangeSchema.parse({
      id: randomUUID(),
      youngPersonId: id,
      authorId: context.actor.agentId,
      occurredAt: context.now.toISOString(),
      from: 'clos',
      to: 'a_traiter',
      reason: reopeningReason(context.campaign),
    });
    const { id: changeId, ...fields } = change;
    inserts.push({
      id: changeId,
      entity: 'statusChange',
      referentId,
      youngPersonId: id,
      version,
      data: change,
      stamps: stampAll(fields, SERVER_WRITER, version++),
    });
  }
  return { inserts, updates, versions: version - context.firstVersion };
}

const CHANGE_OF = { new: 'created', update: 'updated', inSolution: 'updated', reopen: 'reopened' } as const;

/**
 * POST /api/imports: applies an import, all or nothing, in one transaction.
 * 1. Lock the platform's clock (the order every writer takes): pushes and
 *    reassignments of the platform wait, so the young people read next stay
 *    as read until the import commits.
 * 2. This import id already applied: the same rows again are a retry —
 *    answer its result, write nothing; other rows under that id are refused.
 * 3. Plan the rows again against the platform as it is now (the preview is
 *    never trusted: a colleague may have created or closed a case since).
 * 4. Write the new young people, the updated ones, and a status change for
 *    each reopened case, with versions from the clock, so that devices pull
 *    them at their next sync; stamps mark the endpoint as the writer of the
 *    fields it wrote (a device's concurrent edit of them becomes a conflict).
 * 5. Audit: one event for the import (file, campaign, counts, who, when)
 *    and one per case written (its history shows it); then the import row.
 * Any failure rolls everything back.
 */
export async function applyImport(
  db: Database,
  actor: Actor,
  request: ImportApplyRequest,
  clock: Clock,
): Promise<ImportApplyResponse> {
  const platformId = importPlatformOf(actor);
  const fingerprint = fingerprintOf(request);
  return db.transaction(async (tx: SqlExecutor) => {
    const now = clock();
    await lockPlatformClock(tx, platformId); // step 1

    const done = await findImport(tx, request.importId); // step 2
    if (done) {
      if (done.platformId !== platformId || done.fingerprint !== fingerprint) {
        throw new HttpError(409, 'import_id_reused', 'Cet identifiant d’import a déjà servi pour un autre import');
      }
      return {
        importId: done.id,
        counts: done.counts,
        appliedAt: new Date(done.appliedAt).toISOString(),
        replayed: true,
      };
    }

    const people = await readPlatformPeople(tx, platformId); // step 3
    const planned = planRows(request.rows, people, { platformId, campaign: request.campaign, day: platformDay(now) });
    const counts = countCategories(planned.map((row) => row.plan));

    const toWrite = planned.filter((row) => row.record); // step 4
    const reopened = toWrite.filter((row) => row.plan.category === 'reopen').length;
    const firstVersion = toWrite.length > 0 ? await reserveVersions(tx, platformId, toWrite.length + reopened) : 0;
    const activeAgents = await readActiveAgentIds(tx, platformId);
    const writes = recordsToWrite(planned, { actor, activeAgents, campaign: request.campaign, now, firstVersion });
    await insertRecords(tx, { platformId, agentId: actor.agentId, now, records: writes.inserts });
    await updateRecords(tx, { agentId: actor.agentId, now, records: writes.updates });

    const details = { importId: request.importId, fileName: request.fileName, campaign: request.campaign }; // step 5
    await recordAuditEvent(tx, {
      at: now,
      action: 'siei_import',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId,
      entity: 'import',
      recordId: request.importId,
      details: { ...details, rows: request.rows.length, rejectedInFile: request.rejectedInFile, counts },
    });
    await insertCaseAuditEvents(tx, {
      at: now,
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId,
      events: toWrite.map(({ plan, record }) => ({
        id: randomUUID(),
        recordId: String(record!.id),
        details: {
          ...details,
          change: CHANGE_OF[plan.category as keyof typeof CHANGE_OF],
          fields: plan.category === 'new' ? [] : Object.keys(plan.changes),
        },
      })),
    });
    await insertImport(tx, {
      id: request.importId,
      platformId,
      agentId: actor.agentId,
      fileName: request.fileName,
      campaign: request.campaign,
      fingerprint,
      counts,
      appliedAt: now,
    });
    return { importId: request.importId, counts, appliedAt: now.toISOString(), replayed: false };
  });
}
