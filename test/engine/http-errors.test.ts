import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawApi, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const endpointCount = () => server.engine.core.store.count('webhook_endpoint');

describe('authentication', () => {
  it('a missing key is a 401 that says how to authenticate', async () => {
    const res = await fetch(`${server.url}/v1/webhook_endpoints`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/did not provide an API key/);
  });

  it('basic auth with the key as user works', async () => {
    const res = await fetch(`${server.url}/v1/webhook_endpoints`, {
      headers: { authorization: `Basic ${Buffer.from('sk_test_abc:').toString('base64')}` },
    });
    expect(res.status).toBe(200);
  });

  it('a live key is refused with a test-mode-only message', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints', undefined, { authorization: 'Bearer sk_live_123456789abc' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/test-mode sandbox/);
  });

  it('a malformed key is an invalid API key', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints', undefined, { authorization: 'Bearer nonsense' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/^Invalid API Key provided/);
  });
});

describe('request validation from the OpenAPI description', () => {
  it('parameter_missing names the param', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http%3A%2F%2F127.0.0.1%3A9%2F');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing', param: 'enabled_events', message: 'Missing required param: enabled_events.' });
  });

  it('parameter_unknown names the nested param in brackets', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/&enabled_events[]=*&bogus[deep]=1');
    expect(res.body.error).toMatchObject({ code: 'parameter_unknown', param: 'bogus', message: 'Received unknown parameter: bogus' });
  });

  it.each([
    ['POST', '/v1/treasury/financial_accounts', 'supported_currencies[]=usd&features[bogus][requested]=true', 'features[bogus]'],
    ['POST', '/v1/treasury/financial_accounts', 'supported_currencies[]=usd&features[card_issuing][requested]=true&features[card_issuing][x]=1', 'features[card_issuing][x]'],
    ['GET', '/v1/events?created[soon]=1', undefined, 'created[soon]'],
  ])('parameter_unknown at any depth, as Stripe refuses it: %s %s', async (method, path, form, param) => {
    const res = await rawApi(server.url, method, path, form);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_unknown', param, message: `Received unknown parameter: ${param}` });
  });

  it('a map takes any key at any depth (metadata), and a known nested param still passes', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/treasury/financial_accounts', 'supported_currencies[]=usd&features[card_issuing][requested]=true&metadata[any_key]=1');
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ any_key: '1' });
  });

  it('a param named unsupported is a param, also in a body sent in chunks (the way through Fastify)', async () => {
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/webhook_endpoints`,
        { method: 'POST', headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write('url=http://x.test/&enabled_events[]=*');
      req.end('&unsupported=text/plain');
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'parameter_unknown', param: 'unsupported', message: 'Received unknown parameter: unsupported' });
  });

  it('parameter_invalid_integer for a non-numeric limit', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints?limit=ten');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'limit', message: 'Invalid integer: ten' });
  });

  it('limit outside 1..100 is refused', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints?limit=101');
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('limit');
  });

  it('parameter_invalid_empty for an empty string that cannot unset anything', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=&enabled_events[]=*');
    expect(res.body.error).toMatchObject({ code: 'parameter_invalid_empty', param: 'url' });
  });

  it('an invalid enum value lists the allowed values', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/&enabled_events[]=*&api_version=1999-01-01');
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('api_version');
    expect(res.body.error.message).toMatch(/^Invalid api_version: must be one of 2011-01-01, /);
  });

  it('a wrong type for a hash is "Invalid hash"', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/&enabled_events[]=*&metadata=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('metadata');
  });

  it('a JSON body is refused with Stripe\'s unsupported content type error', async () => {
    const res = await fetch(`${server.url}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://x.test/', enabled_events: ['*'] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/unsupported Content-Type application\/json/);
  });

  it('bad input never writes anything', async () => {
    const before = endpointCount();
    await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/&enabled_events[]=nope.nope');
    await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/&enabled_events[]=*&metadata[k]=' + 'v'.repeat(600));
    expect(endpointCount()).toBe(before);
  });
});

describe('routing', () => {
  it('an unknown URL is Stripe\'s 404 "Unrecognized request URL"', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/nothing_here');
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/nothing_here\)/);
  });

  it('a known path with the wrong method is also unrecognized', async () => {
    const res = await rawApi(server.url, 'DELETE', '/v1/webhook_endpoints');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Unrecognized request URL \(DELETE: \/v1\/webhook_endpoints\)/);
  });

  it('every response carries a Request-Id and echoes Stripe-Version', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints', undefined, { 'stripe-version': '2024-04-10' });
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(res.headers.get('stripe-version')).toBe('2024-04-10');
  });
});

