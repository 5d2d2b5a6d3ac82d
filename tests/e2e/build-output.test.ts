import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT } from '../../scripts/vite/compile-hints';
import { DIST, initialAssets, kB, measureBuild, precacheUrls, SIZE_BUDGETS } from '../support/build/build-output';

/**
 * The built app as a browser receives it: an installable manifest with its
 * icons, a service worker that precaches the whole shell (and never /api),
 * and the size budgets of the first load.
 */
describe('the built app', () => {
  it('has a complete web manifest whose icons exist', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as {
      name: string;
      short_name: string;
      description: string;
      display: string;
      start_url: string;
      scope: string;
      theme_color: string;
      background_color: string;
      lang: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({
      short_name: 'Raccroche',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      theme_color: '#000091',
      background_color: '#ffffff',
      lang: 'fr',
    });
    expect(manifest.name).toContain('Raccroche');
    expect(manifest.description.length).toBeGreaterThan(20);
    const icon = (size: string, purpose: string) =>
      manifest.icons.find((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
    for (const size of ['192x192', '512x512']) {
      for (const purpose of ['any', 'maskable']) {
        const found = icon(size, purpose);
        expect(found, `${size} ${purpose}`).toBeDefined();
        expect(existsSync(join(DIST, found!.src))).toBe(true);
      }
    }
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toContain('rel="apple-touch-icon"');
    expect(html).toContain('name="apple-mobile-web-app-capable"');
    expect(html).toContain('name="theme-color"');
    expect(existsSync(join(DIST, 'apple-touch-icon.png'))).toBe(true);
  });

  it('precaches the whole shell and nothing of /api', () => {
    const urls = precacheUrls();
    const { js, css } = initialAssets();
    expect(urls).toContain('index.html');
    expect(urls).toContain('manifest.webmanifest');
    for (const file of [...js, ...css]) expect(urls).toContain(file);
    // Every screen of the app (each route's chunk) opens offline.
    const routeChunks = ['CaseloadView', 'CaseFileView', 'MeetingFormView', 'BilanView', 'ContractView', 'SyncView'];
    for (const chunk of routeChunks) expect(urls.some((url) => url.startsWith(`assets/${chunk}-`))).toBe(true);
    expect(urls.filter((url) => url.startsWith('api') || url.includes('/api/'))).toEqual([]);
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toMatch(/\^\\\/api/); // the navigation fallback's denylist
  });

  it('asks V8 to compile eagerly the chunks every start runs, and only those', () => {
    const { js } = initialAssets();
    const firstLine = (file: string) => readFileSync(join(DIST, file), 'utf8').split('\n', 1)[0];
    expect(js.length).toBeGreaterThan(3);
    for (const file of js) expect(firstLine(file), file).toBe(COMPILE_HINT);
    const lazy = readdirSync(join(DIST, 'assets')).filter(
      (file) => file.endsWith('.js') && !js.includes(`assets/${file}`),
    );
    expect(lazy.some((file) => file.startsWith('CaseloadView-'))).toBe(true);
    for (const file of lazy) expect(firstLine(`assets/${file}`), file).not.toBe(COMPILE_HINT);
  });

  it('keeps the first load within its budgets', () => {
    const sizes = measureBuild();
    console.log(
      `initial JS ${kB(sizes.initialJsGzip)} gzip, initial CSS ${kB(sizes.initialCssGzip)} gzip, ` +
        `precache ${kB(sizes.precache)} in ${sizes.precacheEntries} files`,
    );
    expect(sizes.initialJsGzip).toBeLessThanOrEqual(SIZE_BUDGETS.initialJsGzip);
    expect(sizes.initialCssGzip).toBeLessThanOrEqual(SIZE_BUDGETS.initialCssGzip);
    expect(sizes.precache).toBeLessThanOrEqual(SIZE_BUDGETS.precache);
  });
});
