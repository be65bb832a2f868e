import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// src/shared is reached by one name from every target (and from vitest).
const alias = { '@shared': resolve(__dirname, 'src/shared') };

// Text the engine never reads at run time: descriptions, titles, Stripe's doc annotations and
// the response schemas (tests validate responses against the full description, read from source).
const DOC_KEYS = new Set(['description', 'title', 'summary', 'x-stripeBypassValidation', 'x-stripeMostCommon', 'x-stripeResource', 'x-stripeOperations']);
function stripDocs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDocs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    // `description` as a property name (an object) stays; as documentation (a string) it goes.
    if (DOC_KEYS.has(k) && (typeof v !== 'object' || k.startsWith('x-'))) continue;
    out[k] = stripDocs(v);
  }
  return out;
}

/** The bundled OpenAPI description without its documentation: half the size to parse and keep at start. */
const leanSpec = {
  name: 'counterfoil-lean-spec',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!/resources\/openapi\/spec-(subset|support)\.json$/.test(id)) return null;
    const spec = stripDocs(JSON.parse(code)) as { paths?: Record<string, Record<string, { responses?: unknown }>> };
    for (const item of Object.values(spec.paths ?? {})) for (const op of Object.values(item)) delete op.responses;
    return { code: JSON.stringify(spec), map: null };
  },
};

// One build for the three Electron targets. The headless command is a second
// entry of the main build: it runs under plain Node and shares the engine.
export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [leanSpec],
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
