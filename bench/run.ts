/**
 * `npm run bench`: the device figures in headless Chromium, the endpoint's on
 * PGlite and PostgreSQL, the build's sizes — each beside its baseline measured
 * in the same run. Prints a table, writes it as JSON (bench-results/), and
 * exits non-zero when a budget is missed (never with --quick).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { runBuildSuite } from './build-size';
import { runDeviceSuite } from './device/suite';
import { parseOptions, presets } from './lib/options';
import { toRows, type FailedMeasure, type Measure } from './lib/results';
import { markdownTable, textTable } from './lib/table';
import { runServerSuite } from './server/suite';

const options = parseOptions(process.argv.slice(2));
const sizes = presets(options.quick);
const log = (line: string) => console.log(`· ${line}`);
const started = performance.now();
const loadAtStart = loadavg();

const measures: Measure[] = [];
const failures: FailedMeasure[] = [];
const collect = (result: { measures: Measure[]; failures: FailedMeasure[] }) => {
  measures.push(...result.measures);
  failures.push(...result.failures);
};

if (options.sections.has('build')) collect(await runBuildSuite(log));
if (options.sections.has('device')) collect(await runDeviceSuite(sizes.device, log, options.ops));
if (options.sections.has('server')) collect(await runServerSuite(sizes.server, log));

const rows = toRows(measures, failures);
const order = ['device', 'server', 'build'];
rows.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
console.log(`\n${textTable(rows)}\n`);

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? '',
  loadAverageAtStart: loadAtStart,
  loadAverageAtEnd: loadavg(),
  node: process.version,
};
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(
  options.out,
  JSON.stringify({ date: new Date().toISOString(), quick: options.quick, machine, rows }, null, 2),
);
writeFileSync(options.out.replace(/\.json$/, '.md'), `${markdownTable(rows)}\n`);
const missed = rows.filter((row) => row.pass === false);
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(
  `bench: ${rows.length} rows in ${seconds} s, ${missed.length} over budget or failed` +
    `${options.quick ? ' (quick run: budgets not enforced)' : ''} → ${options.out}`,
);
process.exit(!options.quick && missed.length > 0 ? 1 : failures.length > 0 ? 1 : 0);