describe('idempotency', () => {
  const form = 'url=http://x.test/idem&enabled_events[]=*';

  it('the same key and params replay the first response', async () => {
    const first = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', form, { 'idempotency-key': 'k-replay' });
    const second = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', form, { 'idempotency-key': 'k-replay' });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  it('the same key with other params is an idempotency_error', async () => {
    await rawApi(server.url, 'POST', '/v1/webhook_endpoints', form, { 'idempotency-key': 'k-mismatch' });
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', form + '&description=x', { 'idempotency-key': 'k-mismatch' });
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('idempotency_error');
  });

  it('concurrent requests with one key execute once', async () => {
    const before = endpointCount();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => rawApi(server.url, 'POST', '/v1/webhook_endpoints', form, { 'idempotency-key': 'k-race' })),
    );
    expect(endpointCount()).toBe(before + 1);
    const ids = new Set(results.filter((r) => r.status === 200).map((r) => r.body.id));
    expect(ids.size).toBe(1);
  });

  it('keys expire after 24 hours of sandbox time', async () => {
    const local = await startServer();
    try {
      const a = await rawApi(local.url, 'POST', '/v1/webhook_endpoints', form, { 'idempotency-key': 'k-ttl' });
      await local.control('POST', '/clock/advance', { seconds: 24 * 3600 + 1 });
      const b = await rawApi(local.url, 'POST', '/v1/webhook_endpoints', form, { 'idempotency-key': 'k-ttl' });
      expect(b.body.id).not.toBe(a.body.id);
    } finally {
      await local.close();
    }
  });
});

describe('expand', () => {
  it('refuses a property that cannot be expanded', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints?expand[]=url');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/cannot be expanded \(url\)\. You may want to try expanding 'data\.url'/);
  });

  it('a write whose expand is refused leaves nothing behind', async () => {
    const before = endpointCount();
    const res = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/e&enabled_events[]=*&expand[]=url', {
      'idempotency-key': 'k-expand',
    });
    expect(res.status).toBe(400);
    expect(endpointCount()).toBe(before);
    // The refusal is the key's stored result: the same request replays it.
    const again = await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/e&enabled_events[]=*&expand[]=url', {
      'idempotency-key': 'k-expand',
    });
    expect(again.body).toEqual(res.body);
    expect(endpointCount()).toBe(before);
  });

  it('refuses more than four levels', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints?expand[]=data.a.b.c.d');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/more than 4 levels/);
  });
});

describe('request log', () => {
  it('records each request with status, idempotency key and response', async () => {
    await rawApi(server.url, 'POST', '/v1/webhook_endpoints', 'url=http://x.test/log&enabled_events[]=*', { 'idempotency-key': 'k-log' });
    server.engine.flushLog();
    const row = server.engine.core.db
      .prepare(`SELECT method, path, status, idempotency_key, response FROM request_log WHERE idempotency_key = 'k-log'`)
      .get() as { method: string; path: string; status: number; response: string };
    expect(row).toMatchObject({ method: 'POST', path: '/v1/webhook_endpoints', status: 200 });
    expect(JSON.parse(row.response).object).toBe('webhook_endpoint');
  });
});

describe('dashboard guard', () => {
  it('refuses controls without the token, with a foreign Host, or a foreign Origin', async () => {
    expect((await fetch(`${server.url}/_counterfoil/clock`)).status).toBe(401);
    const ok = await fetch(`${server.url}/_counterfoil/clock`, { headers: { 'x-counterfoil-token': server.engine.token } });
    expect(ok.status).toBe(200);
    const origin = await fetch(`${server.url}/_counterfoil/clock`, {
      headers: { 'x-counterfoil-token': server.engine.token, origin: 'http://evil.test' },
    });
    expect(origin.status).toBe(403);
    const viaQuery = await fetch(`${server.url}/_counterfoil/clock?token=${server.engine.token}`);
    expect(viaQuery.status).toBe(200);
    // fetch cannot forge Host; a raw request can, as a DNS-rebinding page would.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/_counterfoil/clock', headers: { host: 'attacker.test:80', 'x-counterfoil-token': server.engine.token } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('settings control', () => {
  it('reads and patches settings, refusing unknown keys and bad values', async () => {
    const read = await server.control('GET', '/settings');
    expect(read.body.webhookRetrySchedule).toEqual([60, 300, 1800, 3600, 7200, 10800]);
    const patched = await server.control('POST', '/settings', { webhookRetrySchedule: [5, 10], requestLogLimit: 100 });
    expect(patched.body).toMatchObject({ webhookRetrySchedule: [5, 10], requestLogLimit: 100 });
    expect((await server.control('POST', '/settings', { nope: 1 })).status).toBe(400);
    expect((await server.control('POST', '/settings', { webhookTimeoutMs: -1 })).status).toBe(400);
    await server.control('POST', '/settings', { webhookRetrySchedule: [60, 300, 1800, 3600, 7200, 10800], requestLogLimit: 10000 });
  });
});
