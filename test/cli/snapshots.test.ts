import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/engine/store/db.js';
import { MIGRATIONS } from '../../src/engine/store/migrations/index.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counterfoil-snap-'));
  s = await startServer({ dbPath: join(dir, 'sandbox.db') });
  mkdirSync(join(dir, 'snapshots'), { recursive: true });
});
afterAll(() => s.close());

describe('snapshot schemas', () => {
  it('migrates a snapshot written by an older schema on load', async () => {
    const old = openDatabase(join(dir, 'snapshots', 'old.db'), MIGRATIONS.slice(0, -1));
    old.prepare(`INSERT INTO objects (id, type, owner, created, data) VALUES (?, 'webhook_endpoint', NULL, 1767225600, ?)`).run(
      'we_fromoldschema',
      JSON.stringify({ id: 'we_fromoldschema', object: 'webhook_endpoint', url: 'http://127.0.0.1:1/', enabled_events: ['*'], status: 'enabled', metadata: {}, livemode: false, created: 1767225600 }),
    );
    old.close();
    const loaded = await s.control('POST', '/snapshots/old/load');
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    expect(loaded.body).toMatchObject({ name: 'old', objects: 1, migrated: true });
    expect((await s.stripe.webhookEndpoints.retrieve('we_fromoldschema')).url).toBe('http://127.0.0.1:1/');
    // The running sandbox's schema is the current one still: the chaos control works.
    expect((await s.control('POST', '/webhook_endpoints/we_fromoldschema/chaos', { duplicate: true })).status).toBe(200);
  });

  it('refuses a snapshot from a newer version and keeps the current state', async () => {
    await s.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'] });
    expect((await s.control('POST', '/snapshots', { name: 'base' })).status).toBe(200);
    copyFileSync(join(dir, 'snapshots', 'base.db'), join(dir, 'snapshots', 'newer.db'));
    const newer = openDatabase(join(dir, 'snapshots', 'newer.db'));
    newer.prepare(`INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (999, '0999_future', 'x', 'now')`).run();
    newer.close();
    const before = (await s.stripe.treasury.financialAccounts.list()).data.map((f) => f.id);
    const r = await s.control('POST', '/snapshots/newer/load');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Snapshot newer was refused: This database was written by a newer version of Counterfoil.*The current sandbox is unchanged/);
    expect((await s.stripe.treasury.financialAccounts.list()).data.map((f) => f.id)).toEqual(before);
  });

  it('resumes the sandbox clock at the moment the snapshot was saved', async () => {
    expect((await s.control('POST', '/snapshots', { name: 'clock' })).status).toBe(200);
    const savedAt = (await s.control('GET', '/clock')).body.now as number;
    await s.control('POST', '/clock/advance', { seconds: 5 * 86400 });
    const r = await s.control('POST', '/snapshots/clock/load');
    expect(Math.abs(r.body.now - savedAt)).toBeLessThanOrEqual(2);
  });

  it('a load answers with the snapshot objects, not with what was read before it', async () => {
    const we = await s.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:1/saved', enabled_events: ['*'] });
    expect((await s.control('POST', '/snapshots', { name: 'reads' })).status).toBe(200);
    await s.stripe.webhookEndpoints.update(we.id, { url: 'http://127.0.0.1:1/changed' });
    expect((await s.stripe.webhookEndpoints.retrieve(we.id)).url).toBe('http://127.0.0.1:1/changed');
    expect((await s.control('POST', '/snapshots/reads/load')).status).toBe(200);
    expect((await s.stripe.webhookEndpoints.retrieve(we.id)).url).toBe('http://127.0.0.1:1/saved');
  });

  it('an in-memory sandbox says it keeps no snapshots', async () => {
    const mem = await startServer();
    try {
      const r = await mem.control('POST', '/snapshots', { name: 'x' });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/runs in memory and keeps no snapshots/);
    } finally {
      await mem.close();
    }
  });
});
