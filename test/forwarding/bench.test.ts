import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations.
import { runForwardingBench } from '../../scripts/bench-forwarding.mjs';
import { startServer, TEST_KEY, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('forwarding bench', () => {
  it('measures direct and forwarded latency on loopback and cleans up its config', async () => {
    const result = await runForwardingBench({ baseUrl: server.url, apiKey: TEST_KEY, token: server.engine.token, requests: 60, warmup: 10 });
    console.log('forwarding bench (in-process, small sample):', JSON.stringify(result));
    expect(result.requests).toBe(60);
    for (const key of ['direct_ms', 'forwarded_ms', 'overhead_ms']) {
      expect(Number.isFinite(result[key].median)).toBe(true);
      expect(Number.isFinite(result[key].p99)).toBe(true);
    }
    expect(result.forwarded_ms.median).toBeGreaterThan(0);
    const configs = await server.control('GET', '/forwarding/configs');
    expect(configs.body.data).toEqual([]);
  });

  it('refuses a non-loopback base URL', async () => {
    await expect(runForwardingBench({ baseUrl: 'http://example.com', token: 'x' })).rejects.toThrow(/loopback/);
  });
});
