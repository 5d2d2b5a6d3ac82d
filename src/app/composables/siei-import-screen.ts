import { inject, provide, type InjectionKey } from 'vue';
import { useSieiImport } from './use-siei-import';

export type SieiImport = ReturnType<typeof useSieiImport>;
const SIEI_IMPORT: InjectionKey<SieiImport> = Symbol('siei-import');

/** Opens an import for the screen and the parts inside it. */
export function provideSieiImport(): SieiImport {
  const opened = useSieiImport();
  provide(SIEI_IMPORT, opened);
  return opened;
}

/** The import the screen opened. */
export function useSieiImportScreen(): SieiImport {
  const opened = inject(SIEI_IMPORT);
  if (!opened) throw new Error('useSieiImportScreen outside the import screen');
  return opened;
}
