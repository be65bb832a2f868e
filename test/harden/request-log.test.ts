import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChangeBus } from '../../src/engine/changes.js';
import { HELD_READS, RequestLog, STORED_BODY_LIMIT, type LoggedRequest } from '../../src/engine/http/request-log.js';
import { openDatabase } from '../../src/engine/store/db.js';
import { GroupCommit } from '../../src/engine/store/group-commit.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counterfoil-log-'));
  server = await startServer({ dbPath: join(dir, 'log.db'), settings: { requestLogMaxBytes: 2 * 1024 * 1024 } });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const hostile = (n: number) => `url=http://127.0.0.1:9/&enabled_events[]=*&junk=${'x'.repeat(n)}`;

/** The database file's size once every WAL frame is in it. The checkpointer's worker may be mid-checkpoint (busy), so ask again until one completes. */
async function dbBytes(): Promise<number> {
  const db = server.engine.core.db;
  for (let tries = 0; ; tries++) {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (row.busy === 0) break;
    if (tries > 200) throw new Error('the WAL could not be checkpointed');
    await new Promise((r) => setTimeout(r, 10));
  }
  return statSync(join(dir, 'log.db')).size;
}

describe('the request log under hostile bodies', () => {
  it('keeps at most 64 KB of a request’s params, marked truncated for the inspector', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', hostile(500_000));
    expect(res.status).toBe(400);
    server.engine.flushLog();
    const logged = await server.control('GET', `/dashboard/requests/${res.headers.get('request-id')}`);
    expect(logged.body.truncated).toEqual({ params: true, response: false });
    expect(typeof logged.body.params).toBe('string');
    expect(logged.body.params).toHaveLength(STORED_BODY_LIMIT);
    expect(logged.body.response).toMatchObject({ error: { code: 'parameter_unknown' } });
  });

  it('keeps small requests whole and unmarked', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints?limit=3');
    server.engine.flushLog();
    const logged = await server.control('GET', `/dashboard/requests/${res.headers.get('request-id')}`);
    expect(logged.body.truncated).toEqual({ params: false, response: false });
    expect(logged.body.params).toEqual({ limit: '3' });
  });

  it('stays within its byte budget, so the database file stops growing', async () => {
    const burst = async () => {
      for (let i = 0; i < 60; i++) await rawApi(server.url, 'POST', '/v1/webhook_endpoints', hostile(200_000));
      server.engine.flushLog();
    };
    await burst();
    const first = await dbBytes();
    // 60 truncated bodies of 64 KB are past the 2 MB budget: the file holds about the budget already.
    expect(first).toBeGreaterThan(1024 * 1024);
    for (let round = 0; round < 3; round++) await burst();
    const stored = server.engine.core.db.prepare('SELECT sum(bytes) AS n, count(*) AS c FROM request_log').get() as { n: number; c: number };
    expect(stored.n).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(stored.c).toBeGreaterThan(10);
    // 240 requests of 200 KB went in; the file holds about the budget, as after the first 60.
    const after = await dbBytes();
    expect(after).toBeLessThan(first * 1.25 + 256 * 1024);
    expect(after).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('the request log under a stream of reads', () => {
  const read = (i: number): LoggedRequest => ({
    id: `req_${i}`,
    atMs: i,
    method: 'GET',
    path: '/v1/events',
    status: 200,
    latencyMs: 1,
    idempotencyKey: null,
    params: {},
    response: '{"object":"list","data":[]}',
    objectId: null,
  });

  const write = (i: number): LoggedRequest => ({ ...read(i), method: 'POST', path: '/v1/webhook_endpoints' });
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  function logOnMemory() {
    const db = openDatabase(':memory:');
    const changes = new ChangeBus();
    const group = new GroupCommit(db);
    const log = new RequestLog(db, group, changes, () => 10_000, () => 1 << 30);
    const ids = () => (db.prepare('SELECT id FROM request_log ORDER BY seq').pluck().all() as string[]);
    return { db, changes, group, log, ids, close: () => (log.flush(), db.close()) };
  }

  it('with a dashboard following, holds a few reads’ rows for a later commit and commits a burst in the next turn', async () => {
    const t = logOnMemory();
    t.changes.follow(() => {});
    for (let i = 0; i < 10; i++) t.log.add(read(i));
    await nextTurn();
    // A handful waits (up to 100 ms) to ride a write's commit.
    expect(t.ids()).toHaveLength(0);
    // A burst is not held in memory that long: it is committed in the next turn.
    for (let i = 10; i < 200; i++) t.log.add(read(i));
    await nextTurn();
    expect(t.ids()).toHaveLength(200);
    await sleep(150);
    expect(t.log.readsNotKept).toBe(0);
    t.close();
  });

  it('with none following, reads wait for a pause of 100 ms, then are committed', async () => {
    // The sandbox's timers and clock, so the pauses are exact; setImmediate (the group commit) stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const t = logOnMemory();
      // Three bursts 60 ms apart: the stream never pauses for 100 ms.
      for (let i = 0; i < 300; i++) {
        if (i > 0 && i % 100 === 0) vi.advanceTimersByTime(60);
        t.log.add(read(i));
      }
      await nextTurn();
      expect(t.ids()).toHaveLength(0);
      // 99 ms after the last read, still nothing; at 100, the pause commits them.
      vi.advanceTimersByTime(99);
      await nextTurn();
      expect(t.ids()).toHaveLength(0);
      vi.advanceTimersByTime(1);
      await nextTurn();
      const ids = t.ids();
      expect(ids.length).toBeGreaterThanOrEqual(HELD_READS);
      expect(ids.length + t.log.readsNotKept).toBe(300);
      // What is kept is the newest of the stream, in order.
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => `req_${300 - ids.length + k}`));
      // A read after the pause is committed once the next pause has lasted 100 ms.
      t.log.add(read(300));
      vi.advanceTimersByTime(100);
      await nextTurn();
      expect(t.ids().at(-1)).toBe('req_300');
      t.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it(`an unbroken stream of reads keeps its newest ${HELD_READS}, and counts the rows it did not keep`, () => {
    const t = logOnMemory();
    for (let i = 0; i < 1000; i++) t.log.add(read(i));
    t.log.flush();
    const ids = t.ids();
    expect(ids.length).toBeGreaterThanOrEqual(HELD_READS);
    expect(ids.length).toBeLessThanOrEqual(HELD_READS * 1.25);
    expect(t.log.readsNotKept).toBe(1000 - ids.length);
    expect(ids.at(-1)).toBe('req_999');
    t.close();
  });

  it('a group of background work alone (webhook attempts) leaves reads’ rows waiting; the log’s own commit and a request’s write them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const t = logOnMemory();
      for (let i = 0; i < 5; i++) t.log.add(read(i));
      await t.group.run(() => undefined, { background: true });
      await t.group.run(() => undefined, { background: true });
      expect(t.ids()).toHaveLength(0);
      // The reads pause: the log asks for a commit, and the background work queued in the same
      // turn shares it; the rows go in with it.
      vi.advanceTimersByTime(100);
      await t.group.run(() => undefined, { background: true });
      expect(t.ids()).toHaveLength(5);
      // A request's work in a group of background work: the reads before it are written with it.
      t.log.add(read(5));
      await Promise.all([t.group.run(() => undefined, { background: true }), t.group.run(() => t.log.add(write(6)))]);
      expect(t.ids()).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => `req_${k}`));
      t.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a write commits the reads before it at the start of its transaction, so they come first', async () => {
    const t = logOnMemory();
    for (let i = 0; i < 5; i++) t.log.add(read(i));
    let seenByTheWrite = -1;
    await t.group.run(() => {
      // What a write that rewrites logged rows (an identity redaction) finds in the table.
      seenByTheWrite = t.ids().length;
      t.log.add(write(5));
    });
    expect(seenByTheWrite).toBe(5);
    expect(t.ids()).toEqual(['req_0', 'req_1', 'req_2', 'req_3', 'req_4', 'req_5']);
    t.close();
  });

  it('a reset forgets the reads waiting (they belong to the sandbox that went)', () => {
    const t = logOnMemory();
    for (let i = 0; i < 5; i++) t.log.add(read(i));
    t.changes.publish({ kind: 'reset' });
    t.log.add(read(5));
    t.log.flush();
    expect(t.ids()).toEqual(['req_5']);
    t.close();
  });
});
