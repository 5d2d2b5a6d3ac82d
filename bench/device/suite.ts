import type { FailedMeasure, Measure } from '../lib/results';
import { openBenchPage } from './browser';
import { measureColdStart } from './cold-start';
import { EDITS, PAGE_SIZE, type BenchPageApi, type DeviceOp, type RoundTimes, type SetupInfo } from './protocol';
import { describeOp } from './rows';

/** The device figures: one Chromium page runs each operation round after round; this side keeps the times. */
export interface DeviceSizes {
  people: number;
  recordsPerPerson: number;
  changed: number;
  caseload: number;
  unlockCases: number;
  rounds: number;
  coldStarts: number;
}

const OPS: DeviceOp[] = ['pullPage', 'catchUp', 'edits', 'openCase', 'search', 'caseload', 'caseloadPlain', 'unlock'];

type Page = Awaited<ReturnType<typeof openBenchPage>>['page'];
const call = <K extends keyof BenchPageApi>(page: Page, method: K, ...args: Parameters<BenchPageApi[K]>) =>
  page.evaluate(
    ([name, values]) =>
      (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>).raccrocheBench![name]!(
        ...values,
      ),
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<BenchPageApi[K]>>>;

export async function runDeviceSuite(
  sizes: DeviceSizes,
  log: (line: string) => void,
  only: ReadonlySet<string> | null = null,
): Promise<{ measures: Measure[]; failures: FailedMeasure[] }> {
  const measures: Measure[] = [];
  const failures: FailedMeasure[] = [];
  const fail = (operation: string, error: unknown) =>
    failures.push({
      section: 'device',
      operation,
      variant: '—',
      error: error instanceof Error ? error.message.split('\n')[0]! : String(error),
    });
  let bench: Awaited<ReturnType<typeof openBenchPage>> | undefined;
  try {
    log('device: building the bench page, starting Chromium');
    bench = await openBenchPage();
    log(`device: generating and loading ${sizes.people.toLocaleString('en')} young people into four databases`);
    const info: SetupInfo = await call(bench.page, 'setup', sizes);
    log(`device: ${info.people} people, ${info.records} records loaded in ${(info.setupMs / 1000).toFixed(1)} s`);
    for (const op of OPS.filter((name) => !only || only.has(name))) {
      log(`device: ${op}`);
      try {
        await call(bench.page, 'prepare', op);
        const samples = new Map<string, number[]>();
        // A search round types 54 keystrokes on each variant (RxDB's regex reads every case each time): fewer rounds.
        // An edits round takes half a second, and small transactions are the noisiest figures: three times more.
        const rounds = op === 'search' ? Math.min(sizes.rounds, 2) : op === 'edits' ? sizes.rounds * 3 : sizes.rounds;
        const warmUps = sizes.rounds > 1 ? 1 : 0; // code compiled, caches filled; the quick run skips it
        for (let round = 0; round < rounds + warmUps; round += 1) {
          const times: RoundTimes = await call(bench.page, 'round', op, round);
          if (round < warmUps) continue;
          for (const [variant, value] of Object.entries(times)) {
            samples.set(variant, [...(samples.get(variant) ?? []), ...(Array.isArray(value) ? value : [value])]);
          }
        }
        await call(bench.page, 'finish', op);
        measures.push(...describeOp(op, info, samples));
      } catch (error) {
        fail(op, error);
      }
    }
  } catch (error) {
    fail('device bench page', error);
  } finally {
    await bench?.close();
  }
  if (only && !only.has('coldStart')) return { measures: mergeSameRows(measures), failures };
  try {
    log('device: cold start from the service worker cache');
    measures.push(...(await measureColdStart(sizes.coldStarts, log)));
  } catch (error) {
    fail('cold start', error);
  }
  return { measures: mergeSameRows(measures), failures };
}

/** The raw baseline measured by two operations of one row (caseload, encrypted and not) becomes one row. */
function mergeSameRows(measures: Measure[]): Measure[] {
  const merged: Measure[] = [];
  for (const measure of measures) {
    const same = merged.find((m) => m.operation === measure.operation && m.variant === measure.variant);
    if (same) same.samples.push(...measure.samples);
    else merged.push({ ...measure, samples: [...measure.samples] });
  }
  return merged;
}

export { EDITS, PAGE_SIZE };
