import { readFileSync } from 'node:fs';
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

/**
 * The bundled OpenAPI description without its documentation: half the size to parse and keep at
 * start. Its component schemas (two thirds of what is left) are bundled apart, as the text that
 * `spec-subset.json?raw` names, which the engine parses at their first use (src/engine/spec.ts):
 * a start and most requests need only the paths.
 */
const SPEC_FILE = /resources\/openapi\/spec-(subset|support)\.json$/;
const COMPONENTS_TEXT = /resources\/openapi\/spec-subset\.json\?raw$/;
type SpecFile = { paths?: Record<string, Record<string, { responses?: unknown }>>; components?: unknown };
const leanSpec = {
  name: 'counterfoil-lean-spec',
  enforce: 'pre' as const,
  load(id: string) {
    if (!COMPONENTS_TEXT.test(id)) return null;
    const { components } = stripDocs(JSON.parse(readFileSync(id.slice(0, -'?raw'.length), 'utf8'))) as SpecFile;
    return { code: `export default ${JSON.stringify(JSON.stringify({ components }))};`, map: null };
  },
  transform(code: string, id: string) {
    if (!SPEC_FILE.test(id)) return null;
    const spec = stripDocs(JSON.parse(code)) as SpecFile;
    for (const item of Object.values(spec.paths ?? {})) for (const op of Object.values(item)) delete op.responses;
    delete spec.components;
    return { code: JSON.stringify(spec), map: null };
  },
};

/**
 * The main bundle with every character past ASCII written as a `\uXXXX` escape. V8 keeps a
 * script's source in memory for as long as the script lives, one byte a character only when
 * every character fits in Latin-1: a single arrow in a comment makes the 3 MB engine cost 6 MB.
 * The escapes mean the same in strings, templates, regular expressions and comments; a raw
 * template (String.raw) would see them, so a chunk with text past ASCII in one is left as it is.
 */
function asciiOnly(code: string): string {
  if (!/[\u0080-\uffff]/.test(code)) return code;
  for (const m of code.matchAll(/String\.raw`([^`]*)`/g)) if (/[\u0080-\uffff]/.test(m[1])) return code;
  // An odd run of backslashes before the character escaped it (`\—` is `—`): the escape replaces that backslash.
  return code.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes: string, ch: string) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// In generateBundle, after every chunk transform: the final transpile would print the escapes back as characters.
const asciiOutput = {
  name: 'counterfoil-ascii-output',
  generateBundle(_: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.code) chunk.code = asciiOnly(chunk.code);
  },
};

/**
 * Fastify's server module requires `node:http2` at its top, for the HTTP/2 servers it can make;
 * this server never makes one, and loading http2 is some 3 ms of every start. The require becomes
 * a proxy that loads the module at its first use. Should a Fastify upgrade change that line, the
 * build says so and leaves the module as it is.
 */
const HTTP2_REQUIRE = "const http2 = require('node:http2')";
const lazyHttp2 = {
  name: 'counterfoil-lazy-http2',
  transform(this: { warn(message: string): void }, code: string, id: string) {
    if (!id.replace(/\\/g, '/').endsWith('/node_modules/fastify/lib/server.js')) return null;
    if (!code.includes(HTTP2_REQUIRE)) {
      this.warn('fastify/lib/server.js no longer has the http2 require this build makes lazy; it loads at start');
      return null;
    }
    return { code: code.replace(HTTP2_REQUIRE, "const http2 = new Proxy({}, { get: (_, key) => require('node:http2')[key] })"), map: null };
  },
};

// One build for the three Electron targets. The headless command is a second
// entry of the main build: it runs under plain Node and shares the engine.
export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [leanSpec, lazyHttp2, asciiOutput],
    // The 2 MB OpenAPI description loads faster through JSON.parse than as a JS literal.
    json: { stringify: true },
    build: {
      outDir: 'out/main',
      // Bundled, what a start runs loads without resolving hundreds of files
      // (and compiles from the code cache, which Node's loader of ES modules
      // such as cac would not use). Outside stay the native SQLite module and
      // what is loaded only when used: the CSV writer, the country and postal
      // code tables. The sales-tax rate table is a JSON file, which Node would
      // import only with an import attribute: bundled, it is inlined.
      externalizeDeps: { exclude: ['fastify', 'ajv', 'ajv-formats', 'qs', 'rou3', 'decimal.js', 'cac', 'currency-codes', 'sales-tax'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // `cli` only installs the code cache (src/cli/compile-cache.ts), then loads the program.
          cli: resolve(__dirname, 'src/cli/start.ts'),
          'cli-program': resolve(__dirname, 'src/cli/index.ts'),
        },
        // CommonJS, because only a script (not an ES module) can be compiled from V8's code cache on Node 20.
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
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
