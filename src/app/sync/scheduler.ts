/**
 * When to synchronise: on start, when the network returns, when the user
 * comes back to the app, on a timer while it is open, and on demand. After a
 * failure, retries back off exponentially with jitter (so 200 tablets coming
 * back online do not knock on the endpoint in step).
 */
export interface SchedulerOptions {
  run: () => Promise<boolean>;
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
  let started = false;

  function schedule(delay: number): void {
    clearTimeout(timer);
    if (started) timer = setTimeout(() => void trigger(), delay);
  }

  async function trigger(): Promise<void> {
    if (running) return running;
    running = (async () => {
      const ok = await options.run().catch(() => false);
      failures = ok ? 0 : failures + 1;
      schedule(ok ? interval : backoffDelay(failures, min, max, random));
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
