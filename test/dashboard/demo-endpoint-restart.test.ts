import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ENDPOINT_METADATA } from '../../src/engine/dashboard/demo-story.js';
import { startServer, type TestServer } from '../support/server.js';

const DEAD = 'http://127.0.0.1:9/gone';

describe("the demo's webhook endpoint across a restart", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function onFile(dbPath: string): Promise<TestServer> {
    const server = await startServer({ dbPath });
    cleanups.push(() => server.close());
    return server;
  }

  it('points at a receiver of the new process, and its deliveries succeed; other endpoints keep their url', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'sandbox.db');
    const first = await onFile(dbPath);
    const marker = { [DEMO_ENDPOINT_METADATA.key]: DEMO_ENDPOINT_METADATA.value };
    const demo = await first.stripe.webhookEndpoints.create({ url: DEAD, enabled_events: ['*'], metadata: marker });
    const other = await first.stripe.webhookEndpoints.create({ url: DEAD, enabled_events: ['*'], metadata: { [DEMO_ENDPOINT_METADATA.key]: 'another' } });
    // A marker given after the create counts too, and one taken away no longer does.
    const later = await first.stripe.webhookEndpoints.create({ url: DEAD, enabled_events: ['*'] });
    await first.stripe.webhookEndpoints.update(later.id, { metadata: marker });
    const dropped = await first.stripe.webhookEndpoints.create({ url: DEAD, enabled_events: ['*'], metadata: marker });
    await first.stripe.webhookEndpoints.update(dropped.id, { metadata: { [DEMO_ENDPOINT_METADATA.key]: '' } });
    await first.close();

    const second = await onFile(dbPath);
    const revived = await second.stripe.webhookEndpoints.retrieve(demo.id);
    expect(revived.url).not.toBe(DEAD);
    expect((await second.stripe.webhookEndpoints.retrieve(later.id)).url).toBe(revived.url);
    expect((await second.stripe.webhookEndpoints.retrieve(other.id)).url).toBe(DEAD);
    expect((await second.stripe.webhookEndpoints.retrieve(dropped.id)).url).toBe(DEAD);

    await second.stripe.webhookEndpoints.update(other.id, { disabled: true });
    await second.stripe.webhookEndpoints.update(dropped.id, { disabled: true });
    await second.control('POST', `/webhook_endpoints/${demo.id}/test`, { type: 'treasury.outbound_payment.posted' });
    await second.engine.drainWebhooks();
    const statuses = second.engine.core.db.prepare('SELECT status FROM deliveries WHERE endpoint_id = ?').pluck().all(demo.id);
    expect(statuses).toEqual(['succeeded']);
  });
});
