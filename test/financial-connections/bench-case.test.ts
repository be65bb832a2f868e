import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../support/server.js';
import { startFc, type FcServer } from './support.js';

let fc: FcServer;
beforeAll(async () => {
  fc = await startFc();
});
afterAll(() => fc.close());

describe('financial connections bench case', () => {
  it('sets up through the HTTP API and every request it names answers 200', async () => {
    const file: string = '../../scripts/bench-cases/financial-connections.mjs';
    const { default: cases } = (await import(file)) as { default: (o: { url: string; key: string; token: string }) => Promise<unknown> };
    const list = (await cases({ url: fc.url, key: TEST_KEY, token: fc.engine.token })) as { name: string; method: string; path: string; body?: string }[];
    expect(list.map((c) => c.name)).toEqual(['fc session create', 'fc session retrieve', 'fc account retrieve', 'fc account list']);
    for (const c of list) {
      const res = await fetch(`${fc.url}${c.path}`, {
        method: c.method,
        headers: { authorization: `Bearer ${TEST_KEY}`, ...(c.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: c.body,
      });
      expect(res.status, c.name).toBe(200);
    }
  });
});
