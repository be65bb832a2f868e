import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '..', '..', 'out', 'main', 'cli.cjs');

/** A private data directory per test file: listen's secrets, no stray token file. */
export const HOME = mkdtempSync(join(tmpdir(), 'counterfoil-cli-'));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.COUNTERFOIL_TOKEN;
  delete base.COUNTERFOIL_API_BASE;
  return { ...base, COUNTERFOIL_HOME: HOME, ...extra };
}

/** Runs `counterfoil …` to completion. */
export function cli(args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 20_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`counterfoil ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running `counterfoil …` (listen, logs tail) whose output can be waited on. */
export interface Running {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the output once it matches, or fails after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends SIGINT and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

export function start(args: string[], extraEnv: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], { env: env(extraEnv) }) as ChildProcessWithoutNullStreams;
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`never saw ${pattern} in:\n${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return out;
    },
    async interrupt() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      return exited;
    },
  };
}
