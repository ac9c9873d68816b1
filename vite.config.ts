import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

/** Files of web/public that belong to the app shell (the rest of the shell is the build's own output). */
const PUBLIC_SHELL = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/**
 * Writes the service worker (web/sw/service-worker.js) to /sw.js with the list of files this build
 * made (the page, scripts, styles; never source maps or the compressed copies) and a release id
 * computed from them, so that each release installs a new worker and drops the previous cache.
 * Hand-written rather than vite-plugin-pwa/Workbox: the worker is some forty lines, its rules
 * (never /api, network first for pages) are read in one place, and nothing is fetched at build time.
 */
function serviceWorker(): Plugin {
  return {
    name: 'homeward-service-worker',
    apply: 'build',
    // After Vite's own plugins: index.html is added to the bundle by vite:build-html in its
    // generateBundle, so a normal plugin would see every script and style but not the page, and the
    // worker would have no app shell to answer with offline.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !/\.(map|br|gz)$/.test(f) && f !== 'sw.js').sort();
      if (!files.includes('index.html')) this.error('The service worker needs index.html in the bundle: the app shell it answers offline.');
      // The page is kept as `/` (how the server sends index.html), never as a redirect.
      const shell = [...files.map((f) => (f === 'index.html' ? '/' : `/${f}`)), ...PUBLIC_SHELL];
      const release = createHash('sha256');
      for (const f of files) {
        const item = bundle[f]!;
        release.update(f).update(item.type === 'asset' ? (typeof item.source === 'string' ? item.source : Buffer.from(item.source)) : item.code);
      }
      const template = readFileSync(fileURLToPath(new URL('./web/sw/service-worker.js', import.meta.url)), 'utf8');
      const source = template
        .replace('__HOMEWARD_RELEASE__', release.digest('hex').slice(0, 16))
        .replace('const SHELL = __HOMEWARD_SHELL__;', `const SHELL = ${JSON.stringify(shell)};`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// The production server serves web/dist with an SPA fallback, so assets use the absolute base '/'.
export default defineConfig({
  root: webRoot,
  base: '/',
  // Each asset is also written brotli- and gzip-compressed next to itself; the server sends the
  // variant the browser accepts (@fastify/static `preCompressed`), so nothing is compressed per request.
  plugins: [react(), serviceWorker(), compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/], threshold: 1024 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack|react-intl|@formatjs|intl-messageformat)[\\/]/, priority: 20 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-number-format|react-textarea-autosize|tabbable|clsx)/, priority: 10 },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
});
