/**
 * `npm run bench` measures with the data sizes and repeats;
 * `npm run bench -- --quick` runs every row on small data with few repeats,
 * only to show the harness works (its budgets are shown, never enforced).
 * `--only=device,server,build` runs some sections; `--ops=edits,search`
 * runs some of the device operations (and skips the cold start unless named).
 */
export interface BenchOptions {
  quick: boolean;
  sections: Set<'device' | 'server' | 'build'>;
  out: string;
  /** Device operations to run (every one when absent). */
  ops: Set<string> | null;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const out = argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);
  const ops = argv.find((arg) => arg.startsWith('--ops='))?.slice('--ops='.length);
  const all = ['device', 'server', 'build'] as const;
  const sections = new Set(only ? all.filter((section) => only.split(',').includes(section)) : all);
  return {
    quick,
    sections,
    out: out ?? (quick ? 'bench-results/quick.json' : 'bench-results/latest.json'),
    ops: ops ? new Set(ops.split(',')) : null,
  };
}

/** Sizes and repeats: the for a real run, small ones for the smoke run. */
export function presets(quick: boolean) {
  return quick
    ? {
        server: {
          rounds: 1,
          mutationsPerRound: 100,
          pullChanges: 200,
          mondayDevices: 10,
          mondayPlatforms: 2,
          mondayBursts: 1,
        },
        device: {
          people: 200,
          recordsPerPerson: 10,
          changed: 1_000,
          caseload: 100,
          unlockCases: 100,
          rounds: 1,
          coldStarts: 1,
        },
      }
    : {
        server: {
          rounds: 5,
          mutationsPerRound: 2_000,
          pullChanges: 10_000,
          mondayDevices: 200,
          mondayPlatforms: 10,
          mondayBursts: 3,
        },
        device: {
          people: 10_000,
          recordsPerPerson: 10,
          changed: 10_000,
          caseload: 3_000,
          unlockCases: 5_000,
          rounds: 7,
          coldStarts: 5,
        },
      };
}
