import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFileOf, installCompileCache, type CompileCache } from '../../src/cli/compile-cache.js';

describe('compile cache', () => {
  let root: string;
  let cacheDir: string;
  let cache: CompileCache;
  const load = (name: string) => {
    const file = join(root, name);
    const req = createRequire(file);
    delete req.cache[file];
    return req(file) as { double(x: number): number; dir: string; sibling: string };
  };
  const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.bin')) : []);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'counterfoil-cc-'));
    cacheDir = join(root, '.cache');
    writeFileSync(join(root, 'b.cjs'), "module.exports = 'b';\n");
    writeFileSync(join(root, 'a.cjs'), "exports.double = (x) => x * 2;\nexports.dir = __dirname;\nexports.sibling = require('./b.cjs');\n");
    cache = installCompileCache(root, cacheDir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('compiles a file without a cache, writes one, and the next load runs from it with the same behaviour', () => {
    const first = load('a.cjs');
    expect([first.double(21), first.dir, first.sibling]).toEqual([42, root, 'b']);
    expect(cache.compiled.get(join(root, 'a.cjs'))).toBe('compiled');
    expect(cacheFiles()).toEqual([]);

    cache.flush();
    expect(cacheFiles().map((f) => f.split('.')[0]).sort()).toEqual(['a', 'b']);

    const again = load('a.cjs');
    expect(cache.compiled.get(join(root, 'a.cjs'))).toBe('cached');
    expect([again.double(4), again.dir]).toEqual([8, root]);
  });

  it('never runs the cached code of an earlier version of the file', () => {
    load('a.cjs');
    cache.flush();
    writeFileSync(join(root, 'a.cjs'), "exports.double = (x) => x * 3;\nexports.dir = 'changed';\n");
    // Same size and time would be the same key; a rebuild changes at least the time.
    utimesSync(join(root, 'a.cjs'), new Date(), new Date(Date.now() + 5_000));
    const changed = load('a.cjs');
    expect(cache.compiled.get(join(root, 'a.cjs'))).toBe('compiled');
    expect([changed.double(2), changed.dir]).toEqual([6, 'changed']);
  });

  it('compiles normally past a corrupt cache file and replaces it', () => {
    // A file this process never compiled: V8's in-memory cache of compiled sources cannot stand in.
    const c = join(root, 'c.cjs');
    writeFileSync(c, 'exports.double = (x) => x + x;\n');
    const file = cacheFileOf(root, cacheDir, c)!;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, Buffer.from('not a code cache'));
    expect(load('c.cjs').double(5)).toBe(10);
    expect(cache.compiled.get(c)).toBe('compiled');
    cache.flush();
    expect(readFileSync(file).length).toBeGreaterThan(100);
  });

  it('leaves an ES module that CommonJS requires to Node', () => {
    mkdirSync(join(root, 'esm'));
    writeFileSync(join(root, 'esm', 'package.json'), '{"type":"module"}');
    writeFileSync(join(root, 'esm', 'index.js'), 'export const answer = 42;\n');
    const req = createRequire(join(root, 'x.cjs'));
    expect((req('./esm/index.js') as { answer: number }).answer).toBe(42);
    expect(cache.compiled.has(join(root, 'esm', 'index.js'))).toBe(false);
  });

  it('runs without a cache when the cache cannot be written', () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where the cache directory would be');
    const other = mkdtempSync(join(tmpdir(), 'counterfoil-cc-ro-'));
    try {
      writeFileSync(join(other, 'd.cjs'), 'module.exports = 7;\n');
      const roCache = installCompileCache(other, join(blocked, 'cache'));
      expect(createRequire(join(other, 'd.cjs'))('./d.cjs')).toBe(7);
      expect(() => roCache.flush()).not.toThrow();
      expect(existsSync(join(blocked, 'cache'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe.runIf(existsSync('out/main/cli.cjs'))('the built command', () => {
  it('writes its code cache on the first run and a new process takes it without rewriting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-cc-built-'));
    try {
      const run = () => {
        const res = spawnSync(process.execPath, ['out/main/cli.cjs', '--help'], { env: { ...process.env, COUNTERFOIL_COMPILE_CACHE: dir }, encoding: 'utf8' });
        expect(res.status).toBe(0);
        expect(res.stdout).toContain('counterfoil');
      };
      run();
      const written = readdirSync(dir).sort();
      expect(written.some((f) => f.startsWith('out+main+chunks+engine-'))).toBe(true);
      expect(written.some((f) => f.startsWith('out+main+cli-program.cjs.'))).toBe(true);
      const times = written.map((f) => statSync(join(dir, f)).mtimeMs);
      run();
      // A cache V8 rejected would have been written again.
      expect(readdirSync(dir).sort()).toEqual(written);
      expect(written.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(times);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
