import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../src/engine/store/native-binding.js';
// @ts-expect-error — a plain .mjs script without type declarations
import { electronAbi, electronNativePath, electronVersion, lastWords, moduleAbi } from '../../scripts/app.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const NODE_BUILD = join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const temp = mkdtempSync(join(tmpdir(), 'counterfoil-native-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The process versions of a Node, or of an Electron of this version. */
const runtime = (electron?: string) => ({ ...process.versions, electron }) as unknown as NodeJS.ProcessVersions;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('which better-sqlite3 build is loaded', () => {
  const version = electronVersion(ROOT) as string;

  it('under Node, the package’s own build (nothing is chosen)', () => {
    expect(nativeBindingPath(runtime(), temp)).toBeUndefined();
  });

  it('under Electron, the copy built beside it for that exact Electron version', () => {
    const root = join(temp, 'with-build');
    const file = electronNativePath(root, version) as string;
    mkdirSync(join(root, '.native', 'electron'), { recursive: true });
    writeFileSync(file, 'not really a binary');
    expect(nativeBindingPath(runtime(version), root)).toBe(file);
    // Another Electron version never picks up a build made for this one.
    expect(nativeBindingPath(runtime('99.0.0'), root)).toBeUndefined();
  });

  it('under Electron without that build, nothing is chosen (and the engine falls back to the package’s build)', () => {
    expect(nativeBindingPath(runtime(version), join(temp, 'empty'))).toBeUndefined();
  });

  it('npm run app writes where the engine looks', () => {
    expect(electronNativePath(ROOT, version)).toBe(join(ROOT, '.native', 'electron', `better_sqlite3-${version}.node`));
  });
});

describe('npm run app where Electron’s headers cannot be downloaded', () => {
  it('says so in one line and leaves the Node build working and unchanged', { timeout: 150_000 }, () => {
    const before = sha(NODE_BUILD);
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.mjs'), '--native-only', '--force'], {
      encoding: 'utf8',
      timeout: 120_000,
      // An unreachable mirror stands in for a machine without internet, wherever the test runs.
      env: { ...process.env, COUNTERFOIL_ELECTRON_HEADERS_URL: 'http://127.0.0.1:9/headers' },
    });
    const target = electronNativePath(ROOT) as string;
    let built = false;
    try {
      readFileSync(target);
      built = true;
    } catch {
      /* no Electron build here, as expected offline */
    }
    if (res.status === 0) {
      // Only where the headers were already cached can this succeed: then it is an Electron build, beside the Node one.
      expect(built).toBe(true);
      expect(moduleAbi(target)).toBe(electronAbi(ROOT));
    } else {
      expect(built).toBe(false);
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^counterfoil: cannot build better-sqlite3 for Electron .*; the Node build is untouched\.$/);
    }
    expect(sha(NODE_BUILD)).toBe(before);
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 41 + 1 AS n').get()).toEqual({ n: 42 });
    db.close();
  });

  it('tells a Node build from an Electron one by the module ABI it registers', () => {
    expect(moduleAbi(NODE_BUILD)).toBe(process.versions.modules);
    expect(electronAbi(ROOT)).not.toBe(process.versions.modules);
  });

  it('reduces a network failure of node-gyp to what it was fetching', () => {
    const out = 'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz\ngyp ERR! stack is related to network connectivity. In most cases';
    expect(lastWords(out)).toBe('network error fetching https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz');
  });
});
