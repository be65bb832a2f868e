import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryDetail, DeliverySummary, EventTypeCatalog, Paged, WebhookEndpointSummary } from '../../src/shared/dashboard-api.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let receiver: Receiver;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
});

async function setup() {
  server = await startServer();
  receiver = await startReceiver();
  const ep = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  return { ep };
}

const deliveries = async (query: string) => (await server.control<Paged<DeliverySummary>>('GET', `/dashboard/deliveries?${query}`)).body;

describe('dashboard API: webhook endpoints', () => {
  it('the signing secret is retrievable from the dashboard API but never from the public API', async () => {
    const { ep } = await setup();
    const shown = await server.control<{ secret: string }>('GET', `/dashboard/webhook_endpoints/${ep.id}/secret`);
    expect(shown.body.secret).toBe(ep.secret);
    const retrieved = await server.stripe.webhookEndpoints.retrieve(ep.id);
    expect(retrieved.secret).toBeUndefined();
    const listed = await server.stripe.webhookEndpoints.list();
    expect(JSON.stringify(listed)).not.toContain(ep.secret!);
    // Without the token, the dashboard API refuses.
    const res = await fetch(`${server.url}/_counterfoil/dashboard/webhook_endpoints/${ep.id}/secret`);
    expect(res.status).toBe(401);
    expect((await server.control('GET', '/dashboard/webhook_endpoints/we_missing/secret')).status).toBe(404);
  });

  it('lists endpoints with their delivery outcomes', async () => {
    const { ep } = await setup();
    const fa = await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} });
    await server.engine.drainWebhooks();
    const list = (await server.control<{ data: WebhookEndpointSummary[] }>('GET', '/dashboard/webhook_endpoints')).body.data;
    expect(list).toHaveLength(1);
    expect(list[0].endpoint.id).toBe(ep.id);
    expect(list[0].deliveries.succeeded).toBeGreaterThan(0);
    expect(list[0].deliveries.failed).toBe(0);
    expect(fa.id).toMatch(/^fa_/);
  });

  it('the event type catalog holds every enabled_events value of the description and marks what the sandbox emits', async () => {
    server = await startServer();
    const { accepted, emitted } = (await server.control<EventTypeCatalog>('GET', '/dashboard/event_types')).body;
    expect(accepted).toContain('charge.succeeded');
    expect(accepted).toContain('treasury.outbound_payment.posted');
    expect(accepted).not.toContain('*');
    expect(emitted).toContain('treasury.outbound_payment.posted');
    expect(emitted).not.toContain('charge.succeeded');
    for (const t of emitted) expect(accepted).toContain(t);
  });
});

describe('test events', () => {
  it('a posted test carries a posted object made for the test, goes to that endpoint only, and touches no real history', async () => {
    const { ep } = await setup();
    const other = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const fa = await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} });
    await server.engine.drainWebhooks();
    receiver.received.length = 0;
    const sent = await server.control<Stripe.Event>('POST', `/webhook_endpoints/${ep.id}/test`, { type: 'treasury.outbound_payment.posted' });
    expect(sent.status).toBe(200);
    await server.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(1);
    const event = Stripe.webhooks.constructEvent(receiver.received[0].body, receiver.received[0].headers['stripe-signature'] as string, ep.secret!);
    const object = event.data.object as Stripe.Treasury.OutboundPayment;
    expect(object.object).toBe('treasury.outbound_payment');
    expect(object.status).toBe('posted');
    expect(object.status_transitions.posted_at).toBe(event.created);
    expect(object.id).toMatch(/^obp_test/);
    // No real object gained an event, and the object is not stored.
    const faDetail = (await server.control<{ events: { id: string }[] }>('GET', `/dashboard/objects/${fa.id}`)).body;
    expect(faDetail.events.map((e) => e.id)).not.toContain(event.id);
    expect((await server.control('GET', `/dashboard/objects/${object.id}`)).status).toBe(404);
    // The delivery is marked as a test and went to the chosen endpoint only.
    const rows = (await deliveries(`event=${event.id}`)).data;
    expect(rows.map((d) => [d.endpoint_id, d.origin])).toEqual([[ep.id, 'test']]);
    expect(other.id).not.toBe(ep.id);
  });

  it('each verb gives the state it implies, and an unknown type is refused', async () => {
    const { ep } = await setup();
    const cases: [string, string][] = [
      ['treasury.outbound_payment.created', 'processing'],
      ['treasury.outbound_payment.returned', 'returned'],
      ['treasury.received_credit.failed', 'failed'],
      ['treasury.debit_reversal.completed', 'succeeded'],
      ['treasury.financial_account.closed', 'closed'],
      ['identity.verification_session.verified', 'verified'],
    ];
    for (const [type, status] of cases) {
      const sent = await server.control<Stripe.Event>('POST', `/webhook_endpoints/${ep.id}/test`, { type });
      expect([type, (sent.body.data.object as { status: string }).status]).toEqual([type, status]);
    }
    const bad = await server.control<{ error: { param: string } }>('POST', `/webhook_endpoints/${ep.id}/test`, { type: 'nope.nothing' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('type');
  });
});

