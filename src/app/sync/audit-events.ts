import { z } from 'zod';
import { forgetReportedAuditEvents, queuedAuditEvents } from '../db/audit-events';
import type { RaccrocheDatabase } from '../db/database';
import type { ApiClient } from './api-client';

/** The most events one request may carry (auditEventsRequestSchema). */
const BATCH = 100;

/**
 * Reports the device's queued audit events (its emergency exports) to the
 * endpoint, a batch at a time; each batch leaves the queue once the endpoint
 * has answered. An answer lost on the way leaves it queued: sent again, it is
 * recorded once (the events' ids). Returns how many were reported.
 */
export async function reportAuditEvents(db: RaccrocheDatabase, api: ApiClient): Promise<number> {
  const queued = await queuedAuditEvents(db);
  for (let start = 0; start < queued.length; start += BATCH) {
    const events = queued.slice(start, start + BATCH);
    await api.post('/api/audit/events', { events }, z.unknown());
    const reported = events.map((event) => event.id);
    await forgetReportedAuditEvents(db, reported);
  }
  return queued.length;
}
