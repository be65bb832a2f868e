import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawApi, startServer, type TestServer } from '../support/server.js';

// Two servers on one database file (two processes, as far as SQLite is concerned: two connections).
// What one commits, a request to the other made after the answer sees, however many requests
// the other serves from its cache of recent reads in the same turn.
describe('two servers on one database file', () => {
  let dir: string;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterfoil-shared-'));
    const dbPath = join(dir, 'sandbox.db');
    a = await startServer({ dbPath });
    b = await startServer({ dbPath });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answer a retrieve with what the other committed before it was sent', async () => {
    const created = await rawApi(a.url, 'POST', '/v1/webhook_endpoints', 'url=https://example.test/hook&enabled_events[]=*');
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    for (let round = 0; round < 5; round++) {
      // Several reads at once on the second server: they land in one turn and share its look.
      const before = await Promise.all(Array.from({ length: 8 }, () => rawApi(b.url, 'GET', `/v1/webhook_endpoints/${id}`)));
      for (const r of before) expect(r.body.description ?? null).toBe(round === 0 ? null : `round ${round - 1}`);
      const updated = await rawApi(a.url, 'POST', `/v1/webhook_endpoints/${id}`, `description=round+${round}`);
      expect(updated.status).toBe(200);
      const after = await Promise.all(Array.from({ length: 8 }, () => rawApi(b.url, 'GET', `/v1/webhook_endpoints/${id}`)));
      for (const r of after) expect(r.body.description).toBe(`round ${round}`);
    }
  });
});
