import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_KEY, type TestServer } from '../support/server.js';

type BenchCase = { name: string; method: string; path: string; body?: string };
type Cases = (o: { url: string; key: string; token: string }) => Promise<BenchCase[]>;

const DIR = join(import.meta.dirname, '..', '..', 'scripts', 'bench-cases');
// Reporting's set-up seeds 100,000 entries to time a report: a bench's job, not a test's.
const HEAVY = new Set(['reporting.mjs']);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.mjs') && !HEAVY.has(f));

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('the bench cases of every group', () => {
  it.each(FILES)('%s sets up through the HTTP API and every request it names answers 200', async (file) => {
    const { default: cases } = (await import(join(DIR, file))) as { default: Cases };
    const list = await cases({ url: s.url, key: TEST_KEY, token: s.engine.token });
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) {
      const res = await fetch(`${s.url}${c.path}`, {
        method: c.method,
        headers: { authorization: `Bearer ${TEST_KEY}`, ...(c.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: c.body,
      });
      expect(res.status, `${file}: ${c.name}`).toBe(200);
    }
  });
});
