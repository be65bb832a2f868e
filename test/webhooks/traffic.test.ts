import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineCore } from '../../src/engine/context.js';
import { startServer, type TestServer } from '../support/server.js';
import { until } from '../support/until.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A receiver that answers 200 after holding each request `holdMs`, noting the most it held at once. */
async function slowReceiver(holdMs: number) {
  let open = 0;
  const seen = { most: 0, arrivals: [] as number[] };
  const server = createServer((req, res) => {
    open++;
    seen.most = Math.max(seen.most, open);
    seen.arrivals.push(performance.now());
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        open--;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }, holdMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, seen };
}

async function setup(settings: Record<string, unknown>): Promise<TestServer> {
  const server = await startServer({ settings: { webhookTimeoutMs: 5000, ...settings } });
  cleanups.push(() => server.close());
  return server;
}

/** Queues `n` events without an API request (so the traffic seen is only what the test makes). */
function emitMany(core: EngineCore, n: number): void {
  core.db.transaction(() => {
    for (let i = 0; i < n; i++) core.emitEvent('treasury.received_credit.created', { id: `rc_test${i}`, object: 'treasury.received_credit', created: core.clock.now() });
  })();
  core.wakeDeliveries();
}

describe('webhook attempts and API traffic', () => {
  it('take two places while API requests keep coming, still leave, and fill the pool of eight once the traffic pauses', async () => {
    // The window is long enough that the endpoint's creation counts as traffic for the whole first phase.
    const server = await setup({ webhookYieldMs: 60_000 });
    const receiver = await slowReceiver(80);
    await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    emitMany(server.engine.core, 30);
    await until(() => receiver.seen.arrivals.length >= 6, 'six attempts under traffic');
    expect(receiver.seen.most).toBe(2);

    // No more yielding (a control is not API traffic): the next look at the queue fills the pool.
    expect((await server.control('POST', '/settings', { webhookYieldMs: 0 })).status).toBe(200);
    await server.engine.drainWebhooks();
    expect(receiver.seen.arrivals).toHaveLength(30);
    expect(receiver.seen.most).toBe(8);
  });

  it('does not count an attempt sleeping out chaos latency against the share kept for traffic', async () => {
    const server = await setup({ webhookYieldMs: 60_000 });
    const receiver = await slowReceiver(0);
    const ep = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    expect((await server.control('POST', `/webhook_endpoints/${ep.id}/chaos`, { latency_ms: 400 })).status).toBe(200);
    emitMany(server.engine.core, 6);
    await server.engine.drainWebhooks();
    const times = receiver.seen.arrivals;
    expect(times).toHaveLength(6);
    // All six slept at once; two at a time would have come in three waves 400 ms apart.
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(300);
  });

  it('refuses a negative yield setting', async () => {
    const server = await setup({});
    const res = await server.control('POST', '/settings', { webhookYieldMs: -1 });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('webhookYieldMs');
    expect((await server.control('GET', '/settings')).body.webhookYieldMs).toBe(5);
  });
});
