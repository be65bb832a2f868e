import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { expectMatchesSpec } from '../support/openapi.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startServer();
  stripe = server.stripe;
});
afterAll(() => server.close());

describe('webhook endpoints', () => {
  it('create returns the secret once; retrieve never does', async () => {
    const created = await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hook',
      enabled_events: ['treasury.outbound_payment.posted'],
      description: 'ops',
      metadata: { team: 'payments' },
    });
    expectMatchesSpec('POST', '/v1/webhook_endpoints', created);
    expect(created.id).toMatch(/^we_/);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.status).toBe('enabled');
    expect(created.livemode).toBe(false);
    const fetched = await stripe.webhookEndpoints.retrieve(created.id);
    expectMatchesSpec('GET', '/v1/webhook_endpoints/{webhook_endpoint}', fetched);
    expect(fetched.secret).toBeUndefined();
    expect(fetched.metadata).toEqual({ team: 'payments' });
  });

  it('update changes url, events, status, description and merges metadata', async () => {
    const ep = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/a', enabled_events: ['*'], metadata: { a: '1', b: '2' } });
    const updated = await stripe.webhookEndpoints.update(ep.id, {
      url: 'http://127.0.0.1:9/b',
      enabled_events: ['treasury.received_credit.succeeded'],
      disabled: true,
      description: 'changed',
      metadata: { a: '', c: '3' },
    });
    expectMatchesSpec('POST', '/v1/webhook_endpoints/{webhook_endpoint}', updated);
    expect(updated).toMatchObject({
      url: 'http://127.0.0.1:9/b',
      enabled_events: ['treasury.received_credit.succeeded'],
      status: 'disabled',
      description: 'changed',
      metadata: { b: '2', c: '3' },
    });
    const cleared = await stripe.webhookEndpoints.update(ep.id, { description: '', metadata: '', disabled: false });
    expect(cleared).toMatchObject({ description: null, metadata: {}, status: 'enabled' });
  });

  it('delete returns the deleted stub and the endpoint is gone', async () => {
    const ep = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/d', enabled_events: ['*'] });
    const deleted = await stripe.webhookEndpoints.del(ep.id);
    expectMatchesSpec('DELETE', '/v1/webhook_endpoints/{webhook_endpoint}', deleted);
    expect(deleted).toMatchObject({ id: ep.id, object: 'webhook_endpoint', deleted: true });
    const err = await stripe.webhookEndpoints.retrieve(ep.id).catch((e) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
    expect(err.param).toBe('id');
    expect(err.message).toBe(`No such webhook endpoint: '${ep.id}'`);
  });

  it('takes every Stripe event type, refuses names that are none, and refuses malformed URLs', async () => {
    const canonical = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/x', enabled_events: ['charge.failed', 'charge.succeeded'] });
    expect(canonical.enabled_events).toEqual(['charge.failed', 'charge.succeeded']);
    const bad = await stripe.webhookEndpoints
      .create({ url: 'http://127.0.0.1:9/x', enabled_events: ['*', 'charge.succeded' as never] })
      .catch((e) => e);
    expect(bad.statusCode).toBe(400);
    expect(bad.param).toBe('enabled_events[1]');
    const url = await stripe.webhookEndpoints.create({ url: 'not a url', enabled_events: ['*'] }).catch((e) => e);
    expect(url.statusCode).toBe(400);
    expect(url.param).toBe('url');
  });
});

describe('webhook endpoint pagination', () => {
  it('pages through 250 endpoints in pages of 10, both directions, each exactly once', async () => {
    const local = await startServer();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 250; i++) {
        ids.push((await local.stripe.webhookEndpoints.create({ url: `http://127.0.0.1:9/${i}`, enabled_events: ['*'] })).id);
      }
      const newestFirst = [...ids].reverse();
      const forward: string[] = [];
      let page = await local.stripe.webhookEndpoints.list({ limit: 10 });
      expectMatchesSpec('GET', '/v1/webhook_endpoints', page);
      expect(page.url).toBe('/v1/webhook_endpoints');
      forward.push(...page.data.map((e) => e.id));
      while (page.has_more) {
        page = await local.stripe.webhookEndpoints.list({ limit: 10, starting_after: page.data.at(-1)!.id });
        forward.push(...page.data.map((e) => e.id));
      }
      expect(forward).toEqual(newestFirst);

      const backward: string[] = [];
      page = await local.stripe.webhookEndpoints.list({ limit: 10, ending_before: ids[0] });
      backward.unshift(...page.data.map((e) => e.id));
      while (page.has_more) {
        page = await local.stripe.webhookEndpoints.list({ limit: 10, ending_before: page.data[0].id });
        backward.unshift(...page.data.map((e) => e.id));
      }
      expect(backward).toEqual(newestFirst.slice(0, 249));

      const all: string[] = [];
      for await (const ep of local.stripe.webhookEndpoints.list({ limit: 100 })) all.push(ep.id);
      expect(all).toEqual(newestFirst);
    } finally {
      await local.close();
    }
  });
});
