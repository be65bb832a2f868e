import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alreadyRunningMessage, probe } from '../../src/cli/already-running.js';
import { createEngine } from '../../src/engine/engine.js';
import { resolveToken, TOKEN_FILE } from '../../src/engine/token.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-token-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const noEnv = {} as NodeJS.ProcessEnv;

describe('the dashboard token', () => {
  it('is kept beside the database, readable by its owner only, and the same after a restart', async () => {
    const dir = dataDir();
    const dbPath = join(dir, 'sandbox.db');
    const saved = process.env.COUNTERFOIL_TOKEN;
    delete process.env.COUNTERFOIL_TOKEN;
    cleanups.push(() => {
      if (saved !== undefined) process.env.COUNTERFOIL_TOKEN = saved;
    });
    const first = createEngine({ dbPath, port: 0 });
    const url = await first.start();
    const token = first.token;
    await first.stop();
    const file = join(dir, TOKEN_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = createEngine({ dbPath, port: Number(new URL(url).port) });
    await second.start();
    cleanups.push(() => second.stop());
    expect(second.token).toBe(token);
    // The old tab's token opens the restarted sandbox.
    const res = await fetch(`${second.url()}/_counterfoil/clock`, { headers: { 'x-counterfoil-token': token } });
    expect(res.status).toBe(200);
  });

  it('yields to --token and COUNTERFOIL_TOKEN, and is fresh for an in-memory sandbox', () => {
    const dir = dataDir();
    const dbPath = join(dir, 'sandbox.db');
    const stored = resolveToken(dbPath, undefined, noEnv);
    expect(resolveToken(dbPath, 'given', { COUNTERFOIL_TOKEN: 'env' })).toBe('given');
    expect(resolveToken(dbPath, undefined, { COUNTERFOIL_TOKEN: 'env' })).toBe('env');
    expect(resolveToken(dbPath, undefined, noEnv)).toBe(stored);
    const a = resolveToken(':memory:', undefined, noEnv);
    const b = resolveToken(':memory:', undefined, noEnv);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('tightens a token file others could read, and replaces a damaged one', () => {
    const dir = dataDir();
    const dbPath = join(dir, 'sandbox.db');
    const file = join(dir, TOKEN_FILE);
    writeFileSync(file, 'abcdefghijklmnopqrstuvwx\n');
    chmodSync(file, 0o644);
    expect(resolveToken(dbPath, undefined, noEnv)).toBe('abcdefghijklmnopqrstuvwx');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'x');
    const replaced = resolveToken(dbPath, undefined, noEnv);
    expect(replaced).not.toBe('x');
    expect(readFileSync(file, 'utf8').trim()).toBe(replaced);
  });
});

describe('a second serve on a busy port', () => {
  it('recognises a Counterfoil holding the port, with its token or another', async () => {
    const engine = createEngine({ dbPath: ':memory:', port: 0, token: 'running-token' });
    const url = await engine.start();
    cleanups.push(() => engine.stop());
    const port = Number(new URL(url).port);
    const same = await probe(url, 'running-token');
    expect(same).toEqual({ kind: 'counterfoil', tokenMatches: true });
    expect(alreadyRunningMessage(url, 'running-token', same, port)).toEqual({
      text: `Counterfoil is already running at ${url} — dashboard: ${url}/?token=running-token`,
      code: 0,
    });
    const other = await probe(url, 'another-token');
    expect(other).toEqual({ kind: 'counterfoil', tokenMatches: false });
    expect(alreadyRunningMessage(url, 'another-token', other, port).text).toMatch(/^Counterfoil is already running at http:\/\/127\.0\.0\.1:\d+ \(with another dashboard token/);
  });

  it('says when the port is held by something else', async () => {
    const foreign = createServer((_req, res) => res.writeHead(404).end('nope'));
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => foreign.close(() => r())));
    const port = (foreign.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    const holder = await probe(url, 't');
    expect(holder).toEqual({ kind: 'other' });
    const msg = alreadyRunningMessage(url, 't', holder, port);
    expect(msg.code).toBe(1);
    expect(msg.text).toContain(`port ${port} is in use by another program`);
  });

  it.runIf(existsSync('out/main/cli.cjs'))('the built serve prints the running URL instead of EADDRINUSE', async () => {
    const engine = createEngine({ dbPath: ':memory:', port: 0, token: 'cli-busy' });
    const url = await engine.start();
    cleanups.push(() => engine.stop());
    const child = spawn(process.execPath, ['out/main/cli.cjs', 'serve', '--port', new URL(url).port, '--db', ':memory:', '--token', 'cli-busy'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out.trim()).toBe(`Counterfoil is already running at ${url} — dashboard: ${url}/?token=cli-busy`);
    expect(out).not.toContain('EADDRINUSE');
    expect(code).toBe(0);
  });
});
