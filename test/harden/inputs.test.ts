import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAmounts } from '../../src/engine/http/amounts.js';
import { StripeError } from '../../src/engine/errors.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let fa: string;
beforeAll(async () => {
  server = await startServer();
  fa = (await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: { financial_addresses: { aba: { requested: true } } } })).id;
});
afterAll(() => server.close());

const api = (method: string, path: string, form?: string, headers?: Record<string, string>) => rawApi(server.url, method, path, form, headers);

describe('Stripe-Version', () => {
  it.each(['2099-99-99', '2099-01-01', '2024-13-01', 'latest', '2024-04-10.nope', '2024-04-10; evil'])('refuses %s as an invalid version', async (v) => {
    const res = await api('GET', '/v1/webhook_endpoints', undefined, { 'stripe-version': v });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', message: `Invalid Stripe API version: ${v}` });
  });

  it.each(['2024-04-10', '2025-03-31.basil', '2025-03-31', '2026-10-28.endive', '2025-03-31.basil; feature_beta=v1'])('takes the released version %s', async (v) => {
    const res = await api('GET', '/v1/webhook_endpoints', undefined, { 'stripe-version': v });
    expect(res.status).toBe(200);
  });
});

describe('integers', () => {
  it('refuses a created filter past 64 bits as an invalid integer', async () => {
    const res = await api('GET', '/v1/events?created[gt]=99999999999999999999999999');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'created[gt]', message: 'Invalid integer: 99999999999999999999999999' });
  });

  it('takes the largest 64-bit integer', async () => {
    expect((await api('GET', '/v1/events?created[gt]=9223372036854775807')).body.data).toEqual([]);
  });
});

describe('amounts above Stripe’s limit', () => {
  it('are refused with amount_too_large naming amount, and create nothing', async () => {
    const before = (await server.stripe.treasury.receivedCredits.list({ financial_account: fa })).data.length;
    for (const amount of ['100000000', '9007199254740991', '9007199254740993', '9223372036854775807']) {
      const res = await api('POST', '/v1/test_helpers/treasury/received_credits', `financial_account=${fa}&amount=${amount}&currency=usd&network=ach`);
      expect(res.status, amount).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: 'Amount must be no more than $999,999.99' });
    }
    expect((await server.stripe.treasury.receivedCredits.list({ financial_account: fa })).data.length).toBe(before);
  });

  it('take the limit itself', async () => {
    const rc = await server.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa, amount: 99_999_999, currency: 'usd', network: 'ach' });
    expect(rc.amount).toBe(99_999_999);
  });

  it('follow the currency beside the amount (IDR allows twelve digits), nested too', () => {
    expect(() => checkAmounts({ currency: 'idr', amount: 999_999_999_999 })).not.toThrow();
    expect(() => checkAmounts({ currency: 'idr', amount: 1_000_000_000_000 })).toThrow(/no more than/);
    try {
      checkAmounts({ currency: 'usd', line_items: [{ amount: 5 }, { amount: 100_000_000 }] });
      expect.unreachable();
    } catch (err) {
      expect((err as StripeError).body).toMatchObject({ code: 'amount_too_large', param: 'line_items[1][amount]' });
    }
    expect(() => checkAmounts({ metadata: { amount: 'x' } })).not.toThrow();
  });
});

describe('how every official SDK family encodes', () => {
  it('booleans sent as True / False (.NET, older Python) are booleans', async () => {
    const ep = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/b', enabled_events: ['*'] });
    expect((await api('POST', `/v1/webhook_endpoints/${ep.id}`, 'disabled=True')).body.status).toBe('disabled');
    expect((await api('POST', `/v1/webhook_endpoints/${ep.id}`, 'disabled=False')).body.status).toBe('enabled');
    expect((await api('POST', `/v1/webhook_endpoints/${ep.id}`, 'disabled=yes')).status).toBe(400);
  });

  it('arrays with indices (node, go, php, java) and without (ruby, python) are the same array', async () => {
    const indexed = await api('POST', '/v1/webhook_endpoints', 'url=http://127.0.0.1:9/i&enabled_events[0]=charge.failed&enabled_events[1]=charge.succeeded');
    const bracketed = await api('POST', '/v1/webhook_endpoints', 'url=http://127.0.0.1:9/i&enabled_events[]=charge.failed&enabled_events[]=charge.succeeded');
    expect(indexed.body.enabled_events).toEqual(['charge.failed', 'charge.succeeded']);
    expect(bracketed.body.enabled_events).toEqual(['charge.failed', 'charge.succeeded']);
  });

  it('expand works in the query of a GET and in the body of a POST, with or without indices', async () => {
    const created = await api('POST', '/v1/test_helpers/treasury/received_credits', `financial_account=${fa}&amount=10&currency=usd&network=ach&expand[]=transaction`);
    expect(created.status).toBe(200);
    expect(created.body.transaction).toMatchObject({ object: 'treasury.transaction' });
    for (const q of ['expand[]=transaction', 'expand[0]=transaction']) {
      const got = await api('GET', `/v1/treasury/received_credits/${created.body.id}?${q}`);
      expect(got.body.transaction, q).toMatchObject({ object: 'treasury.transaction', id: created.body.transaction.id });
    }
  });

  it('empty strings unset: a description, one metadata key, all metadata', async () => {
    const ep = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/u', enabled_events: ['*'], description: 'd', metadata: { a: '1', b: '2' } });
    const one = await api('POST', `/v1/webhook_endpoints/${ep.id}`, 'description=&metadata[a]=');
    expect(one.body).toMatchObject({ description: null, metadata: { b: '2' } });
    expect((await api('POST', `/v1/webhook_endpoints/${ep.id}`, 'metadata=')).body.metadata).toEqual({});
    expect((await api('POST', `/v1/webhook_endpoints/${ep.id}`, 'url=')).body.error).toMatchObject({ code: 'parameter_invalid_empty', param: 'url' });
  });
});

