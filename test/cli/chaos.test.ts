import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';
import { until } from '../support/until.js';

const verifier = new Stripe('sk_test_verifier');

interface Arrival {
  at: number;
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver() {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      arrivals.push({ at: Date.now(), id: (JSON.parse(body) as { id: string }).id, headers: req.headers, body });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

let s: TestServer;
let rx: Awaited<ReturnType<typeof receiver>>;
let endpoint: Stripe.WebhookEndpoint;
beforeEach(async () => {
  s = await startServer();
  rx = await receiver();
  endpoint = await s.stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ['treasury.financial_account.created'] });
});
afterEach(async () => {
  await s.close();
  await rx.close();
});

const chaos = (body: Record<string, unknown>) => s.control('POST', `/webhook_endpoints/${endpoint.id}/chaos`, body);
const account = () => s.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'] });
async function attemptsOf(eventId: string) {
  const list = await s.control('GET', `/dashboard/deliveries?event=${eventId}`);
  const detail = await s.control('GET', `/dashboard/deliveries/${list.body.data[0].id}`);
  return detail.body.attempts as { chaos: string[]; verdict: { verified: boolean; reason?: string }; request_headers: Record<string, string> }[];
}
const verifies = (a: Arrival, secret: string) => {
  try {
    verifier.webhooks.constructEvent(a.body, String(a.headers['stripe-signature']), secret);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('delivery chaos, per endpoint', () => {
  it('refuses unknown settings and bad values, and clears with an empty body', async () => {
    expect((await chaos({ shuffle: true })).status).toBe(400);
    expect((await chaos({ latency_ms: -5 })).body.error.param).toBe('latency_ms');
    expect((await chaos({ duplicate: true })).body.chaos).toEqual({ duplicate: true });
    expect((await chaos({})).body.chaos).toEqual({});
  });

  it('duplicate: the receiver gets the same event id twice, the second attempt marked', async () => {
    await chaos({ duplicate: true });
    await account();
    await s.engine.drainWebhooks();
    await until(() => rx.arrivals.length === 2, 'two arrivals');
    expect(rx.arrivals[0].id).toBe(rx.arrivals[1].id);
    expect(rx.arrivals[0].body).toBe(rx.arrivals[1].body);
    const attempts = await attemptsOf(rx.arrivals[0].id);
    expect(attempts.map((a) => a.chaos)).toEqual([[], ['duplicate']]);
  });

  it('out of order: deliveries created within the window arrive newest first', async () => {
    await chaos({ reorder_window_ms: 1500 });
    const created: string[] = [];
    for (let i = 0; i < 4; i++) {
      await account();
      created.push((await s.stripe.events.list({ limit: 1 })).data[0].id);
    }
    await until(() => rx.arrivals.length === 4, 'four arrivals', 8000);
    expect(rx.arrivals.map((a) => a.id)).toEqual([...created].reverse());
    const attempts = await attemptsOf(created[0]);
    expect(attempts[0].chaos[0]).toMatch(/^out of order: held \d+ ms$/);
  });

  it('latency: the attempt leaves only after the added delay', async () => {
    await chaos({ latency_ms: 400 });
    const t0 = Date.now();
    await account();
    await until(() => rx.arrivals.length === 1, 'one arrival');
    expect(rx.arrivals[0].at - t0).toBeGreaterThanOrEqual(400);
    expect((await attemptsOf(rx.arrivals[0].id))[0].chaos).toEqual(['latency +400 ms']);
  });

  it('stale t=: constructEvent rejects it, and the verdict says why', async () => {
    await chaos({ stale_timestamp_seconds: 600 });
    await account();
    await until(() => rx.arrivals.length >= 1, 'one arrival');
    const a = rx.arrivals[0];
    const t = Number(/t=(\d+)/.exec(String(a.headers['stripe-signature']))![1]);
    expect(Math.floor(Date.now() / 1000) - t).toBeGreaterThanOrEqual(600);
    expect(verifies(a, endpoint.secret!)).toMatch(/Timestamp outside the tolerance zone/);
    const [attempt] = await attemptsOf(a.id);
    expect(attempt.chaos).toEqual(['stale t= (600 s old)']);
    expect(attempt.verdict).toMatchObject({ verified: false, reason: expect.stringMatching(/stale timestamp.*300 s tolerance/) });
  });

  it('secret rotation: during the overlap two v1= signatures, each secret verifies; after it, only the new one', async () => {
    const rolled = await s.control('POST', `/webhook_endpoints/${endpoint.id}/roll_secret`, { expires_in_seconds: 3600 });
    expect(rolled.status).toBe(200);
    const fresh = rolled.body.secret as string;
    expect(fresh).not.toBe(endpoint.secret);
    await account();
    await until(() => rx.arrivals.length === 1, 'one arrival');
    const during = rx.arrivals[0];
    expect(String(during.headers['stripe-signature']).match(/v1=/g)).toHaveLength(2);
    expect(verifies(during, endpoint.secret!)).toBe('ok');
    expect(verifies(during, fresh)).toBe('ok');
    const [attempt] = await attemptsOf(during.id);
    expect(attempt.chaos).toEqual(['secret rotation: 2 v1= signatures']);
    expect(attempt.verdict.verified).toBe(true);

    await s.control('POST', '/clock/advance', { seconds: 3601 });
    await account();
    await until(() => rx.arrivals.length === 2, 'a second arrival');
    const after = rx.arrivals[1];
    expect(String(after.headers['stripe-signature']).match(/v1=/g)).toHaveLength(1);
    expect(verifies(after, fresh)).toBe('ok');
    expect(verifies(after, endpoint.secret!)).toMatch(/No signatures found matching/);
  });

  it('the verdict names a wrong secret when only a rolled secret signed it', async () => {
    await account();
    await until(() => rx.arrivals.length === 1, 'one arrival');
    await s.control('POST', `/webhook_endpoints/${endpoint.id}/roll_secret`, { expires_in_seconds: 0 });
    const [attempt] = await attemptsOf(rx.arrivals[0].id);
    expect(attempt.verdict).toMatchObject({ verified: false, reason: expect.stringMatching(/^wrong secret/) });
  });
});
