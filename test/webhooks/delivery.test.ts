import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineCore } from '../../src/engine/context.js';
import { createEngine } from '../../src/engine/engine.js';
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

  it('a burst goes out through a bounded pool: each delivery exactly once, nothing left in flight', async () => {
    const { server } = await setup();
    let open = 0;
    let peak = 0;
    const seen = new Map<string, number>();
    const receiver = createServer((req, res) => {
      open++;
      peak = Math.max(peak, open);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = `${req.url} ${JSON.parse(body).id}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        // Answer a little later, so attempts overlap and the pool fills.
        setTimeout(() => {
          open--;
          res.writeHead(200).end('{}');
        }, 2);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => { receiver.closeAllConnections(); receiver.close(() => r()); }));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    await server.stripe.webhookEndpoints.create({ url: `${base}/a`, enabled_events: ['*'] });
    await server.stripe.webhookEndpoints.create({ url: `${base}/b`, enabled_events: ['*'] });
    const core = server.engine.core;
    const ids = core.db.transaction(() => Array.from({ length: 150 }, (_, i) => emit(core, 'treasury.received_credit.succeeded', `rc_${i}`)))();
    await server.engine.drainWebhooks();
    expect(seen.size).toBe(300);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) expect(seen.get(`/a ${id}`)).toBe(1);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
    const db = core.db;
    expect(db.prepare('SELECT count(*) AS n FROM delivery_attempts_in_flight').get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT status, count(*) AS n FROM deliveries GROUP BY status`).all()).toEqual([{ status: 'succeeded', n: 300 }]);
    expect(db.prepare(`SELECT count(*) AS n FROM objects WHERE type = 'event' AND json_extract(data, '$.pending_webhooks') != 0`).get()).toEqual({ n: 0 });
  });

  it('takes due deliveries from the pending index, without sorting what is due', () => {
    const db = createEngine({ dbPath: ':memory:', port: 0, token: 't' }).core.db;
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, created_ms LIMIT ?`)
      .all(0, 16) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX deliveries_pending/);
    expect(plan.map((p) => p.detail).join('; ')).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('a receiver that drops kept-alive connections between attempts gets every attempt, none recorded as failed', async () => {
    const { server } = await setup();
    let count = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        count++;
        res.writeHead(200).end('{}');
      });
    });
    // Idle connections are closed almost at once, racing the next attempt's reuse of them.
    receiver.keepAliveTimeout = 1;
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => { receiver.closeAllConnections(); receiver.close(() => r()); }));
    await server.stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/h`, enabled_events: ['*'] });
    for (let i = 0; i < 20; i++) {
      emit(server.engine.core, 'treasury.received_credit.succeeded', `rc_${i}`);
      await server.engine.drainWebhooks();
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(count).toBe(20);
    const failed = server.engine.core.db.prepare('SELECT count(*) AS n FROM delivery_attempts WHERE error IS NOT NULL').get();
    expect(failed).toEqual({ n: 0 });
  });

  it('records a receiver that does not answer in time as timed out, and retries it', async () => {
    const { server } = await setup({ webhookTimeoutMs: 150, webhookRetrySchedule: [60] });
    const receiver = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => { receiver.closeAllConnections(); receiver.close(() => r()); }));
    await server.stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slow`, enabled_events: ['*'] });
    emit(server.engine.core, 'treasury.received_credit.succeeded');
    const started = performance.now();
    await server.engine.drainWebhooks();
    expect(performance.now() - started).toBeLessThan(5_000);
    const attempts = server.engine.core.db.prepare('SELECT response_status, error FROM delivery_attempts').all();
    expect(attempts).toEqual([{ response_status: null, error: 'timed out after 150 ms' }]);
    expect(server.engine.core.db.prepare('SELECT status, attempt_count FROM deliveries').all()).toEqual([{ status: 'pending', attempt_count: 1 }]);
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
