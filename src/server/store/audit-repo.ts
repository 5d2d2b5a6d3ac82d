import { randomUUID } from 'node:crypto';
import { AUDIT_TIME_ZONE, type AuditAction, type CaseHistoryEntry } from '../../domain/audit-messages';
import type { Role } from '../../domain/enums';
import type { SqlExecutor } from './database';

/** A write that is not a device mutation, or an export of personal data. */
export interface AuditEvent {
  /** Given by a device reporting its own event (recorded once however often it is sent); new otherwise. */
  id?: string;
  /** Server time. */
  at: Date;
  action: AuditAction;
  agentId: string | null;
  deviceId: string | null;
  /** The platform concerned (the case's, the account's, the created one's), if any. */
  platformId: string | null;
  entity?: string | null;
  recordId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends an event to the audit trail. Call it with the transaction of the
 * write it stands for, so that both commit or neither (audit_events refuses
 * updates and deletes: what is written stays).
 */
export async function recordAuditEvent(tx: SqlExecutor, event: AuditEvent): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (id, at, agent_id, device_id, action, platform_id, entity, record_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [
      event.id ?? randomUUID(),
      event.at,
      event.agentId,
      event.deviceId,
      event.action,
      event.platformId,
      event.entity ?? null,
      event.recordId ?? null,
      JSON.stringify(event.details ?? {}),
    ],
  );
}

/** The platform and referent of a young person's case (deleted or not), or undefined. */
export async function findCaseOwner(
  db: SqlExecutor,
  caseId: string,
): Promise<{ platformId: string; referentId: string | null } | undefined> {
  const rows = await db.query<{ platformId: string; referentId: string | null }>(
    `SELECT platform_id AS "platformId", referent_id AS "referentId" FROM records
      WHERE id = $1 AND entity = 'youngPerson'`,
    [caseId],
  );
  return rows[0];
}

/**
 * Every write of a case, newest first: the device mutations on its records
 * (the young person included, whatever their result; the fields they sent,
 * never the values) and the audit events naming the case or one of its
 * records. Writes of one transaction share their time: the later mutation
 * first, an event (caused by the mutations) before them.
 */
export async function readCaseHistory(db: SqlExecutor, caseId: string): Promise<CaseHistoryEntry[]> {
  const rows = await db.query<Omit<CaseHistoryEntry, 'at'> & { at: Date }>(
    `SELECT at, source, action, entity, "recordId", changes, status, reason, "agentId", "agentName", "deviceId",
            "deviceName"
       FROM (
         SELECT m.received_at AS at, 'mutation' AS source, m.op AS action, m.entity, m.record_id AS "recordId",
                m.payload AS changes, m.result ->> 'status' AS status, m.result ->> 'reason' AS reason,
                m.agent_id AS "agentId", a.display_name AS "agentName", m.device_id AS "deviceId",
                d.name AS "deviceName", 0 AS rank, m.seq AS tiebreak
           FROM mutations m
           JOIN records r ON r.id = m.record_id
           LEFT JOIN agents a ON a.id = m.agent_id
           LEFT JOIN devices d ON d.id = m.device_id
          WHERE r.young_person_id = $1
         UNION ALL
         SELECT e.at, 'event', e.action, e.entity, e.record_id, e.details, NULL, NULL,
                e.agent_id, a.display_name, e.device_id, d.name, 1, 0
           FROM audit_events e
           LEFT JOIN agents a ON a.id = e.agent_id
           LEFT JOIN devices d ON d.id = e.device_id
          WHERE e.record_id IN (SELECT id FROM records WHERE young_person_id = $1)
       ) AS history
      ORDER BY at DESC, rank DESC, tiebreak DESC`,
    [caseId],
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}

/** One line of the audit export: a device mutation or an audit event. */
export interface AuditRow {
  at: Date;
  source: 'mutation' | 'event';
  agentName: string | null;
  agentEmail: string | null;
  role: Role | null;
  /** The platform of the record written (of the agent, for a record never written), or the event's. */
  platformName: string | null;
  deviceName: string | null;
  deviceId: string | null;
  /** create | update | delete, or the audit action. */
  action: string;
  entity: string | null;
  recordId: string | null;
  /** Mutation: its result and the names of the fields it sent (never their values). */
  status: string | null;
  reason: string | null;
  fields: string | null;
  /** Event: its details. */
  details: Record<string, unknown> | null;
}

/**
 * The trail of a period, oldest first: the days `from` to `to` included, as
 * days of AUDIT_TIME_ZONE (so a write at 00:30 in Paris on the 1st belongs to
 * the 1st, whatever the UTC date).
 */
export async function readAuditPeriod(db: SqlExecutor, from: string, to: string): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `WITH period AS (
       SELECT ($1::date)::timestamp AT TIME ZONE '${AUDIT_TIME_ZONE}' AS start,
              ($2::date + 1)::timestamp AT TIME ZONE '${AUDIT_TIME_ZONE}' AS stop
     )
     SELECT at, source, "agentName", "agentEmail", role, "platformName", "deviceName", "deviceId", action, entity,
            "recordId", status, reason, fields, details
       FROM (
         SELECT m.received_at AS at, 'mutation' AS source, a.display_name AS "agentName", a.email AS "agentEmail",
                a.role, p.name AS "platformName", d.name AS "deviceName", m.device_id AS "deviceId", m.op AS action,
                m.entity, m.record_id AS "recordId", m.result ->> 'status' AS status, m.result ->> 'reason' AS reason,
                (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(m.payload) AS k) AS fields,
                NULL::jsonb AS details, 0 AS rank, m.seq AS tiebreak
           FROM mutations m
           CROSS JOIN period
           JOIN agents a ON a.id = m.agent_id
           JOIN devices d ON d.id = m.device_id
           LEFT JOIN records r ON r.id = m.record_id
           LEFT JOIN platforms p ON p.id = coalesce(r.platform_id, a.platform_id)
          WHERE m.received_at >= period.start AND m.received_at < period.stop
         UNION ALL
         SELECT e.at, 'event', a.display_name, a.email, a.role, p.name, d.name, e.device_id, e.action, e.entity,
                e.record_id, NULL, NULL, NULL, e.details, 1, 0
           FROM audit_events e
           CROSS JOIN period
           LEFT JOIN agents a ON a.id = e.agent_id
           LEFT JOIN platforms p ON p.id = coalesce(e.platform_id, a.platform_id)
           LEFT JOIN devices d ON d.id = e.device_id
          WHERE e.at >= period.start AND e.at < period.stop
       ) AS trail
      ORDER BY at, rank, tiebreak`,
    [from, to],
  );
}
