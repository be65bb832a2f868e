import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, TEST_KEY, type TestServer } from '../support/server.js';
// @ts-expect-error: a plain .mjs bench script without types
import cases from '../../scripts/bench-cases/entitlements.mjs';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

test('entitlements bench cases: the set-up runs and every case answers 200', async () => {
  const list: { name: string; method: string; path: string; body?: string }[] = await cases({ url: s.url, key: TEST_KEY, token: s.engine.token });
  expect(list.map((c) => c.method).sort()).toEqual(['GET', 'GET', 'POST']);
  for (const c of list) {
    const res = await fetch(`${s.url}${c.path}`, {
      method: c.method,
      headers: { authorization: `Bearer ${TEST_KEY}`, ...(c.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: c.body,
    });
    expect(res.status, c.name).toBe(200);
  }
});
