import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCompileCache } from './compile-cache.js';

// The command's entry (out/main/cli.cjs): the code cache goes in before the program, the engine
// and their dependencies load, so that they compile from it. Built layout: out/main/cli.cjs
// beside cli-program.cjs, two levels under the package root (whose node_modules the cache covers
// too). The cache sits in the build, which every build replaces; COUNTERFOIL_COMPILE_CACHE names
// another directory (a read-only install) or, as `off`, turns it off.
const here = dirname(fileURLToPath(import.meta.url));
const where = process.env.COUNTERFOIL_COMPILE_CACHE;
if (where !== 'off') {
  // Named for the engine as well, which keeps the validators it compiled there (http/validator-cache.ts).
  process.env.COUNTERFOIL_COMPILE_CACHE = where || join(here, '.cache');
  installCompileCache(dirname(dirname(here)), process.env.COUNTERFOIL_COMPILE_CACHE);
}
createRequire(import.meta.url)(join(here, 'cli-program.cjs'));