describe('keys named like what every JavaScript object has', () => {
  it('are metadata keys like any other, kept, listed and unset', async () => {
    const form = 'url=http://127.0.0.1:9/p&enabled_events[]=*&metadata[constructor]=c&metadata[toString]=t&metadata[hasOwnProperty]=h';
    const created = await api('POST', '/v1/webhook_endpoints', form);
    expect(created.status).toBe(200);
    expect(created.body.metadata).toEqual({ constructor: 'c', toString: 't', hasOwnProperty: 'h' });
    const fetched = await server.stripe.webhookEndpoints.retrieve(created.body.id);
    expect(fetched.metadata).toEqual({ constructor: 'c', toString: 't', hasOwnProperty: 'h' });
    const unset = await api('POST', `/v1/webhook_endpoints/${created.body.id}`, 'metadata[constructor]=&metadata[valueOf]=v');
    expect(unset.body.metadata).toEqual({ toString: 't', hasOwnProperty: 'h', valueOf: 'v' });
  });

  it('__proto__ too: a metadata key kept, listed, updated and unset, through the SDK', async () => {
    const metadata: Record<string, string> = JSON.parse('{"__proto__":"p","a":"1"}');
    const created = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/p', enabled_events: ['*'], metadata });
    expect(Object.entries(created.metadata)).toEqual([['__proto__', 'p'], ['a', '1']]);
    const fetched = await api('GET', `/v1/webhook_endpoints/${created.id}`);
    expect(Object.entries(fetched.body.metadata as object)).toEqual([['__proto__', 'p'], ['a', '1']]);
    const listed = (await server.stripe.webhookEndpoints.list({ limit: 100 })).data.find((e) => e.id === created.id)!;
    expect(Object.keys(listed.metadata)).toEqual(['__proto__', 'a']);
    const updated = await api('POST', `/v1/webhook_endpoints/${created.id}`, 'metadata[%5F_proto__]=q');
    expect(Object.entries(updated.body.metadata as object)).toEqual([['__proto__', 'q'], ['a', '1']]);
    const unset = await api('POST', `/v1/webhook_endpoints/${created.id}`, 'metadata[__proto__]=');
    expect(Object.keys(unset.body.metadata as object)).toEqual(['a']);
    expect(Object.getPrototypeOf(unset.body.metadata)).toBe(Object.prototype);
  });

  it.each(['constructor=x', 'toString=x', 'hasOwnProperty[a]=1', 'enabled_events[]=*&valueOf=1', '__proto__=x', '__proto__[polluted]=1'])('are refused as unknown params where the operation has none: %s', async (extra) => {
    const before = (await server.stripe.webhookEndpoints.list({ limit: 100 })).data.length;
    const res = await api('POST', '/v1/webhook_endpoints', `url=http://127.0.0.1:9/p&enabled_events[]=*&${extra}`);
    expect(res.status).toBe(400);
    const name = extra.split('&').pop()!.split(/[[=]/)[0];
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_unknown', param: name, message: `Received unknown parameter: ${name}` });
    expect((await server.stripe.webhookEndpoints.list({ limit: 100 })).data.length).toBe(before);
  });

  it.each(['constructor', '__proto__'])('are unknown in a query too: %s', async (name) => {
    const res = await api('GET', `/v1/webhook_endpoints?${name}=1`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_unknown', param: name, message: `Received unknown parameter: ${name}` });
  });

  it('are unknown nested in a param that names its keys', async () => {
    const res = await api('POST', '/v1/treasury/outbound_payments', `financial_account=${fa}&amount=100&currency=usd&destination_payment_method_data[type]=us_bank_account&destination_payment_method_data[__proto__]=x`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_unknown', param: 'destination_payment_method_data[__proto__]' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('enabled_events', () => {
  it("takes Stripe's canonical example and the newer SDK's types, and refuses names that are no event type", async () => {
    const canonical = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/e', enabled_events: ['charge.failed', 'charge.succeeded'] });
    expect(canonical.enabled_events).toEqual(['charge.failed', 'charge.succeeded']);
    const newer = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/e', enabled_events: ['billing.credit_grant.created', 'invoice_payment.paid'] });
    expect(newer.enabled_events).toHaveLength(2);
    const bad = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/e', enabled_events: ['charge.succeeded', 'charge.succeded' as never] }).catch((e) => e);
    expect(bad).toMatchObject({ statusCode: 400, param: 'enabled_events[1]' });
    const update = await server.stripe.webhookEndpoints.update(canonical.id, { enabled_events: ['nope' as never] }).catch((e) => e);
    expect(update).toMatchObject({ statusCode: 400, param: 'enabled_events[0]' });
  });
});
