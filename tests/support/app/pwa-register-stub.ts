/**
 * Stand-in for vite-plugin-pwa's virtual module in Vitest (the plugin is not
 * loaded there): registering does nothing and the update function resolves.
 */
export function registerSW(_options: unknown): (reload?: boolean) => Promise<void> {
  return async () => undefined;
}
