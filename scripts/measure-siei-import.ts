/**
 * Figures of a 20,000-row SIEI import (for the README):
 * 1. reading the file in the domain code the app's Web Worker runs
 *    (decode, cut, check every row), in Node: median of 3 runs;
 * 2. the endpoint on an in-memory PGlite, through Fastify (JSON parsing and
 *    schema checks included): the preview, the import applied, and the same
 *    list imported again (every row "déjà à jour").
 * Each step gives its wall time and the CPU time of this process (PGlite runs
 * in it): on a shared machine under load the wall time inflates, the CPU time
 * much less.
 *
 *   node --import tsx scripts/measure-siei-import.ts [rows]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readSieiFile } from '../src/domain/siei/read-file';
import { buildApp } from '../src/server/http/app';
import { migrate } from '../src/server/store/migrate';
import { openPgliteDatabase } from '../src/server/store/pglite-database';
import { AGENTS, FIXTURE_NOW, FIXTURE_PASSWORD, loadFixture } from '../tests/support/server/fixture';
import { generateSieiFile } from '../tests/support/siei/generate-siei-list';

const count = Number(process.argv[2] ?? 20_000);
const ms = (start: number) => Math.round(performance.now() - start);
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const bytes = generateSieiFile(count);
const times: number[] = [];
let reading;
const cpuTimes: number[] = [];
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = readSieiFile(bytes);
  times.push(ms(start));
  cpuTimes.push(cpuMs(cpu));
  if (!result.ok) throw new Error(result.error);
  reading = result.reading;
}
console.log(`file: ${count} rows, ${(bytes.length / 1e6).toFixed(1)} MB (Windows-1252, ';', CRLF)`);
console.log(
  `read and check in the domain (the worker's work): median ${median(times)} ms wall, ${median(cpuTimes)} ms CPU`,
);

console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
const db = await openPgliteDatabase();
await migrate(db);
await loadFixture(db);
const app = await buildApp({
  db,
  clock: () => new Date(FIXTURE_NOW),
  sessionDays: 30,
  sessionSecret: randomBytes(32),
});
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { email: AGENTS.coordinateur.email, password: FIXTURE_PASSWORD, deviceName: 'Mesure' },
});
const headers = { authorization: `Bearer ${login.json().accessToken as string}` };
const rows = reading!.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));
const body = JSON.stringify({ campaign: '2026-11', rows });
console.log(`request body: ${(body.length / 1e6).toFixed(1)} MB of JSON`);

async function timed(label: string, url: string, payload: object) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const response = await app.inject({ method: 'POST', url, headers, payload });
  if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  const counts = JSON.stringify(response.json().counts);
  console.log(`${label}: ${ms(start)} ms wall, ${cpuMs(cpu)} ms CPU – ${counts}`);
}

const apply = () => ({ importId: randomUUID(), fileName: 'mesure.csv', campaign: '2026-11', rejectedInFile: 0, rows });
await timed('preview (empty platform)', '/api/imports/preview', { campaign: '2026-11', rows });
await timed('apply (all new)', '/api/imports', apply());
await timed('preview again (all known)', '/api/imports/preview', { campaign: '2026-11', rows });
await timed('apply the same list again', '/api/imports', apply());
await app.close();
await db.close();
