import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidatorCache } from '../../src/engine/http/validator-cache.js';
import { paramsSchema } from '../../src/engine/spec.js';

const OPTIONS = { strict: false, allErrors: true, validateFormats: false, validateSchema: false, code: { source: true } };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counterfoil-vc-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});
/** Lets the cache's deferred write run. */
const written = () => new Promise((resolve) => setImmediate(resolve));

const outbound = paramsSchema('POST', '/v1/treasury/outbound_payments');
const taxCalculation = paramsSchema('POST', '/v1/tax/calculations');
// Valid, and wrong in each way the description can say (a missing field, an unknown one, a bad enum, a type, a long string).
const samples = [
  { financial_account: 'fa_1', amount: 100, currency: 'usd', destination_payment_method: 'pm_1' },
  { amount: 100, currency: 'usd' },
  { financial_account: 'fa_1', amount: 100, currency: 'usd', nope: 1 },
  { financial_account: 'fa_1', amount: 'x', currency: 'usd' },
  { financial_account: 'fa_1', amount: 1, currency: 'usd', destination_payment_method_data: { type: 'wire' } },
  { financial_account: 'fa_1', amount: 1, currency: 'usd', description: 'x'.repeat(5001) },
  { financial_account: 'fa_1', amount: 1, currency: 'usd', metadata: { k: 'v' }, end_user_details: { present: true, ip_address: '1.2.3.4' } },
];

function outcomes(validate: (v: unknown) => boolean & { errors?: unknown }, inputs: unknown[]) {
  return inputs.map((input) => {
    const ok = validate(input);
    return { ok, errors: (validate as unknown as { errors: unknown }).errors };
  });
}

describe('compiled validators on disk', () => {
  it('writes a compiled validator, and the next process loads it with the same verdicts and errors', async () => {
    const dir = tempDir();
    const compiled = new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), outbound);
    await written();
    expect(readdirSync(dir)).toHaveLength(1);
    const mtime = statSync(join(dir, readdirSync(dir)[0])).mtimeMs;

    // A new cache and a new Ajv, as after a restart: the validator comes from the file.
    const fresh = new Ajv(OPTIONS);
    const compile = vi.spyOn(fresh, 'compile');
    const loaded = new ValidatorCache(dir, 'v1').compile(fresh, outbound);
    expect(compile).not.toHaveBeenCalled();
    expect(loaded).not.toBe(compiled);
    expect(outcomes(loaded, samples)).toEqual(outcomes(compiled, samples));
    expect(outcomes(loaded, samples).map((o) => o.ok)).toEqual([true, false, false, false, false, false, true]);
    await written();
    expect(statSync(join(dir, readdirSync(dir)[0])).mtimeMs).toBe(mtime);
  });

  it('names each file after the schema and the Ajv it came from, so a changed one never loads an old validator', async () => {
    const dir = tempDir();
    new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), outbound);
    new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), taxCalculation);
    new ValidatorCache(dir, 'v2').compile(new Ajv(OPTIONS), outbound);
    const narrowed = { ...outbound, required: [...(outbound.required ?? []), 'description'] };
    const v = new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), narrowed);
    await written();
    expect(readdirSync(dir)).toHaveLength(4);
    expect(v(samples[0])).toBe(false);
  });

  it('compiles normally over a broken file, and replaces it', async () => {
    const dir = tempDir();
    new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), outbound);
    await written();
    const [file] = readdirSync(dir);
    for (const junk of ['module.exports = (', 'module.exports = 42;', 'require("fs"); module.exports = () => true;']) {
      writeFileSync(join(dir, file), junk);
      const v = new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), outbound);
      expect(outcomes(v, samples).map((o) => o.ok)).toEqual([true, false, false, false, false, false, true]);
      await written();
      const again = new ValidatorCache(dir, 'v1').compile(new Ajv(OPTIONS), outbound);
      expect(again(samples[1])).toBe(false);
    }
  });

  it.runIf(process.getuid?.() !== 0)('fails nothing where it cannot write', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    const v = new ValidatorCache(join(dir, 'validators'), 'v1').compile(new Ajv(OPTIONS), outbound);
    expect(v(samples[0])).toBe(true);
    await written();
    expect(existsSync(join(dir, 'validators'))).toBe(false);
  });

  it('fails nothing where the directory is a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'validators'), '');
    const v = new ValidatorCache(join(dir, 'validators'), 'v1').compile(new Ajv(OPTIONS), outbound);
    expect(v(samples[1])).toBe(false);
    await written();
    expect(readdirSync(dir)).toEqual(['validators']);
  });
});

/** Starts the built server on a memory database with `env`; resolves its port and a stop function. */
async function builtServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['out/main/cli.cjs', 'serve', '--port', '0', '--db', ':memory:'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { port, stop };
}

describe.runIf(existsSync('out/main/cli.cjs'))('the built server', () => {
  it('keeps the validators it compiled beside its code cache and answers the same from them after a restart', async () => {
    const dir = tempDir();
    const answer = async () => {
      const server = await builtServer({ COUNTERFOIL_COMPILE_CACHE: dir });
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/v1/tax/calculations`, {
          method: 'POST',
          headers: { authorization: 'Bearer sk_test_vc', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'currency=usd&line_items[0][amount]=x',
        });
        // Past the deferred write.
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { status: res.status, error: ((await res.json()) as { error: object }).error };
      } finally {
        await server.stop();
      }
    };
    const first = await answer();
    expect(first.status).toBe(400);
    expect(first.error).toMatchObject({ type: 'invalid_request_error', param: 'line_items[0][amount]' });
    const files = readdirSync(join(dir, 'validators'));
    expect(files.length).toBeGreaterThan(0);
    const times = files.map((f) => statSync(join(dir, 'validators', f)).mtimeMs);
    expect(await answer()).toEqual(first);
    // A validator that did not load would have been compiled and written again.
    expect(readdirSync(join(dir, 'validators'))).toEqual(files);
    expect(files.map((f) => statSync(join(dir, 'validators', f)).mtimeMs)).toEqual(times);
  });
});
