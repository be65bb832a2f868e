import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { nativeBindingPath } from './native-binding.js';

export type Db = Database.Database;

/** How long a statement waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/** Thrown when a database cannot be used by this version of Counterfoil. */
export class DatabaseVersionError extends Error {}

function hashOf(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * Called before migrations are applied to a database that already had a schema (an upgrade,
 * which over a large sandbox can take a minute), with their names.
 */
export type UpgradeNotice = (pending: string[]) => void;

/** Opens (creating if needed) a sandbox database and brings its schema up to date. */
export function openDatabase(path: string, migrations: Migration[] = MIGRATIONS, onUpgrade?: UpgradeNotice): Db {
  const binding = nativeBindingPath();
  const db = new Database(path, binding ? { nativeBinding: binding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  try {
    // Before temp_store moves to memory: a migration over a large sandbox sorts millions of
    // index keys and journals every page it rewrites, which in memory would take gigabytes.
    migrate(db, migrations, onUpgrade);
  } catch (err) {
    db.close();
    throw err;
  }
  // Each write runs in savepoints (store/group-commit.ts); a savepoint keeps the original of
  // every page it changes in a sub-journal, which by default is a temporary file: ~30 page
  // writes per request to a file nobody reads unless the request fails. In memory instead.
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * Applies pending migrations, each in its own transaction, recording a hash of each.
 * Refuses a database whose applied migrations were edited or that a newer version wrote.
 */
export function migrate(db: Db, migrations: Migration[], onUpgrade?: UpgradeNotice): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db
    .prepare('SELECT version, name, hash FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; hash: string }[];
  if (applied.length > migrations.length) {
    throw new DatabaseVersionError(
      `This database was written by a newer version of Counterfoil (schema ${applied.length}, this version knows ${migrations.length}). Upgrade Counterfoil or use another --db.`,
    );
  }
  for (const row of applied) {
    const m = migrations[row.version - 1];
    if (m.name !== row.name || hashOf(m) !== row.hash) {
      throw new DatabaseVersionError(
        `Migration ${row.name} applied to this database differs from this version's ${m.name}; refusing to open it.`,
      );
    }
  }
  if (applied.length > 0 && applied.length < migrations.length) onUpgrade?.(migrations.slice(applied.length).map((m) => m.name));
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (let i = applied.length; i < migrations.length; i++) {
    const m = migrations[i];
    db.transaction(() => {
      db.exec(m.sql);
      record.run(i + 1, m.name, hashOf(m), new Date().toISOString());
    })();
  }
}
