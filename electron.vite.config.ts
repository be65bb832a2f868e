import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// src/shared is reached by one name from every target (and from vitest).
const alias = { '@shared': resolve(__dirname, 'src/shared') };

// One build for the three Electron targets. The headless command is a second
// entry of the main build: it runs under plain Node and shares the engine.
export default defineConfig({
  main: {
    resolve: { alias },
    // The 2 MB OpenAPI description loads faster through JSON.parse than as a JS literal.
    json: { stringify: true },
    build: {
      outDir: 'out/main',
      // Bundled, the server's dependencies load without resolving hundreds of
      // files at start; only the native SQLite module stays outside. The
      // sales-tax rate table is a JSON file, which Node would import only with
      // an import attribute: bundled, it is inlined.
      externalizeDeps: { exclude: ['fastify', 'ajv', 'ajv-formats', 'qs', 'currency-codes', 'sales-tax'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preload scripts cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The page is parsed on every launch; minified, the timeline's first rows show sooner.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
