import type { DeviceAuditEvent, RaccrocheDatabase } from './database';
import { readMeta, writeMeta } from './meta';

/**
 * Exports of personal data this device made on its own, waiting to reach the
 * endpoint's audit trail. Each event carries an id made here, so an event
 * sent again after a lost answer is recorded once.
 */

/** Records an emergency export (what the file held) to report at the next sync. */
export async function queueEmergencyExportEvent(
  db: RaccrocheDatabase,
  file: { exportedAt: string; mutations: readonly unknown[]; drafts: readonly unknown[] },
): Promise<void> {
  await queueAuditEvent(db, {
    id: crypto.randomUUID(),
    kind: 'emergency_export',
    at: file.exportedAt,
    details: { mutations: file.mutations.length, drafts: file.drafts.length },
  });
}

export async function queueAuditEvent(db: RaccrocheDatabase, event: DeviceAuditEvent): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await writeMeta(db, 'auditEvents', [...(await queuedAuditEvents(db)), event]);
  });
}

export async function queuedAuditEvents(db: RaccrocheDatabase): Promise<DeviceAuditEvent[]> {
  return (await readMeta(db, 'auditEvents')) ?? [];
}

/** Drops the events the endpoint has recorded; any queued meanwhile stay. */
export async function forgetReportedAuditEvents(db: RaccrocheDatabase, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const left = (await queuedAuditEvents(db)).filter((event) => !ids.includes(event.id));
    if (left.length > 0) await writeMeta(db, 'auditEvents', left);
    else await db.meta.delete('auditEvents');
  });
}
