import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { DatabaseVersionError, openDatabase } from '../../store/db.js';
import { nativeBindingPath } from '../../store/native-binding.js';
import { serialized } from '../sandbox/clock-controls.js';
import { LISTENER_KEY } from './listeners.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The live sandbox, as `diff` names it. */
const CURRENT = 'current';
/** Tables a load keeps from the running sandbox: the schema's own record. */
const KEPT = new Set(['schema_migrations']);
const SAVED_AT = 'snapshot_saved_now_ms';

export interface SnapshotInfo {
  name: string;
  size_bytes: number;
  /** Real time the file was written, in ms. */
  saved_ms: number;
}

export interface SnapshotDiff {
  from: string;
  to: string;
  created: { id: string; type: string }[];
  changed: { id: string; type: string; fields: string[] }[];
  removed: { id: string; type: string }[];
}

function open(path: string, readonly = true): Database.Database {
  const binding = nativeBindingPath();
  return new Database(path, { readonly, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
}

/** Where this sandbox keeps its snapshots: `snapshots/` beside its database file. */
export function snapshotDir(core: EngineCore): string {
  if (core.db.memory || !core.db.name || core.db.name === ':memory:') {
    throw invalidRequest('This sandbox runs in memory and keeps no snapshots: start it with a database file (--db PATH, the default).');
  }
  return join(dirname(core.db.name), 'snapshots');
}

function checkName(name: unknown, param = 'name'): string {
  if (typeof name !== 'string' || !name) throw invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
  if (!NAME.test(name) || name === CURRENT) {
    throw invalidRequest(`A snapshot name is letters, digits, '.', '_' and '-' (up to 64), not '${CURRENT}': got '${name}'.`, param);
  }
  return name;
}

function fileOf(core: EngineCore, name: string, param = 'name'): string {
  const file = join(snapshotDir(core), `${checkName(name, param)}.db`);
  if (!existsSync(file)) throw resourceMissing('snapshot', name, param);
  return file;
}

/** Saves a consistent copy of the running sandbox with SQLite's online backup; replaces one of the same name. */
export async function saveSnapshot(core: EngineCore, name: unknown): Promise<SnapshotInfo & { replaced: boolean }> {
  const checked = checkName(name);
  const dir = snapshotDir(core);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${checked}.db`);
  const tmp = join(dir, `.${checked}.${randomBytes(4).toString('hex')}.tmp`);
  const replaced = existsSync(file);
  try {
    await core.db.backup(tmp);
    const copy = open(tmp, false);
    try {
      // Loading resumes the sandbox clock at the moment of the save.
      copy.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(SAVED_AT, String(core.clock.nowMs()));
      // A `listen` session belongs to the terminal running it, not to the sandbox's state.
      const listeners = copy.prepare(`SELECT id FROM objects WHERE type = 'webhook_endpoint' AND json_extract(data, '$.metadata.${LISTENER_KEY}') = 'true'`).all() as { id: string }[];
      for (const { id } of listeners) {
        copy.prepare('DELETE FROM objects WHERE id = ?').run(id);
        copy.prepare('DELETE FROM endpoint_secrets WHERE endpoint_id = ?').run(id);
        copy.prepare('DELETE FROM endpoint_chaos WHERE endpoint_id = ?').run(id);
        copy.prepare(`UPDATE deliveries SET status = 'failed', next_attempt_ms = NULL, last_error = 'listener stopped' WHERE endpoint_id = ? AND status = 'pending'`).run(id);
      }
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  const st = statSync(file);
  return { name: checked, size_bytes: st.size, saved_ms: st.mtimeMs, replaced };
}

export function listSnapshots(core: EngineCore): SnapshotInfo[] {
  const dir = snapshotDir(core);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.db') && NAME.test(f.slice(0, -3)))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { name: f.slice(0, -3), size_bytes: st.size, saved_ms: Math.round(st.mtimeMs) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function columnsOf(db: Database.Database, schema: string, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Replaces the running sandbox's state with a snapshot, in place: the file is
 * copied, checked and migrated (an older schema) on the side, then every table
 * is swapped in one transaction. A newer or corrupt snapshot is refused before
 * anything changes. The clock resumes at the moment the snapshot was saved.
 */
export function loadSnapshot(core: EngineCore, name: unknown): Promise<{ name: string; objects: number; now: number; migrated: boolean }> {
  return serialized(core, async () => {
    const file = fileOf(core, String(name ?? ''));
    const checkedName = String(name);
    const dir = snapshotDir(core);
    const tmp = join(dir, `.load-${randomBytes(4).toString('hex')}.db`);
    copyFileSync(file, tmp);
    const cleanup = () => {
      for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
    };
    let migrated = false;
    let savedNow: number | undefined;
    try {
      try {
        const probe = open(tmp, false);
        try {
          const ok = probe.pragma('integrity_check', { simple: true });
          if (ok !== 'ok') throw new Error(String(ok));
          const applied = probe.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
          const ours = core.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
          migrated = applied.n < ours.n;
        } finally {
          probe.close();
        }
      } catch (err) {
        throw invalidRequest(`Snapshot ${checkedName} is not a Counterfoil database (${(err as Error).message}); the current sandbox is unchanged.`, 'name');
      }
      try {
        // Brings an older schema up to date; refuses one a newer version wrote.
        const migratedDb = openDatabase(tmp);
        const row = migratedDb.prepare('SELECT value FROM meta WHERE key = ?').get(SAVED_AT) as { value: string } | undefined;
        const offset = migratedDb.prepare(`SELECT value FROM meta WHERE key = 'clock_offset_ms'`).get() as { value: string } | undefined;
        savedNow = row ? Number(row.value) : offset ? Date.now() + Number(offset.value) : undefined;
        migratedDb.pragma('journal_mode = DELETE');
        migratedDb.close();
      } catch (err) {
        const why = err instanceof DatabaseVersionError ? err.message : `it cannot be opened (${(err as Error).message})`;
        throw invalidRequest(`Snapshot ${checkedName} was refused: ${why} The current sandbox is unchanged.`, 'name');
      }
      await core.deliveries.settle();
      const db = core.db;
      // Running `listen` sessions stay registered across a load.
      const sessions = db
        .prepare(
          `SELECT o.id, o.type, o.owner, o.created, o.data, s.secret, c.settings FROM objects o JOIN endpoint_secrets s ON s.endpoint_id = o.id
           LEFT JOIN endpoint_chaos c ON c.endpoint_id = o.id
           WHERE o.type = 'webhook_endpoint' AND json_extract(o.data, '$.metadata.${LISTENER_KEY}') = 'true'`,
        )
        .all() as { id: string; type: string; owner: string | null; created: number; data: string; secret: string; settings: string | null }[];
      db.prepare('ATTACH DATABASE ? AS snap').run(tmp);
      try {
        const tables = (db.prepare(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[])
          .map((t) => t.name)
          .filter((t) => !KEPT.has(t));
        db.transaction(() => {
          for (const table of tables) {
            db.exec(`DELETE FROM main.${quote(table)}`);
            const theirs = new Set(columnsOf(db, 'snap', table));
            const cols = columnsOf(db, 'main', table).filter((c) => theirs.has(c)).map(quote).join(', ');
            if (cols) db.exec(`INSERT INTO main.${quote(table)} (${cols}) SELECT ${cols} FROM snap.${quote(table)}`);
          }
          db.prepare('DELETE FROM main.meta WHERE key = ?').run(SAVED_AT);
          for (const l of sessions) {
            db.prepare('INSERT OR REPLACE INTO main.objects (id, type, owner, created, data) VALUES (?, ?, ?, ?, ?)').run(l.id, l.type, l.owner, l.created, l.data);
            db.prepare('INSERT OR REPLACE INTO main.endpoint_secrets (endpoint_id, secret) VALUES (?, ?)').run(l.id, l.secret);
            if (l.settings) db.prepare('INSERT OR REPLACE INTO main.endpoint_chaos (endpoint_id, settings) VALUES (?, ?)').run(l.id, l.settings);
          }
        })();
      } finally {
        db.exec('DETACH DATABASE snap');
      }
    } finally {
      cleanup();
    }
    // Every table was rewritten under the store: what it keeps in memory (recent reads, the
    // endpoint index's version) is of the sandbox before the load.
    core.store.invalidate();
    if (savedNow !== undefined) core.clock.restoreTo(savedNow);
    core.scheduler.arm();
    core.deliveries.kick();
    core.changes.publish({ kind: 'reset' });
    core.changes.publish({ kind: 'clock', now: core.clock.now() });
    const objects = (core.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
    return { name: checkedName, objects, now: core.clock.now(), migrated };
  });
}

function objectsOf(db: Database.Database): Map<string, { type: string; data: string }> {
  const rows = db.prepare('SELECT id, type, data FROM objects').all() as { id: string; type: string; data: string }[];
  return new Map(rows.map((r) => [r.id, { type: r.type, data: r.data }]));
}

function changedFields(a: string, b: string): string[] {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k])).sort();
}

/** Objects created, changed and removed from snapshot `from` to `to` (either may be `current`, the running sandbox). */
export function diffSnapshots(core: EngineCore, from: unknown, to: unknown): SnapshotDiff {
  const read = (name: unknown, param: string) => {
    if (name === CURRENT) return objectsOf(core.db);
    const db = open(fileOf(core, String(name ?? ''), param));
    try {
      return objectsOf(db);
    } finally {
      db.close();
    }
  };
  const a = read(from, 'from');
  const b = read(to, 'to');
  const diff: SnapshotDiff = { from: String(from), to: String(to), created: [], changed: [], removed: [] };
  for (const [id, o] of b) {
    const before = a.get(id);
    if (!before) diff.created.push({ id, type: o.type });
    else if (before.data !== o.data) diff.changed.push({ id, type: o.type, fields: changedFields(before.data, o.data) });
  }
  for (const [id, o] of a) if (!b.has(id)) diff.removed.push({ id, type: o.type });
  return diff;
}

/** `/_counterfoil/snapshots…`: save, list, load and diff. */
export const snapshotControls: ControlRoute[] = [
  { method: 'GET', path: '/snapshots', handler: ({ core }) => ({ data: listSnapshots(core), directory: snapshotDir(core) }) },
  { method: 'POST', path: '/snapshots', handler: ({ core, body }) => saveSnapshot(core, body.name) },
  { method: 'POST', path: '/snapshots/:name/load', handler: ({ core, params }) => loadSnapshot(core, params.name) },
  { method: 'GET', path: '/snapshots/diff', handler: ({ core, query }) => diffSnapshots(core, query.from, query.to) },
];
