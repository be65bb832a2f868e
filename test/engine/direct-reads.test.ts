import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_KEY, type TestServer } from '../support/server.js';

// A GET over a socket is answered from Node's request event straight by the pipeline; the same GET
// injected in-process goes through Fastify's route. Both must answer alike, byte for byte but the ids.

let server: TestServer;
let endpointId: string;
beforeAll(async () => {
  server = await startServer();
  const endpoint = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hook', enabled_events: ['*'] });
  endpointId = endpoint.id;
});
afterAll(() => server.close());

const auth = { authorization: `Bearer ${TEST_KEY}` };
const sameIds = (text: string) => text.replace(/req_[A-Za-z0-9]+/g, 'req_X');

async function bothWays(path: string, headers: Record<string, string> = auth) {
  const overSocket = await fetch(`${server.url}${path}`, { headers });
  const socketBody = await overSocket.text();
  const injected = await server.engine.app.inject({ method: 'GET', url: path, headers });
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

describe('reads answered without Fastify', () => {
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
});
