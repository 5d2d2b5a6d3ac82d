import type { Plugin } from 'vite';

/** V8's explicit compile hint (Chrome 136+): compile every function of this file at once, off the main thread. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Marks the chunks every start runs — the entry and what it imports
 * statically, the files index.html preloads — with V8's explicit compile hint.
 *
 * Why: module scripts served by the service worker get no code cache in
 * Chromium (they are streamed and compiled afresh at every start), and V8
 * compiles a function lazily, on the main thread, the first time it runs.
 * A trace of a cold start with the CPU slowed 3× showed about half of the
 * modules' evaluation spent so (V8.CompileCode 180–240 ms); with the hint,
 * the functions are compiled eagerly while the script streams in, on a
 * background thread. Lazy chunks (screens, workers) are left as they are:
 * most of their functions do not run at once.
 *
 * 1. Collect the entry chunks.
 * 2. Follow their static imports (not dynamic ones) to every chunk loaded
 *    before the first screen.
 * 3. Put the hint on each one's first line (no source maps are built, so no
 *    mapping shifts).
 */
export function compileHintsForStartup(): Plugin {
  return {
    name: 'raccroche:compile-hints-for-startup',
    apply: 'build',
    // After Vite's own, which puts the dynamic imports' preload list at the top of the chunks that have some.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = new Map(
          Object.values(bundle).flatMap((output) =>
            output.type === 'chunk' ? [[output.fileName, output] as const] : [],
          ),
        );
        const waiting = [...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName); // step 1
        const startup = new Set<string>();
        while (waiting.length > 0) {
          const fileName = waiting.pop()!;
          if (startup.has(fileName)) continue;
          startup.add(fileName);
          waiting.push(...(chunks.get(fileName)?.imports ?? [])); // step 2
        }
        for (const fileName of startup) {
          const chunk = chunks.get(fileName);
          if (chunk && !chunk.code.startsWith(COMPILE_HINT)) chunk.code = `${COMPILE_HINT}\n${chunk.code}`; // step 3
        }
      },
    },
  };
}
