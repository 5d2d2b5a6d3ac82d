import type { FailedMeasure, Measure } from '../lib/results';
import { pgliteBackend, postgresBackend, type Backend } from '../../tests/support/server/test-databases';
import { measureMonday } from './monday';
import { measurePushPull } from './push-pull';
import { openWorld } from './world';

/** The endpoint's figures, on PGlite and on the PostgreSQL at 127.0.0.1:5432 (a database of its own, dropped after). */
export interface ServerSuiteOptions {
  rounds: number;
  mutationsPerRound: number;
  pullChanges: number;
  mondayDevices: number;
  mondayPlatforms: number;
  mondayBursts: number;
}

async function attempt(
  failures: FailedMeasure[],
  operation: string,
  work: () => Promise<Measure[]>,
): Promise<Measure[]> {
  try {
    return await work();
  } catch (error) {
    failures.push({
      section: 'server',
      operation,
      variant: '—',
      error: error instanceof Error ? error.message : String(error),
    });
    return [];
  }
}

export async function runServerSuite(
  options: ServerSuiteOptions,
  log: (line: string) => void,
): Promise<{ measures: Measure[]; failures: FailedMeasure[] }> {
  const measures: Measure[] = [];
  const failures: FailedMeasure[] = [];
  const backends: Backend[] = [pgliteBackend, postgresBackend];
  for (const backend of backends) {
    log(`server: push and pull on ${backend.name}`);
    measures.push(
      ...(await attempt(failures, `push and pull on ${backend.name}`, async () => {
        const world = await openWorld(backend, 1, 1);
        try {
          return await measurePushPull(world, options);
        } finally {
          await world.close();
        }
      })),
    );
    log(`server: ${options.mondayDevices} devices at once on ${backend.name}`);
    measures.push(
      ...(await attempt(failures, `devices syncing at once on ${backend.name}`, async () => {
        const perPlatform = Math.ceil(options.mondayDevices / options.mondayPlatforms);
        const world = await openWorld(backend, options.mondayPlatforms, perPlatform);
        try {
          return await measureMonday(world, { bursts: options.mondayBursts, casesPerAdviser: 20, peoplePerPush: 2 });
        } finally {
          await world.close();
        }
      })),
    );
  }
  return { measures, failures };
}
