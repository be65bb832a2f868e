import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

/**
 * V8's code cache for the CommonJS files under `root`: the build and the dependencies it leaves
 * outside the bundle. Compiling the 3 MB engine is a quarter of a start; from a cache V8 takes the
 * bytecode of every function the last start ran instead.
 *
 * Node 20 has no compile cache of its own, and a cache produced at compile time (what the npm
 * packages for this do) holds only the top level: a cache written after the start holds a
 * start's worth more (measured: 258 against 295 ms a start). So each of our files is
 * compiled here, through `vm.Script` with the cached data, and the cache is written once the
 * process has run a while: it then holds what startup and the first requests compiled.
 *
 * A cache file is named after the source's path, size and modification time and V8's version, so
 * a rebuild, an upgraded dependency or another Node never meets a stale one; V8 checks its own
 * version and flags as well.
 * Nothing here may fail a start: an unreadable, unwritable or rejected cache means a normal compile.
 */
export interface CompileCache {
  /** Writes the caches this process lacked. Runs by itself a few seconds in and at exit. */
  flush(): void;
  /** Our files compiled so far, by whether V8 took their cached code. */
  readonly compiled: Map<string, 'cached' | 'compiled'>;
}

// Node 20.19 and 22 pass a format: `module` for an ES module that CommonJS requires, which Node loads itself.
type Compile = (this: Module & { exports: unknown }, content: string, filename: string, format?: string) => unknown;

/** How long a process runs before its cache is written: startup and the first requests. */
const WRITE_AFTER_MS = 2_000;

export function installCompileCache(root: string, cacheDir: string): CompileCache {
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  const pending: { script: Script; file: string }[] = [];
  const compiled = new Map<string, 'cached' | 'compiled'>();

  proto._compile = function (content, filename, format) {
    if (!filename.startsWith(root + sep) || (format !== undefined && format !== 'commonjs')) {
      return original.call(this, content, filename, format);
    }
    const file = cacheFileOf(root, cacheDir, filename);
    const cachedData = file ? readOrUndefined(file) : undefined;
    const script = new Script(Module.wrap(content), {
      filename,
      cachedData,
      // `import()` inside the file behaves as in a file Node compiled itself.
      importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const hit = cachedData !== undefined && !script.cachedDataRejected;
    compiled.set(filename, hit ? 'cached' : 'compiled');
    if (!hit && file) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };

  const flush = () => {
    for (const { script, file } of pending.splice(0)) {
      // Another process may be writing the same file: each writes its own and renames it in place.
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, file);
      } catch {
        // A read-only install (or a full disk) runs without a cache.
        forget(tmp);
      }
    }
  };
  setTimeout(flush, WRITE_AFTER_MS).unref();
  process.once('exit', flush);
  return { flush, compiled };
}

/** Where the cache of `filename` (a file under `root`) is kept, or undefined for a file that is gone. */
export function cacheFileOf(root: string, cacheDir: string, filename: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(filename);
    const name = filename.slice(root.length + 1).split(sep).join('+');
    return join(cacheDir, `${name}.${size}.${Math.trunc(mtimeMs)}.v8-${process.versions.v8}.bin`);
  } catch {
    return undefined;
  }
}

function forget(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing was written there.
  }
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
