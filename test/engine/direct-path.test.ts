import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_KEY, type TestServer } from '../support/server.js';

// A GET or a form POST over a socket is answered from Node's request event straight by the pipeline;
// the same request injected in-process goes through Fastify's route. Both must answer alike, byte
// for byte but the ids.

let server: TestServer;
let endpointId: string;
beforeAll(async () => {
  server = await startServer();
  const endpoint = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hook', enabled_events: ['*'] });
  endpointId = endpoint.id;
});
afterAll(() => server.close());

const auth = { authorization: `Bearer ${TEST_KEY}` };
const sameIds = (text: string) => text.replace(/\b(req|we|whsec)_[A-Za-z0-9]+/g, '$1_X').replace(/"created":\d+/g, '"created":0');

async function bothWays(path: string, headers: Record<string, string> = auth, method = 'GET', body?: string) {
  const overSocket = await fetch(`${server.url}${path}`, { method, headers, body });
  const socketBody = await overSocket.text();
  const injected = await server.engine.app.inject({ method: method as 'GET', url: path, headers, payload: body });
  const pick = (get: (name: string) => string | undefined) =>
    Object.fromEntries(['content-type', 'stripe-version'].map((name) => [name, get(name)]));
  return {
    socket: { status: overSocket.status, body: sameIds(socketBody), headers: pick((n) => overSocket.headers.get(n) ?? undefined) },
    fastify: { status: injected.statusCode, body: sameIds(injected.body), headers: pick((n) => injected.headers[n] as string | undefined) },
    requestId: overSocket.headers.get('request-id'),
    contentLength: Number(overSocket.headers.get('content-length')),
    bytes: Buffer.byteLength(socketBody),
  };
}

describe('requests answered without Fastify', () => {
  it.each([
    ['a retrieve', () => `/v1/webhook_endpoints/${endpointId}`, 200],
    ['a list', () => '/v1/webhook_endpoints?limit=1', 200],
    ['an unknown id', () => '/v1/webhook_endpoints/we_nothing', 404],
    ['a percent-encoded id', () => `/v1/webhook_endpoints/${encodeURIComponent(endpointId)}%20`, 404],
    ['an invalid param', () => '/v1/webhook_endpoints?limit=ten', 400],
    ['an unknown path', () => '/v1/webhook_endpoint', 404],
    ['a trailing slash', () => '/v1/webhook_endpoints/', 404],
  ])('%s answers as Fastify’s route does', async (_what, path, status) => {
    const r = await bothWays(path());
    expect(r.socket.status).toBe(status);
    expect(r.socket).toEqual(r.fastify);
    expect(r.requestId).toMatch(/^req_/);
    expect(r.contentLength).toBe(r.bytes);
  });

  it('a read without a key is refused alike', async () => {
    const r = await bothWays('/v1/webhook_endpoints', {});
    expect(r.socket.status).toBe(401);
    expect(r.socket).toEqual(r.fastify);
  });

  it('a read answered directly is logged with its request id', async () => {
    const res = await fetch(`${server.url}/v1/webhook_endpoints?limit=2`, { headers: auth });
    expect(res.status).toBe(200);
    const id = res.headers.get('request-id')!;
    const logged = await server.control('GET', `/dashboard/requests/${id}`);
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({ id, method: 'GET', path: '/v1/webhook_endpoints', status: 200 });
    expect(JSON.stringify(logged.body)).toContain(endpointId);
  });

  const form = { ...auth, 'content-type': 'application/x-www-form-urlencoded' };
  it.each([
    ['a create', 'url=http%3A%2F%2F127.0.0.1%3A9%2Fa&enabled_events[]=*&description=caf%C3%A9', form, 200],
    ['a form with a charset', 'url=http%3A%2F%2F127.0.0.1%3A9%2Fb&enabled_events[0]=*', { ...auth, 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8' }, 200],
    ['a missing param', 'url=http%3A%2F%2F127.0.0.1%3A9%2F', form, 400],
    ['an unknown param', 'url=http%3A%2F%2F127.0.0.1%3A9%2F&enabled_events[]=*&bogus=1', form, 400],
    ['an empty body', '', form, 400],
    ['a JSON body', '{"url":"http://127.0.0.1:9/"}', { ...auth, 'content-type': 'application/json' }, 400],
    ['a body of another type', 'url=x', { ...auth, 'content-type': 'text/plain' }, 400],
  ])('a POST with %s answers as Fastify’s route does', async (_what, body, headers, status) => {
    const r = await bothWays('/v1/webhook_endpoints', headers, 'POST', body);
    expect(r.socket.status).toBe(status);
    expect(r.socket).toEqual(r.fastify);
    expect(r.contentLength).toBe(r.bytes);
  });

  it('a form POST answered directly is committed and logged', async () => {
    const res = await fetch(`${server.url}/v1/webhook_endpoints`, { method: 'POST', headers: { ...form, 'idempotency-key': 'direct-1' }, body: 'url=http%3A%2F%2F127.0.0.1%3A9%2Fc&enabled_events[]=*' });
    expect(res.status).toBe(200);
    const created = await res.json();
    const again = await fetch(`${server.url}/v1/webhook_endpoints`, { method: 'POST', headers: { ...form, 'idempotency-key': 'direct-1' }, body: 'url=http%3A%2F%2F127.0.0.1%3A9%2Fc&enabled_events[]=*' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe(created.id);
    expect((await server.stripe.webhookEndpoints.retrieve(created.id)).url).toBe('http://127.0.0.1:9/c');
    const logged = await server.control('GET', `/dashboard/requests/${res.headers.get('request-id')}`);
    expect(logged.body).toMatchObject({ method: 'POST', path: '/v1/webhook_endpoints', status: 200 });
  });
});
