import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

let entry: string | undefined;

/** better-sqlite3's entry file, for a worker or child process that loads it itself; resolved at the first need, not at start. */
export function betterSqliteEntry(): string {
  return (entry ??= createRequire(import.meta.url).resolve('better-sqlite3'));
}

/**
 * Which compiled better-sqlite3 to load. Under Node, the package's own build.
 * Under Electron, the copy `npm run app` built beside it in `.native/electron/`,
 * so that neither runtime's build overwrites the other's.
 */
export function nativeBindingPath(
  versions: NodeJS.ProcessVersions = process.versions,
  root: string = process.env.COUNTERFOIL_ROOT ?? process.cwd(),
): string | undefined {
  if (!versions.electron) return undefined;
  const candidate = join(root, '.native', 'electron', `better_sqlite3-${versions.electron}.node`);
  return existsSync(candidate) ? candidate : undefined;
}
