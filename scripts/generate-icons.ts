/**
 * Renders the app icons (PNG) from the SVG sources with Chromium.
 * Run once after changing an icon: `npx tsx scripts/generate-icons.ts`; the PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/server/chromium';

const targets = [
  { source: 'public/favicon.svg', out: 'public/icons/icon-192.png', size: 192, transparent: true },
  { source: 'public/favicon.svg', out: 'public/icons/icon-512.png', size: 512, transparent: true },
  {
    source: 'public/icons/icon-maskable.svg',
    out: 'public/icons/icon-maskable-192.png',
    size: 192,
    transparent: false,
  },
  {
    source: 'public/icons/icon-maskable.svg',
    out: 'public/icons/icon-maskable-512.png',
    size: 512,
    transparent: false,
  },
  { source: 'public/icons/icon-maskable.svg', out: 'public/apple-touch-icon.png', size: 180, transparent: false },
];

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
for (const target of targets) {
  const page = await browser.newPage({ viewport: { width: target.size, height: target.size } });
  const svg = readFileSync(target.source, 'utf8').replace(
    '<svg ',
    `<svg width="${target.size}" height="${target.size}" `,
  );
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: target.out, omitBackground: target.transparent });
  await page.close();
  console.log(`${target.out} (${target.size}×${target.size})`);
}
await browser.close();
