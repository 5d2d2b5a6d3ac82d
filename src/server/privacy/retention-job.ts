import type { Clock } from '../auth/actor';
import type { Database } from '../store/database';
import { purgeExpiredCases, type PurgeReport } from './retention';

export interface RetentionJob {
  /** The run under way (or the last one): resolves when it is over. */
  readonly running: Promise<void>;
  stop(): void;
}

/**
 * Runs the retention purge at start, then every `everyHours`. A run still
 * going when the next is due is not doubled. The timer does not keep the
 * process alive; a failed run is reported and the next one tries again.
 */
export function startRetentionJob(options: {
  db: Database;
  clock: Clock;
  retentionYears: number;
  everyHours: number;
  onRun: (report: PurgeReport) => void;
  onError: (error: unknown) => void;
}): RetentionJob {
  let running: Promise<void> | null = null;
  let last: Promise<void> = Promise.resolve();
  const run = () => {
    if (running) return;
    running = purgeExpiredCases(options.db, options.clock, options.retentionYears)
      .then(options.onRun, options.onError)
      .finally(() => {
        running = null;
      });
    last = running;
  };
  run();
  const timer = setInterval(run, options.everyHours * 3_600_000);
  timer.unref();
  return {
    get running() {
      return last;
    },
    stop: () => clearInterval(timer),
  };
}
