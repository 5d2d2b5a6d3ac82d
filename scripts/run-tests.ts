/**
 * `npm test`: every check, in order — Chromium present, type check, lint,
 * unit + component + server tests (PGlite and PostgreSQL), build, end-to-end
 * tests in Chromium — then one line with the totals over every suite.
 * A check that is not a test suite (type check, lint, build) counts as one
 * test. The benchmark's quick smoke run (`npm run bench -- --quick`: small
 * data, no budget enforced) checks its harness: each row it produces counts
 * as a passed test, each row that could not be measured as a failed one.
 * Exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join(process.cwd(), 'test-results');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

let passed = 0;
let failed = 0;

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label: string, command: string, args: string[]): boolean {
  const ok = run(label, command, args);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

function vitest(label: string, projects: string[], report: string): boolean {
  const file = join(reportDir, report);
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  try {
    const summary = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (!ok && summary.numFailedTests === 0) failed += 1; // the run failed outside any test (collection, setup)
  } catch {
    failed += 1; // no report: the suite did not run
  }
  return ok;
}

check('Chromium', 'npx', ['tsx', 'scripts/ensure-chromium.ts']);
check('Type check', 'npm', ['run', 'typecheck', '--silent']);
check('Lint', 'npm', ['run', 'lint', '--silent']);
vitest('Unit, component, server and sync tests', ['unit', 'component', 'server', 'sync'], 'vitest-main.json');
if (check('Build', 'npm', ['run', 'build', '--silent'])) {
  vitest('End-to-end tests (Chromium)', ['e2e'], 'vitest-e2e.json');
  benchSmoke();
} else {
  failed += 1; // end-to-end tests could not run without a build
}

/** The bench's smoke run: every row of the table produced (a row in error, or no table at all, fails). */
function benchSmoke(): void {
  const file = join(reportDir, 'bench-quick.json');
  const ok = run('Benchmark harness (npm run bench -- --quick)', 'npm', [
    'run',
    'bench',
    '--silent',
    '--',
    '--quick',
    `--out=${file}`,
  ]);
  try {
    const { rows } = JSON.parse(readFileSync(file, 'utf8')) as { rows: { error?: string }[] };
    const broken = rows.filter((row) => row.error !== undefined).length;
    passed += rows.length - broken;
    failed += broken;
    if (!ok && broken === 0) failed += 1;
  } catch {
    failed += 1; // no table: the harness did not run
  }
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
