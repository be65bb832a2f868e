import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseVersionError, migrate, openDatabase, type Db } from '../../src/engine/store/db.js';
import { FILTER_FIELDS } from '../../src/engine/store/filter-columns.js';
import { MIGRATIONS } from '../../src/engine/store/migrations/index.js';
import { nativeBindingPath } from '../../src/engine/store/native-binding.js';
import { ObjectStore, type StripeObject } from '../../src/engine/store/objects.js';
import { createClock } from '../../src/engine/clock.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-store-'));
  dirs.push(dir);
  return join(dir, 'sandbox.db');
}

describe('migrations', () => {
  it('apply once, in order, and record a hash of each', () => {
    const path = tempDb();
    openDatabase(path).close();
    const db = openDatabase(path);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
    db.close();
  });

  it('tell before upgrading a database that had a schema, not when creating one', () => {
    const path = tempDb();
    const told: string[][] = [];
    openDatabase(path, MIGRATIONS.slice(0, 3), (pending) => told.push(pending)).close();
    expect(told).toEqual([]);
    openDatabase(path, MIGRATIONS, (pending) => told.push(pending)).close();
    expect(told).toEqual([MIGRATIONS.slice(3).map((m) => m.name)]);
    openDatabase(path, MIGRATIONS, (pending) => told.push(pending)).close();
    expect(told).toHaveLength(1);
  });

  it('run with temporary storage on disk (a large sandbox would sort and journal in memory), and writes after them in memory', () => {
    const probe = { name: '9999_probe', sql: 'CREATE TABLE seen AS SELECT temp_store AS during FROM pragma_temp_store;' };
    const db = openDatabase(tempDb(), [...MIGRATIONS, probe]);
    expect(db.prepare('SELECT during FROM seen').get()).toEqual({ during: 0 });
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('refuse a database written by a newer version', () => {
    const path = tempDb();
    const db = openDatabase(path);
    db.prepare(`INSERT INTO schema_migrations VALUES (?, '9999_future', 'x', 'now')`).run(MIGRATIONS.length + 1);
    db.close();
    expect(() => openDatabase(path)).toThrow(DatabaseVersionError);
    expect(() => openDatabase(path)).toThrow(/newer version/);
  });

  it('refuse a database whose applied migration was edited since', () => {
    const path = tempDb();
    openDatabase(path).close();
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: m.sql + '\n-- edited' } : m));
    expect(() => openDatabase(path, edited)).toThrow(/differs/);
  });

  it('roll back a migration that fails, leaving the database as it was', () => {
    const path = tempDb();
    const db = openDatabase(path);
    const broken = [...MIGRATIONS, { name: '9999_broken', sql: 'CREATE TABLE ok_then (x); SELECT nonsense FROM nowhere;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'ok_then'`).get()).toBeUndefined();
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('object store lists', () => {
  it('pages newest first by cursor and filters by owner and created, with a million-row plan that uses an index', () => {
    const db = openDatabase(':memory:');
    const store = new ObjectStore(db);
    db.transaction(() => {
      for (let i = 0; i < 30; i++) store.insert({ id: `x_${i}`, object: 'thing', created: 1000 + i, n: i }, i % 2 ? 'odd' : 'even');
    })();
    const page = store.list('thing', { limit: 5 });
    expect(page.data.map((o) => o.id)).toEqual(['x_29', 'x_28', 'x_27', 'x_26', 'x_25']);
    expect(page.has_more).toBe(true);
    const next = store.list('thing', { limit: 5, startingAfter: 'x_25' });
    expect(next.data[0].id).toBe('x_24');
    const before = store.list('thing', { limit: 3, endingBefore: 'x_25' });
    expect(before.data.map((o) => o.id)).toEqual(['x_28', 'x_27', 'x_26']);
    const odd = store.list('thing', { limit: 100, owner: 'odd', created: { gte: 1020 } });
    expect(odd.data.map((o) => o.id)).toEqual(['x_29', 'x_27', 'x_25', 'x_23', 'x_21']);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT seq, data FROM objects WHERE type = ? AND owner = ? ORDER BY seq DESC LIMIT 11`)
      .all('thing', 'odd') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX objects_type_owner_seq/);
    db.close();
  });
});

/** Two connections to one new file, each with its store, and an object the first wrote. */
function twoConnections(): { one: Db; other: Db; mine: ObjectStore; theirs: ObjectStore } {
  const path = tempDb();
  const one = openDatabase(path);
  const other = openDatabase(path);
  const mine = new ObjectStore(one);
  const theirs = new ObjectStore(other);
  mine.insert({ id: 'x_1', object: 'thing', n: 1 });
  return { one, other, mine, theirs };
}

describe('object store reads', () => {
  it('answer what is committed: a write replaces a cached read, a rollback restores it, a reset empties it', () => {
    const db = openDatabase(':memory:');
    const store = new ObjectStore(db);
    store.insert({ id: 'x_1', object: 'thing', n: 1 });
    expect(store.get('x_1')?.n).toBe(1);
    expect(store.getRaw('x_1', 'thing')).toBe('{"id":"x_1","object":"thing","n":1}');

    store.update({ id: 'x_1', object: 'thing', n: 2 });
    expect(store.get('x_1')?.n).toBe(2);

    // A write that rolls back, read inside its own transaction first: the read outside sees the commit.
    expect(() =>
      db.transaction(() => {
        store.update({ id: 'x_1', object: 'thing', n: 3 });
        expect(store.get('x_1')?.n).toBe(3);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(store.get('x_1')?.n).toBe(2);
    expect(store.getRaw('x_1', 'other')).toBeUndefined();

    // A write behind the store's back (a snapshot load, a reset) is followed by invalidate().
    db.prepare(`UPDATE objects SET data = '{"id":"x_1","object":"thing","n":9}' WHERE id = 'x_1'`).run();
    store.invalidate();
    expect(store.get('x_1')?.n).toBe(9);

    store.delete('x_1');
    expect(store.get('x_1')).toBeUndefined();
    db.close();
  });

  it('see what another connection to the same file committed, and a write reads what SQLite holds', () => {
    const { one, other, mine, theirs } = twoConnections();
    expect(mine.get('x_1')?.n).toBe(1);
    expect(theirs.get('x_1')?.n).toBe(1);
    theirs.update({ id: 'x_1', object: 'thing', n: 2 });
    expect(mine.get('x_1')?.n).toBe(2);
    expect(mine.getRaw('x_1', 'thing')).toBe('{"id":"x_1","object":"thing","n":2}');
    // Behind the store's back on its own connection: a transaction reads the row itself.
    one.prepare(`UPDATE objects SET data = '{"id":"x_1","object":"thing","n":7}' WHERE id = 'x_1'`).run();
    expect(one.transaction(() => mine.get('x_1')?.n)()).toBe(7);
    other.close();
    one.close();
  });

  it("take the look for other connections' commits made at a request's arrival for the rest of that turn, and look again in the next", async () => {
    const { one, other, mine, theirs } = twoConnections();
    mine.requestArrived();
    expect(mine.get('x_1')?.n).toBe(1);
    theirs.update({ id: 'x_1', object: 'thing', n: 2 });
    // Committed after this turn's look: a request that could know of it arrives in a later turn.
    expect(mine.get('x_1')?.n).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(mine.get('x_1')?.n).toBe(2);
    mine.requestArrived();
    theirs.update({ id: 'x_1', object: 'thing', n: 3 });
    mine.requestArrived();
    expect(mine.get('x_1')?.n).toBe(2);
    await new Promise((r) => setImmediate(r));
    // A new turn's arrival looks again.
    mine.requestArrived();
    expect(mine.get('x_1')?.n).toBe(3);
    other.close();
    one.close();
  });

  it('keep a bounded number of recent reads', () => {
    const db = openDatabase(':memory:');
    const store = new ObjectStore(db);
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) store.insert({ id: `x_${i}`, object: 'thing', n: i });
    })();
    for (let i = 0; i < 5000; i++) expect(store.get(`x_${i}`)?.n).toBe(i);
    // Every read still answers after eviction, from SQLite.
    for (let i = 0; i < 5000; i += 97) expect(store.get(`x_${i}`)?.n).toBe(i);
    db.close();
  });
});

// One object of each type with filter columns, every path set, as the store writes it.
function sampleOf(type: string, n: number): StripeObject {
  const obj: Record<string, unknown> = { id: `${type}_${n}`, object: type, created: 1_700_000_000 + n };
  for (const path of Object.values(FILTER_FIELDS[type])) {
    const keys = path.split('.');
    let at = obj;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = /_at$/.test(path) ? 1_700_000_100 + n : `${path}-${n}`;
  }
  return obj as StripeObject;
}

/** Each filter column of each row beside what json_extract reads from its JSON. */
function columnsAndJson(db: Db): { columns: unknown[]; json: unknown[] }[] {
  const rows = db.prepare('SELECT type, data, status, ref, at FROM objects').all() as Record<string, unknown>[];
  return rows.map((row) => {
    const fields = FILTER_FIELDS[row.type as string] ?? {};
    const read = (path?: string) => (path ? db.prepare(`SELECT json_extract(?, '$.${path}') AS v`).get(row.data) : { v: null }) as { v: unknown };
    return { columns: [row.status, row.ref, row.at], json: [read(fields.status).v, read(fields.ref).v, read(fields.at).v] };
  });
}

describe('filter columns', () => {
  it('hold what the JSON holds, after an insert and after an update, and lists filter by them', () => {
    const db = openDatabase(':memory:');
    const store = new ObjectStore(db);
    const types = Object.keys(FILTER_FIELDS);
    types.forEach((type, i) => store.insert(sampleOf(type, i), 'fa_1'));
    store.insert({ id: 'thing_1', object: 'thing', status: 'open' });
    const payment = store.get('treasury.outbound_payment_1')!;
    store.update({ ...payment, status: 'posted', customer: null });
    const rows = columnsAndJson(db);
    expect(rows).toHaveLength(types.length + 1);
    for (const row of rows) expect(row.columns).toEqual(row.json);
    // A type without filter columns leaves them empty; its filters read the JSON.
    expect(db.prepare(`SELECT status FROM objects WHERE id = 'thing_1'`).get()).toEqual({ status: null });
    expect(store.list('thing', { limit: 10, where: { status: 'open' } }).data.map((o) => o.id)).toEqual(['thing_1']);
    expect(store.list('treasury.outbound_payment', { limit: 10, owner: 'fa_1', where: { status: 'posted' } }).data).toHaveLength(1);
    expect(store.list('treasury.outbound_payment', { limit: 10, owner: 'fa_1', where: { customer: null } }).data).toHaveLength(1);
    db.close();
  });

  it('are filled from the JSON for the rows a database held before they existed', () => {
    const path = tempDb();
    const before = MIGRATIONS.findIndex((m) => m.name === '0016_filter_columns');
    const old = openDatabase(path, MIGRATIONS.slice(0, before));
    const insert = old.prepare('INSERT INTO objects (id, type, owner, created, data) VALUES (?, ?, ?, ?, ?)');
    Object.keys(FILTER_FIELDS).forEach((type, i) => {
      const obj = sampleOf(type, i);
      insert.run(obj.id, type, 'fa_1', obj.created, JSON.stringify(obj));
    });
    old.close();
    const db = openDatabase(path);
    const rows = columnsAndJson(db);
    expect(rows).toHaveLength(Object.keys(FILTER_FIELDS).length);
    for (const row of rows) {
      expect(row.columns).toEqual(row.json);
      expect(row.columns.some((v) => v !== null)).toBe(true);
    }
    db.close();
  });

  it('keep a settled treasury transaction final', () => {
    const db = openDatabase(':memory:');
    const store = new ObjectStore(db);
    store.insert({ id: 'trxn_1', object: 'treasury.transaction', status: 'open' }, 'fa_1');
    store.update({ id: 'trxn_1', object: 'treasury.transaction', status: 'posted' });
    expect(() => store.update({ id: 'trxn_1', object: 'treasury.transaction', status: 'open' })).toThrow(/cannot change/);
    db.close();
  });
});

describe('clock', () => {
  it('adds the advanced offset to real time and reports changes for persistence', () => {
    const seen: number[] = [];
    const clock = createClock({ realNowMs: () => 1_000_000, onChange: (o) => seen.push(o) });
    expect(clock.now()).toBe(1000);
    clock.advance(60);
    expect(clock.now()).toBe(1060);
    expect(seen).toEqual([60_000]);
  });
});

describe('native binding selection', () => {
  it('uses the package build under Node and the side-by-side build under Electron only when it exists', () => {
    expect(nativeBindingPath({ node: '20.0.0' } as unknown as NodeJS.ProcessVersions, '/nowhere')).toBeUndefined();
    expect(nativeBindingPath({ node: '20.0.0', electron: '45.5.0' } as unknown as NodeJS.ProcessVersions, '/nowhere')).toBeUndefined();
  });
});
