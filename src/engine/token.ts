import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file beside a sandbox database that keeps its dashboard token across restarts. */
export const TOKEN_FILE = 'dashboard-token';

function fresh(): string {
  return randomBytes(18).toString('base64url');
}

/** Where the token of the data directory holding `dbPath` lives; none for an in-memory database. */
export function tokenPath(dbPath: string): string | undefined {
  if (dbPath === ':memory:' || dbPath === '' || dbPath.startsWith('file::memory:')) return undefined;
  return join(dirname(dbPath), TOKEN_FILE);
}

/**
 * The dashboard token: the one given (`--token`), else `COUNTERFOIL_TOKEN`,
 * else the one stored beside the database (made on first start, readable by
 * its owner only), so open dashboards reconnect after a restart. An in-memory
 * sandbox gets a fresh token every time.
 */
export function resolveToken(dbPath: string, given?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (given) return given;
  if (env.COUNTERFOIL_TOKEN) return env.COUNTERFOIL_TOKEN;
  const file = tokenPath(dbPath);
  if (!file) return fresh();
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{16,}$/.test(stored)) {
      // Someone loosened it: the token opens the whole sandbox, so it stays private.
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return stored;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = fresh();
  try {
    // `wx`: of two launches racing, one writes and the other reads what it wrote.
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: existsSync(file) ? 'w' : 'wx' });
    if (process.platform !== 'win32') chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    // A read-only data directory still runs, with a token for this launch only.
    console.error(`[counterfoil] cannot keep the dashboard token in ${file}: ${(err as Error).message}`);
  }
  return token;
}
