import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import type { Ajv, ValidateFunction } from 'ajv';
import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import standaloneModule from 'ajv/dist/standalone/index.js';

/**
 * Compiled validators kept on disk between starts. Ajv compiles an operation's params schema on
 * its first request, about 4 ms on average and 30 ms for the largest (subscriptions, tax calculations),
 * every start; loading the code it generated takes a tenth of that. The file is named after a hash
 * of the schema, Ajv's version and its options, so a changed description or an upgraded Ajv
 * never meets an old validator. Nothing here may fail a request: an unreadable, unwritable or
 * broken file means a normal compile.
 */

// The CommonJS modules as a bundle and as Node hand them over: the export itself, or under `default`.
const unwrap = <T>(m: unknown): T => (typeof m === 'function' ? m : (m as { default: T }).default) as T;
const standaloneCode = unwrap<(ajv: Ajv, validate: ValidateFunction) => string>(standaloneModule);

/** The only modules Ajv's generated code requires, with what the generated code reads of them. */
const RUNTIME: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': { default: unwrap(ucs2lengthModule) },
  'ajv/dist/runtime/equal': { default: unwrap(equalModule) },
};

function runtimeRequire(id: string): unknown {
  if (id in RUNTIME) return RUNTIME[id];
  throw new Error(`a cached validator requires ${id}`);
}

export class ValidatorCache {
  constructor(
    private readonly dir: string,
    /** Ajv's version and options: part of every file's name. */
    private readonly flavour: string,
  ) {}

  /** The validator for `schema`: from its file when there is one, else compiled by `ajv` (and then written). */
  compile(ajv: Ajv, schema: object): ValidateFunction {
    const file = join(this.dir, `${createHash('sha256').update(this.flavour).update(JSON.stringify(schema)).digest('hex').slice(0, 32)}.js`);
    const loaded = load(file);
    if (loaded) return loaded;
    const validate = ajv.compile(schema);
    // After the response: the request does not wait for the file.
    setImmediate(() => write(file, () => standaloneCode(ajv, validate)));
    return validate;
  }
}

function load(file: string): ValidateFunction | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const wrapper = new Script(Module.wrap(source), { filename: file }).runInThisContext() as (...args: unknown[]) => void;
    const module = { exports: {} as unknown };
    wrapper.call(module.exports, module.exports, runtimeRequire, module, file, '');
    return typeof module.exports === 'function' ? (module.exports as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}

function write(file: string, source: () => string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(tmp, source());
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Not even a temporary file could be made there.
    }
  }
}
