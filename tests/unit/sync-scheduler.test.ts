// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createSyncScheduler, type SyncRunResult } from '../../src/app/sync/scheduler';

/** A run the test ends by hand, so it can ask for syncs while one is on the way. */
function controllableRuns() {
  const finishers: ((result: SyncRunResult) => void)[] = [];
  const run = vi.fn(() => new Promise<SyncRunResult>((resolve) => finishers.push(resolve)));
  const finish = async (result: SyncRunResult) => {
    finishers.shift()!(result);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { run, finish };
}

describe('sync scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs again once after a run during which changes were saved, so none waits for the timer', async () => {
    const { run, finish } = controllableRuns();
    const scheduler = createSyncScheduler({ run, random: () => 0.5 });
    let firstDone = false;
    let savesDone = 0;
    void scheduler.now().then(() => (firstDone = true));
    // Three saves while the first run (say, a long pull) is on the way.
    for (let i = 0; i < 3; i += 1) void scheduler.now().then(() => (savesDone += 1));
    expect(run).toHaveBeenCalledTimes(1);

    await finish('done');
    expect(firstDone).toBe(true);
    expect(savesDone).toBe(0); // their changes are sent by the follow-up, not by the run that had started
    expect(run).toHaveBeenCalledTimes(2); // one follow-up for the three saves

    await finish('done');
    expect(savesDone).toBe(3);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not run twice at once, even when asked again during the follow-up', async () => {
    const { run, finish } = controllableRuns();
    const scheduler = createSyncScheduler({ run });
    void scheduler.now();
    void scheduler.now();
    await finish('done');
    void scheduler.now(); // during the follow-up: queues the next one
    expect(run).toHaveBeenCalledTimes(2);
    await finish('done');
    expect(run).toHaveBeenCalledTimes(3);
    await finish('done');
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('syncs on the timer while open, backs off after failures, and looks again soon when another tab is busy', async () => {
    const { run, finish } = controllableRuns();
    const scheduler = createSyncScheduler({
      run,
      intervalMs: 60_000,
      minBackoffMs: 2_000,
      maxBackoffMs: 300_000,
      random: () => 0.5,
    });
    scheduler.start();
    expect(run).toHaveBeenCalledTimes(1);

    await finish('failed');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2); // first retry after the minimum backoff

    await finish('failed');
    await vi.advanceTimersByTimeAsync(3_999);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3); // then twice as long

    await finish('busy');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run).toHaveBeenCalledTimes(4); // the other tab's push may have left before this tab's change

    await finish('done');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(run).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(5);

    scheduler.stop();
    await finish('done');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('spreads retries with jitter and caps them', () => {
    expect(backoffDelay(1, 2_000, 300_000, () => 0)).toBe(1_000);
    expect(backoffDelay(1, 2_000, 300_000, () => 1)).toBe(3_000);
    expect(backoffDelay(20, 2_000, 300_000, () => 0.5)).toBe(300_000);
  });
});
