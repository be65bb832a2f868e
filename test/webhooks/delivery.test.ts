import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineCore } from '../../src/engine/context.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startServer, type TestServer } from '../support/server.js';
import { expectMatchesSpec, expectObjectMatchesSchema } from '../support/openapi.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(settings = {}, dbPath = ':memory:'): Promise<{ server: TestServer; receiver: Receiver }> {
  const server = await startServer({ dbPath, settings: { webhookTimeoutMs: 2000, ...settings } });
  const receiver = await startReceiver();
  cleanups.push(() => receiver.close(), () => server.close());
  return { server, receiver };
}

/** Emits an event the way a resource does, inside a transaction. */
function emit(core: EngineCore, type: string, id = 'fa_test'): string {
  return core.db.transaction(() =>
    core.emitEvent(type, { id, object: type.split('.').slice(0, -1).join('.'), created: core.clock.now() }),
  )().id;
}

describe('webhook delivery', () => {
  it('delivers to matching enabled endpoints with a signature constructEvent accepts', async () => {
    const { server, receiver } = await setup();
    const ep = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['treasury.financial_account.created'] });
    await server.stripe.webhookEndpoints.create({ url: receiver.url + '?other', enabled_events: ['treasury.received_credit.failed'] });
    const eventId = emit(server.engine.core, 'treasury.financial_account.created');
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    const event = server.stripe.webhooks.constructEvent(got.body, got.headers['stripe-signature'] as string, ep.secret!);
    expect(event.id).toBe(eventId);
    expect(event.type).toBe('treasury.financial_account.created');
    expectObjectMatchesSchema('event', event);
    const stored = await server.stripe.events.retrieve(eventId);
    expectMatchesSpec('GET', '/v1/events/{id}', stored);
    expect(stored.pending_webhooks).toBe(0);
  });

  it('retries a failing endpoint on the sandbox clock until it recovers', async () => {
    const { server, receiver } = await setup({ webhookRetrySchedule: [60, 600] });
    await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    receiver.respondWith(500);
    const eventId = emit(server.engine.core, 'treasury.received_credit.succeeded');
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    // Not due yet: nothing more is sent.
    await server.control('POST', '/clock/advance', { seconds: 30 });
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    await server.control('POST', '/clock/advance', { seconds: 31 });
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(2);
    receiver.respondWith(200);
    const jump = await server.control('POST', '/clock/advance', { to_next: true });
    expect(jump.status).toBe(200);
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(3);
    const attempts = server.engine.core.db
      .prepare('SELECT response_status FROM delivery_attempts WHERE event_id = ? ORDER BY seq')
      .all(eventId) as { response_status: number }[];
    expect(attempts.map((a) => a.response_status)).toEqual([500, 500, 200]);
    expect((await server.stripe.events.retrieve(eventId)).pending_webhooks).toBe(0);
  });

  it('gives up after the last retry and records a refused connection as an error', async () => {
    const { server } = await setup({ webhookRetrySchedule: [10] });
    await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/closed', enabled_events: ['*'] });
    emit(server.engine.core, 'treasury.received_credit.succeeded');
    await server.engine.drainWebhooks();
    await server.control('POST', '/clock/advance', { seconds: 10 });
    await server.engine.drainWebhooks();
    const rows = server.engine.core.db.prepare('SELECT status, attempt_count FROM deliveries').all();
    expect(rows).toEqual([{ status: 'failed', attempt_count: 2 }]);
    const errors = server.engine.core.db.prepare('SELECT error FROM delivery_attempts').all() as { error: string }[];
    expect(errors.every((e) => e.error && e.error.length > 0)).toBe(true);
  });

  it('a disabled or deleted endpoint gets nothing more', async () => {
    const { server, receiver } = await setup({ webhookRetrySchedule: [60] });
    const a = await server.stripe.webhookEndpoints.create({ url: receiver.url + '?a', enabled_events: ['*'] });
    const b = await server.stripe.webhookEndpoints.create({ url: receiver.url + '?b', enabled_events: ['*'] });
    receiver.respondWith(500);
    emit(server.engine.core, 'treasury.received_credit.succeeded');
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(2);
    await server.stripe.webhookEndpoints.update(a.id, { disabled: true });
    await server.stripe.webhookEndpoints.del(b.id);
    await server.control('POST', '/clock/advance', { seconds: 3600 });
    emit(server.engine.core, 'treasury.received_credit.succeeded');
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(2);
  });

  it('a restart mid-queue loses nothing and resends nothing that had succeeded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'sandbox.db');
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const first = await startServer({ dbPath, settings: { webhookRetrySchedule: [60] } });
    const ok = await first.stripe.webhookEndpoints.create({ url: receiver.url + '?ok', enabled_events: ['*'] });
    emit(first.engine.core, 'treasury.received_credit.succeeded');
    await first.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    // A second endpoint that fails now, and a retry still queued when the server stops.
    const flaky = await first.stripe.webhookEndpoints.create({ url: receiver.url + '?flaky', enabled_events: ['*'] });
    receiver.respondWith(503);
    emit(first.engine.core, 'treasury.received_credit.failed');
    await first.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(3);
    await first.close();

    receiver.respondWith(200);
    const second = await startServer({ dbPath, settings: { webhookRetrySchedule: [60] } });
    cleanups.push(() => second.close());
    await second.control('POST', '/clock/advance', { seconds: 61 });
    await second.engine.drainWebhooks();
    // The delivered event went out once; both failed attempts of the second were retried once.
    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(types).toEqual([
      'treasury.received_credit.succeeded',
      'treasury.received_credit.failed',
      'treasury.received_credit.failed',
      'treasury.received_credit.failed',
      'treasury.received_credit.failed',
    ]);
    const pending = second.engine.core.db.prepare(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`).get();
    expect(pending).toEqual({ n: 0 });
    expect([ok.id, flaky.id]).toHaveLength(2);
  });

  it('send test webhook and resend reach the endpoint, signed', async () => {
    const { server, receiver } = await setup();
    const ep = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['treasury.outbound_payment.posted'] });
    const test = await server.control('POST', `/webhook_endpoints/${ep.id}/test`, { type: 'treasury.outbound_payment.posted' });
    expect(test.status).toBe(200);
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    const resend = await server.control('POST', `/events/${test.body.id}/resend`, { endpoint: ep.id });
    expect(resend.status).toBe(200);
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      expect(() => Stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, ep.secret!)).not.toThrow();
    }
  });
});

describe('events API', () => {
  it('lists events newest first with type, types, wildcard, created and delivery_success filters', async () => {
    const { server } = await setup();
    const core = server.engine.core;
    const a = emit(core, 'treasury.outbound_payment.posted');
    await server.control('POST', '/clock/advance', { seconds: 100 });
    const b = emit(core, 'treasury.outbound_payment.failed');
    const c = emit(core, 'treasury.received_credit.succeeded');
    const all = await server.stripe.events.list();
    expectMatchesSpec('GET', '/v1/events', all);
    expect(all.data.map((e) => e.id)).toEqual([c, b, a]);
    expect((await server.stripe.events.list({ type: 'treasury.outbound_payment.posted' })).data.map((e) => e.id)).toEqual([a]);
    expect((await server.stripe.events.list({ type: 'treasury.outbound_payment.*' })).data.map((e) => e.id)).toEqual([b, a]);
    expect(
      (await server.stripe.events.list({ types: ['treasury.received_credit.succeeded', 'treasury.outbound_payment.posted'] })).data.map((e) => e.id),
    ).toEqual([c, a]);
    const created = (await server.stripe.events.retrieve(a)).created;
    expect((await server.stripe.events.list({ created: { gt: created } })).data.map((e) => e.id)).toEqual([c, b]);
    expect((await server.stripe.events.list({ delivery_success: true })).data).toHaveLength(3);
    expect((await server.stripe.events.list({ delivery_success: false })).data).toHaveLength(0);
    const missing = await server.stripe.events.retrieve('evt_nope').catch((e) => e);
    expect(missing.statusCode).toBe(404);
  });
});