describe('dashboard API: deliveries', () => {
  it('marks resends, filters by endpoint, and searches with Stripe wildcards and object ids', async () => {
    const { ep } = await setup();
    const other = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['treasury.financial_account.created'] });
    const fa = await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} });
    await server.engine.drainWebhooks();
    const created = (await deliveries(`q=treasury.financial_account.created&endpoint=${ep.id}`)).data[0];
    const resent = await server.control<{ delivery: string }>('POST', `/events/${created.event_id}/resend`, { endpoint: ep.id });
    await server.engine.drainWebhooks();
    const byEndpoint = (await deliveries(`endpoint=${ep.id}`)).data;
    expect(byEndpoint.every((d) => d.endpoint_id === ep.id)).toBe(true);
    expect(byEndpoint.find((d) => d.id === resent.body.delivery)?.origin).toBe('resend');
    expect(byEndpoint.find((d) => d.id === created.id)?.origin).toBe('event');
    expect((await deliveries(`endpoint=${other.id}`)).data.map((d) => d.event_type)).toEqual(['treasury.financial_account.created']);
    const wild = (await deliveries('q=treasury.financial_account.*')).data;
    expect(wild.length).toBeGreaterThan(0);
    expect(wild.every((d) => d.event_type!.startsWith('treasury.financial_account.'))).toBe(true);
    expect((await deliveries('q=treasury.outbound_payment.*')).data).toEqual([]);
    const byObject = (await deliveries(`q=${fa.id}`)).data;
    expect(byObject.length).toBeGreaterThanOrEqual(3);
    const detail = (await server.control<DeliveryDetail>('GET', `/dashboard/deliveries/${created.id}`)).body;
    expect(detail.attempts[0].verdict.verified).toBe(true);
  });
});

describe('dashboard API: request log', () => {
  it('logs unknown URLs, marks idempotent replays, and keeps headers with the key masked', async () => {
    server = await startServer();
    const unknown = await rawApi(server.url, 'GET', '/v1/treasury/outbond_payments');
    expect(unknown.status).toBe(404);
    const form = 'supported_currencies[]=usd';
    await rawApi(server.url, 'POST', '/v1/treasury/financial_accounts', form, { 'idempotency-key': 'k-1' });
    const replay = await rawApi(server.url, 'POST', '/v1/treasury/financial_accounts', form, { 'idempotency-key': 'k-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await rawApi(server.url, 'POST', '/v1/treasury/financial_accounts', 'supported_currencies[]=zzz');
    server.engine.flushLog();
    const list = (await server.control<Paged<{ id: string; path: string; status: number; replayed: boolean }>>('GET', '/dashboard/requests')).body.data;
    expect(list.map((r) => [r.path, r.status, r.replayed])).toEqual([
      ['/v1/treasury/financial_accounts', 400, false],
      ['/v1/treasury/financial_accounts', 200, true],
      ['/v1/treasury/financial_accounts', 200, false],
      ['/v1/treasury/outbond_payments', 404, false],
    ]);
    const detail = (
      await server.control<{ request_headers: Record<string, string>; response_headers: Record<string, string> }>('GET', `/dashboard/requests/${list[1].id}`)
    ).body;
    expect(detail.request_headers.authorization).toMatch(/^Bearer sk_test_\*+foil$/);
    expect(detail.request_headers['idempotency-key']).toBe('k-1');
    expect(detail.response_headers['idempotent-replayed']).toBe('true');
    const notFound = (await server.control<{ request_headers: Record<string, string> }>('GET', `/dashboard/requests/${list[3].id}`)).body;
    expect(notFound.request_headers.authorization).not.toContain('counter');
    // A stray browser request is not an API request.
    await fetch(`${server.url}/favicon.ico`);
    server.engine.flushLog();
    expect((await server.control<Paged<unknown>>('GET', '/dashboard/requests')).body.total).toBe(4);
  });

  it('insufficient funds quotes the amounts as money', async () => {
    server = await startServer();
    const fa = await server.stripe.treasury.financialAccounts.create({
      supported_currencies: ['usd'],
      features: { outbound_payments: { ach: { requested: true } } },
    });
    const err = await server.stripe.treasury.outboundPayments
      .create({
        financial_account: fa.id,
        amount: 32500,
        currency: 'usd',
        destination_payment_method_data: { type: 'us_bank_account', us_bank_account: { routing_number: '110000000', account_number: '000123456789' } },
      })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((err as Stripe.errors.StripeError).message).toContain('needs $325.00');
    expect((err as Stripe.errors.StripeError).message).toContain('has $0.00 in cash');
  });
});
