import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { expectMatchesSpec } from '../support/openapi.js';
import { startServer, type TestServer } from '../support/server.js';
import { startDestination, type Destination } from './destination.js';

let server: TestServer;
let stripe: Stripe;
let dest: Destination;

beforeAll(async () => {
  [server, dest] = await Promise.all([startServer(), startDestination()]);
  stripe = server.stripe;
});
afterAll(async () => {
  await server.close();
  await dest.close();
});

async function allow(path: string, extra: Record<string, unknown> = {}, base = dest.url): Promise<string> {
  const res = await server.control('POST', '/forwarding/configs', { url: `${base}${path}`, replacements: { card_number: 'card.number' }, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return `${base}${path}`;
}

const forward = (url: string) =>
  stripe.forwarding.requests.create({ payment_method: 'pm_card_visa', url, replacements: ['card_number'], request: { body: '{}' } });

describe('forwarding: only configured destinations', () => {
  it('a URL no config allows is forwarding_api_inactive and no connection is attempted', async () => {
    await allow('/allowed');
    const before = dest.connections;
    for (const url of [`${dest.url}/other`, `${dest.url}/allowed/more`, `${dest.url}/allowed?x=1`, `http://localhost:${dest.port}/allowed`]) {
      const err = await forward(url).catch((e) => e);
      expect(err.statusCode, url).toBe(400);
      expect(err.raw).toMatchObject({ type: 'invalid_request_error', code: 'forwarding_api_inactive', param: 'url' });
    }
    expect(dest.connections).toBe(before);
    expect(dest.received.filter((r) => r.path !== '/allowed')).toEqual([]);
  });

  it('a URL that is not http(s) is refused as invalid', async () => {
    const err = await forward('ftp://127.0.0.1/x').catch((e) => e.raw);
    expect(err).toMatchObject({ code: 'url_invalid', param: 'url' });
  });

  it('a redirect is recorded as the answer and never followed', async () => {
    const url = await allow('/redirect');
    dest.respond((req, res) => {
      res.writeHead(302, { location: `${dest.url}/elsewhere` });
      res.end();
    });
    const received = dest.received.length;
    const fr = await forward(url);
    expect(fr.response_details).toMatchObject({ status: 302 });
    expect(fr.response_details!.headers).toContainEqual({ name: 'location', value: `${dest.url}/elsewhere` });
    expect(dest.received.length).toBe(received + 1);
  });
});

describe('forwarding: failures of the destination are recorded, not 500s', () => {
  it('a 5xx answer is a successful forward carrying the destination status and body', async () => {
    const url = await allow('/down');
    dest.respond((req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":"maintenance"}');
    });
    const fr = await forward(url);
    expectMatchesSpec('POST', '/v1/forwarding/requests', fr);
    expect(fr.response_details).toMatchObject({ status: 503, body: '{"error":"maintenance"}' });
  });

  it('a timeout is forwarding_api_upstream_connection_timeout (424) and the attempt is listed', async () => {
    const url = await allow('/slow', { timeout_ms: 150 });
    dest.respond(() => {
      /* never answers */
    });
    const err = await forward(url).catch((e) => e);
    expect(err.statusCode).toBe(424);
    expect(err.raw).toMatchObject({ type: 'api_error', code: 'forwarding_api_upstream_connection_timeout' });
    const id = /fwdreq_\w+/.exec(err.raw.message)![0];
    const fr = await stripe.forwarding.requests.retrieve(id);
    expectMatchesSpec('GET', '/v1/forwarding/requests/{id}', fr);
    expect(fr.response_details).toBeNull();
    expect(fr.request_context!.destination_duration).toBeGreaterThanOrEqual(140);
    expect(fr.request_details!.body).toBe('{"card":{"number":"424242******4242"}}');
  });

  it('a refused connection is forwarding_api_upstream_connection_error (424), recorded with the IP tried', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const url = await allow('/pay', {}, `http://127.0.0.1:${closed}`);
    const err = await forward(url).catch((e) => e);
    expect(err.statusCode).toBe(424);
    expect(err.raw.code).toBe('forwarding_api_upstream_connection_error');
    const list = await stripe.forwarding.requests.list({ limit: 1 });
    expect(list.data[0]).toMatchObject({ url, response_details: null, request_context: { destination_ip_address: '127.0.0.1' } });
  });

  it('a TLS failure is a connection error', async () => {
    // A plain TCP server that is not TLS: the handshake fails.
    const plain = net.createServer((socket) => socket.end('HTTP/1.1 200 OK\r\n\r\n'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as net.AddressInfo).port;
    const url = await allow('/tls', {}, `https://127.0.0.1:${port}`);
    const err = await forward(url).catch((e) => e);
    plain.close();
    expect(err.statusCode).toBe(424);
    expect(err.raw.code).toBe('forwarding_api_upstream_connection_error');
  });

  it('a large answer is cut at the size limit and recorded within Stripe’s 5000 characters', async () => {
    const url = await allow('/big', { max_response_bytes: 64 * 1024 });
    dest.respond((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(2 * 1024 * 1024));
    });
    const fr = await forward(url);
    expectMatchesSpec('POST', '/v1/forwarding/requests', fr);
    expect(fr.response_details!.status).toBe(200);
    expect(fr.response_details!.body.length).toBeLessThanOrEqual(5000);
    expect(fr.response_details!.body).toMatch(/^x+…\[truncated by Counterfoil\]$/);
  });
});
