import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, measureBuild, SIZE_BUDGETS } from '../tests/support/build/build-output';
import type { FailedMeasure, Measure } from './lib/results';

/** Builds the app when dist/ has no build (the cold start needs it too). */
export function ensureBuild(log: (line: string) => void): void {
  if (existsSync(join(DIST, 'sw.js'))) return;
  log('build: no dist/, running vite build');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/** The first load's size and the precache, against the PWA issue's budgets (tests/e2e/build-output.test.ts). */
export async function runBuildSuite(
  log: (line: string) => void,
): Promise<{ measures: Measure[]; failures: FailedMeasure[] }> {
  try {
    ensureBuild(log);
    const sizes = measureBuild();
    const kb = (bytes: number) => bytes / 1024;
    const row = (operation: string, value: number, max: number, unit: 'kB' | 'MB', text: string): Measure => ({
      section: 'build',
      operation,
      variant: 'built app (dist/)',
      unit,
      samples: [value],
      budget: { max, text },
    });
    return {
      measures: [
        row('initial JavaScript (gzip)', kb(sizes.initialJsGzip), kb(SIZE_BUDGETS.initialJsGzip), 'kB', '≤ 150 kB'),
        row('initial CSS (gzip)', kb(sizes.initialCssGzip), kb(SIZE_BUDGETS.initialCssGzip), 'kB', '≤ 60 kB'),
        row(
          `precache (${sizes.precacheEntries} files)`,
          sizes.precache / 1024 / 1024,
          SIZE_BUDGETS.precache / 1024 / 1024,
          'MB',
          '≤ 2 MB',
        ),
      ],
      failures: [],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { measures: [], failures: [{ section: 'build', operation: 'build sizes', variant: '—', error: message }] };
  }
}
