import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { compileHintsForStartup } from './scripts/vite/compile-hints';

/** DSFR palette: "bleu France" and the default background. */
const THEME_COLOR = '#000091';
const BACKGROUND_COLOR = '#ffffff';

export default defineConfig({
  plugins: [
    vue(),
    compileHintsForStartup(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/app/service-worker',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        // Not precached: they serve screens that need the network anyway (the SIEI import reads its file in
        // this worker; Chart.js draws the activity bilans), fetched when used. libsodium speeds sealing up
        // and is not needed to work offline (sw.ts keeps it once fetched, at the first unlock online).
        globIgnores: ['**/siei-reader.worker-*.js', '**/chart-setup-*.js', '**/sodium-chacha-poly-*.js'],
      },
      manifest: {
        id: '/',
        name: 'Raccroche – suivi des jeunes en décrochage',
        short_name: 'Raccroche',
        description:
          'Suivi hors ligne des jeunes sortis sans diplôme, pour les plateformes de suivi et d’appui aux décrocheurs (réseaux FOQUALE).',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  css: {
    // The DSFR stylesheets carry old IE hacks that the CSS minifier would otherwise reject.
    lightningcss: { errorRecovery: true },
  },
  build: {
    target: 'es2022',
    // DSFR icons stay files (precached, fetched by the CSS when shown) instead of
    // base64 copies inside the stylesheet, which more than doubled its size.
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
    sourcemap: false,
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.API_PORT ?? 8080}` },
  },
});
