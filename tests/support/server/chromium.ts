import { existsSync } from 'node:fs';

/** Flags for Debian's Chromium on these machines: headless, no sandbox (root), no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: run "npm run test:setup" (installs Debian's chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}
