import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Reading the built app in dist/: what loads first, what the service worker precaches. */
export const DIST = join(process.cwd(), 'dist');

export const SIZE_BUDGETS = {
  initialJsGzip: 150 * 1024,
  initialCssGzip: 60 * 1024,
  precache: 2 * 1024 * 1024,
} as const;

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(DIST, file))).length;
}

/** The files index.html loads before anything else: the entry script, its preloaded modules, the stylesheets. */
export function initialAssets(): { js: string[]; css: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const attr = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!.replace(/^\//, ''));
  return {
    js: [
      ...attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
      ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ],
    css: attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

/** The URLs the service worker precaches (from the manifest injected into sw.js). */
export function precacheUrls(): string[] {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  return [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((match) => match[1]!);
}

export interface BuildSizes {
  initialJsGzip: number;
  initialCssGzip: number;
  precache: number;
  precacheEntries: number;
}

export function measureBuild(): BuildSizes {
  const { js, css } = initialAssets();
  const urls = precacheUrls();
  return {
    initialJsGzip: js.reduce((sum, file) => sum + gzipSize(file), 0),
    initialCssGzip: css.reduce((sum, file) => sum + gzipSize(file), 0),
    precache: urls.reduce((sum, url) => sum + (existsSync(join(DIST, url)) ? statSync(join(DIST, url)).size : 0), 0),
    precacheEntries: urls.length,
  };
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
