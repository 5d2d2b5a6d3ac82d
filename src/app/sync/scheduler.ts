/**
 * When to synchronise: on start, when the network returns, when the user
 * comes back to the app, on a timer while it is open, and on demand (a save,
 * the "Synchroniser" button). After a failure, retries back off exponentially
 * with jitter (so 200 tablets coming back online do not knock on the endpoint
 * in step).
 */

/** How a run ended: done, failed, or busy (another tab of the app holds the sync). */
export type SyncRunResult = 'done' | 'failed' | 'busy';

export interface SchedulerOptions {
  run: () => Promise<SyncRunResult>;
  intervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export function backoffDelay(failures: number, min: number, max: number, random: () => number): number {
  const exponential = Math.min(max, min * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random()));
}

export function createSyncScheduler(options: SchedulerOptions) {
  const interval = options.intervalMs ?? 60_000;
  const min = options.minBackoffMs ?? 2_000;
  const max = options.maxBackoffMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let followUp: Promise<void> | undefined;
  let started = false;

  function schedule(delay: number): void {
    clearTimeout(timer);
    if (started) timer = setTimeout(() => void trigger(), delay);
  }

  function nextDelay(result: SyncRunResult): number {
    if (result === 'failed') return backoffDelay(failures, min, max, random);
    // Another tab is syncing: look again soon, in case its push had already left.
    return result === 'busy' ? min : interval;
  }

  /**
   * Runs a sync, one at a time. Asked while one runs (a save during a pull),
   * it does not return that run — whose push may already have left without
   * the new change — but queues a single follow-up run after it, shared by
   * every request made meanwhile.
   */
  function trigger(): Promise<void> {
    if (running) {
      followUp ??= running.then(() => {
        followUp = undefined;
        return trigger();
      });
      return followUp;
    }
    running = (async () => {
      const result = await options.run().catch((): SyncRunResult => 'failed');
      failures = result === 'failed' ? failures + 1 : 0;
      schedule(nextDelay(result));
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const onOnline = () => void trigger();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void trigger();
  };

  return {
    start(): void {
      if (started) return;
      started = true;
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      void trigger();
    },
    stop(): void {
      started = false;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    },
    /** Synchronise now (the "Synchroniser" button); resolves when done. */
    now: trigger,
  };
}
