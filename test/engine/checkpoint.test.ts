import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../../src/engine/store/checkpointer.js';
import { openDatabase } from '../../src/engine/store/db.js';
import { GroupCommit } from '../../src/engine/store/group-commit.js';
import { startServer } from '../support/server.js';
import { until } from '../support/until.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-ckpt-'));
  dirs.push(dir);
  return join(dir, 'sandbox.db');
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);


/** Writes `mb` megabytes of rows in one transaction through the engine's own connection. */
function write(db: import('better-sqlite3').Database, mb: number): void {
  const row = 'x'.repeat(1000);
  const stmt = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < mb * 1000; i++) stmt.run(`filler-${Math.random()}`, row);
  })();
}

describe('WAL checkpoints', () => {
  it('are made off the main connection: its commits never checkpoint, yet the database file receives the pages', async () => {
    const path = dbFile();
    const server = await startServer({ dbPath: path });
    try {
      const db = server.engine.core.db;
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = size(path);
      write(db, 8);
      // The commit left everything in the WAL; the worker copies it into the file soon after.
      expect(size(`${path}-wal`)).toBeGreaterThan(8_000_000);
      await until(() => size(path) > before + 7_000_000, 'the database file to grow', 5_000);
    } finally {
      await server.close();
    }
    // The last connection to close checkpoints what is left and removes the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('keep the WAL bounded under writes that never pause for long', async () => {
    const path = dbFile();
    const server = await startServer({ dbPath: path });
    try {
      const db = server.engine.core.db;
      let largest = 0;
      for (let i = 0; i < 120; i++) {
        write(db, 1);
        largest = Math.max(largest, size(`${path}-wal`));
        await new Promise((r) => setTimeout(r, 10));
      }
      // 120 MB written: without the WAL starting over it would hold all of it.
      expect(size(path)).toBeGreaterThan(100_000_000);
      expect(largest).toBeLessThan(80 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('run in a thread only while there is writing: none at idle, one once the WAL grows, gone again after a quiet spell', async () => {
    const path = dbFile();
    const db = openDatabase(path);
    const checkpoints = new Checkpointer(db, 600);
    try {
      write(db, 0.1);
      await new Promise((r) => setTimeout(r, 500));
      expect(checkpoints.working).toBe(false);
      write(db, 4);
      await until(() => checkpoints.working, 'the checkpoint worker to start', 5_000);
      await until(() => !checkpoints.working, 'the checkpoint worker to rest', 5_000);
      // Resting cut the WAL to nothing, so the next burst of writes shows and brings the worker back.
      await until(() => size(`${path}-wal`) === 0, 'the WAL to be cut to nothing', 5_000);
      write(db, 2);
      await until(() => checkpoints.working, 'the checkpoint worker to start again', 5_000);
    } finally {
      await checkpoints.close();
      db.close();
    }
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('restart the WAL under a stream of group commits with the last copy made by the worker while the commits wait', async () => {
    const path = dbFile();
    const db = openDatabase(path);
    const group = new GroupCommit(db);
    const checkpoints = new Checkpointer(db);
    let holds = 0;
    checkpoints.holdWritesWith(() => {
      holds++;
      return group.hold();
    });
    // Checkpoints the main connection runs with frames left to copy: each ends in fsyncs that
    // block the event loop. Read off the WAL index in the -shm file (native byte order): the
    // header's mxFrame at byte 16, the checkpoint info's nBackfill at byte 96.
    let mainCopies = 0;
    let mainLooks = 0;
    const shm = (offset: number) => {
      const buf = readFileSync(`${path}-shm`).subarray(offset, offset + 4);
      return os.endianness() === 'LE' ? buf.readUInt32LE() : buf.readUInt32BE();
    };
    const pragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('wal_checkpoint')) {
        mainLooks++;
        if (shm(16) > shm(96)) mainCopies++;
      }
      return pragma(source, options);
    }) as typeof db.pragma;
    const row = 'x'.repeat(1000);
    const insert = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`);
    try {
      let largest = 0;
      let n = 0;
      // 48 MB in commits of 64 rows, a few milliseconds apart: a WAL that never started over would hold it all.
      for (let i = 0; i < 750; i++) {
        await group.run(() => {
          for (let k = 0; k < 64; k++) insert.run(`filler-${n++}`, row);
        });
        largest = Math.max(largest, size(`${path}-wal`));
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(holds).toBeGreaterThan(0);
      expect(mainLooks).toBeGreaterThan(0);
      expect(mainCopies).toBe(0);
      expect(largest).toBeLessThan(32 * 1024 * 1024);
      expect(db.prepare('SELECT count(*) FROM meta WHERE key LIKE ?').pluck().get('filler-%')).toBe(n);
    } finally {
      await checkpoints.close();
      db.pragma = pragma;
      db.close();
    }
  });
});

describe('group commits held back', () => {
  it('wait while held and commit at the release; an explicit flush does not wait', async () => {
    const db = openDatabase(':memory:');
    const group = new GroupCommit(db);
    try {
      db.exec('CREATE TABLE t (v INTEGER)');
      const add = (v: number) => group.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(v));
      const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
      const release = group.hold();
      let done = false;
      void add(1).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(done).toBe(false);
      expect(count()).toBe(0);
      release();
      release(); // A second call changes nothing.
      await new Promise((r) => setImmediate(r));
      expect(done).toBe(true);
      expect(count()).toBe(1);
      // Two holds: commits wait for both releases.
      const a = group.hold();
      const b = group.hold();
      void add(2);
      a();
      await new Promise((r) => setTimeout(r, 10));
      expect(count()).toBe(1);
      b();
      await new Promise((r) => setTimeout(r, 10));
      expect(count()).toBe(2);
      // Shutdown and the dashboard's reads of the log flush whatever holds are in force.
      const c = group.hold();
      const pending = add(3);
      group.flush();
      await pending;
      expect(count()).toBe(3);
      c();
    } finally {
      db.close();
    }
  });
});
