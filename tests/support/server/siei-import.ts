import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stampAll } from '../../../src/domain/merge';
import {
  importApplyResponseSchema,
  importPreviewResponseSchema,
  type ImportApplyResponse,
  type ImportPreviewResponse,
} from '../../../src/domain/siei/messages';
import { readSieiFile } from '../../../src/domain/siei/read-file';
import type { ImportRow } from '../../../src/domain/siei/row';
import { youngPersonSchema, type YoungPerson } from '../../../src/domain/young-person';
import { SERVER_WRITER } from '../../../src/server/sync/case-rules';
import { insertRecord, nextVersion } from '../../../src/server/store/records-repo';
import { FIXTURE_NOW } from './fixture';
import { bearer, type Device, type TestApp } from './test-app';

/** The rows the app reads from a file of tests/fixtures/siei (it must read without a file-level error). */
export function fixtureRows(name: string): ImportRow[] {
  const result = readSieiFile(new Uint8Array(readFileSync(new URL(`../../fixtures/siei/${name}`, import.meta.url))));
  if (!result.ok) throw new Error(result.error);
  return result.reading.rows;
}

/** Rows as the app sends them: values left empty are left out. */
export const compact = (rows: readonly ImportRow[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));

/** A young person already followed, written as the seed or an earlier import writes (or as `writer`'s device). */
export async function insertPerson(t: TestApp, person: YoungPerson, writer = SERVER_WRITER): Promise<number> {
  const valid = youngPersonSchema.parse(person);
  return t.db.transaction(async (tx) => {
    const version = await nextVersion(tx, valid.platformId);
    const { id: _id, ...fields } = valid;
    await insertRecord(tx, {
      id: valid.id,
      entity: 'youngPerson',
      platformId: valid.platformId,
      referentId: valid.referentId,
      youngPersonId: valid.id,
      version,
      data: valid,
      stamps: stampAll(fields, writer, version),
      agentId: null,
      now: FIXTURE_NOW,
    });
    return version;
  });
}

export function previewRequest(t: TestApp, device: Device, rows: readonly ImportRow[], campaign = '2026-11') {
  return t.inject({
    method: 'POST',
    url: '/api/imports/preview',
    headers: bearer(device.token),
    payload: { campaign, rows: compact(rows) },
  });
}

export async function previewOk(
  t: TestApp,
  device: Device,
  rows: readonly ImportRow[],
): Promise<ImportPreviewResponse> {
  const response = await previewRequest(t, device, rows);
  if (response.statusCode !== 200) throw new Error(`preview: ${response.statusCode} ${response.body}`);
  return importPreviewResponseSchema.parse(response.json());
}

export interface ApplyBody {
  importId: string;
  fileName: string;
  campaign: string;
  rejectedInFile: number;
  rows: Record<string, unknown>[];
}

export function applyBody(rows: readonly ImportRow[], overrides: Partial<ApplyBody> = {}): ApplyBody {
  return {
    importId: randomUUID(),
    fileName: 'liste-siei-2026-11.csv',
    campaign: '2026-11',
    rejectedInFile: 0,
    rows: compact(rows),
    ...overrides,
  };
}

export function applyRequest(t: TestApp, device: Device, body: ApplyBody) {
  return t.inject({ method: 'POST', url: '/api/imports', headers: bearer(device.token), payload: body });
}

export async function applyOk(t: TestApp, device: Device, body: ApplyBody): Promise<ImportApplyResponse> {
  const response = await applyRequest(t, device, body);
  if (response.statusCode !== 200) throw new Error(`apply: ${response.statusCode} ${response.body}`);
  return importApplyResponseSchema.parse(response.json());
}
