import type { EmergencyExport, ExportedMutation } from '../../domain/emergency-export';
import { PROTOCOL_VERSION, pushResponseSchema, type Mutation, type MutationResult } from '../../domain/sync-messages';
import type { RaccrocheDatabase } from '../db/database';
import { restoreDrafts, restoreOwnMutations } from '../db/export';
import { readMeta } from '../db/meta';
import type { ApiClient } from './api-client';
import { PUSH_BATCH_SIZE } from './push';

/** An import the device refuses before sending anything (another agent's file, no session). */
export class ImportRefusal extends Error {}

export interface RefusedReplay {
  entity: ExportedMutation['entity'];
  recordId: string;
  /** The young person whose case the record belongs to ('' for platform records). */
  caseId: string;
  reason: string;
}

export interface ImportReport {
  /** The file came from this device ('same-device') or another of the agent's ('other-device'). */
  origin: 'same-device' | 'other-device';
  /** Changes in the file. */
  mutations: number;
  /** Same device: changes put back into the outbox (sent at the next sync). */
  restored: number;
  /** Other device: changes the endpoint now holds (those it had already received are not applied again). */
  replayed: number;
  /** Other device: changes the endpoint refuses, with its reason. */
  refused: RefusedReplay[];
  /** Other device: changes left waiting for an earlier one of that device (normally none). */
  waiting: number;
  /** Drafts written on this device. */
  drafts: number;
}

function toMutation(entry: ExportedMutation): Mutation {
  const base = { mutationId: entry.mutationId, seq: entry.seq, entity: entry.entity, recordId: entry.recordId };
  if (entry.op === 'create') return { ...base, op: 'create', data: entry.payload };
  if (entry.op === 'update') return { ...base, op: 'update', baseVersion: entry.baseVersion, changes: entry.payload };
  return { ...base, op: 'delete', baseVersion: entry.baseVersion };
}

/**
 * Sends another device's changes through the endpoint's replay, in that
 * device's order and under its numbers: what it had already sent is answered
 * with the stored result, the rest applied once. Stops at the first batch
 * with changes left waiting (the later ones would wait too).
 */
async function replay(api: ApiClient, deviceId: string, mutations: ExportedMutation[]): Promise<MutationResult[]> {
  const ordered = [...mutations].sort((a, b) => a.seq - b.seq);
  const results: MutationResult[] = [];
  for (let start = 0; start < ordered.length; start += PUSH_BATCH_SIZE) {
    const batch = ordered.slice(start, start + PUSH_BATCH_SIZE).map(toMutation);
    const response = await api.post(
      '/api/sync/replay',
      { protocolVersion: PROTOCOL_VERSION, deviceId, mutations: batch },
      pushResponseSchema,
    );
    results.push(...response.results);
    if (response.results.some((result) => result.status === 'deferred')) break;
  }
  return results;
}

/**
 * Imports an emergency export (already validated) on this device.
 * 1. Only the agent who exported it may import it, logged in here.
 * 2. Its drafts come back, without overwriting newer local ones.
 * 3. From this device: the missing pending changes go back into the
 *    outbox, under their own numbers, for the next sync.
 *    From another device of the agent: its changes are replayed through
 *    the endpoint under that device's id and numbers (nothing applied twice,
 *    however many times the file is imported); the next sync brings the
 *    result here.
 * The caller syncs afterwards.
 */
export async function importEmergencyExport(
  db: RaccrocheDatabase,
  api: ApiClient,
  file: EmergencyExport,
): Promise<ImportReport> {
  const device = await readMeta(db, 'device');
  if (!device) throw new ImportRefusal('Connectez-vous avant d’importer un fichier de secours');
  if (file.agentId !== device.agentId) {
    const owner = file.agentName ? ` (${file.agentName})` : '';
    throw new ImportRefusal(
      `Ce fichier de secours appartient à un autre compte${owner} : il ne peut pas être importé ici`,
    );
  } // step 1
  const report: ImportReport = {
    origin: file.deviceId === device.id ? 'same-device' : 'other-device',
    mutations: file.mutations.length,
    restored: 0,
    replayed: 0,
    refused: [],
    waiting: 0,
    drafts: await restoreDrafts(db, file.drafts), // step 2
  };
  if (report.origin === 'same-device') {
    report.restored = await restoreOwnMutations(db, file.mutations); // step 3
    return report;
  }
  const { mutations } = file;
  const results = mutations.length > 0 ? await replay(api, file.deviceId, mutations) : [];
  const bySeq = new Map(mutations.map((mutation) => [mutation.seq, mutation]));
  for (const result of results) {
    const mutation = bySeq.get(result.seq);
    if (result.status === 'applied' || result.status === 'conflict') report.replayed++;
    else if (result.status === 'rejected' && mutation) {
      const { entity, recordId, caseId } = mutation;
      report.refused.push({ entity, recordId, caseId, reason: result.reason ?? 'Modification refusée' });
    }
  }
  report.waiting = mutations.length - report.replayed - report.refused.length;
  return report;
}
