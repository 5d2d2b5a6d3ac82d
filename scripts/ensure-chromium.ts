/**
 * The end-to-end tests drive Debian's Chromium (test tools' own browser
 * downloads do not work on these machines). Installs it when missing.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) {
  console.log(`Chromium: ${path}`);
} else {
  console.log(`Chromium missing at ${path}: installing Debian's chromium package…`);
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: 'inherit',
  });
  if (!existsSync(path)) throw new Error(`Chromium still missing at ${path} after installing`);
}
