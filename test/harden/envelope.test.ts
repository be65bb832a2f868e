import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttp, type RawAnswer } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const KEY = 'Authorization: Bearer sk_test_envelope\r\n';
const host = () => `Host: 127.0.0.1:${server.port}\r\n`;
const get = (path: string, extra = '') => rawHttp(server.port, `GET ${path} HTTP/1.1\r\n${host()}${KEY}${extra}Connection: close\r\n\r\n`);

function expectStripeError(answer: RawAnswer | null, status: number, message: RegExp) {
  expect(answer, 'an answer').not.toBeNull();
  expect(answer!.status).toBe(status);
  expect(answer!.headers['request-id']).toMatch(/^req_[A-Za-z0-9]+$/);
  expect(answer!.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer!.body);
  expect(body.error.type).toBe('invalid_request_error');
  expect(body.error.message).toMatch(message);
}

describe("router errors leave in Stripe's envelope with a Request-Id", () => {
  it('an id longer than 500 characters is a 414', async () => {
    expectStripeError(await get(`/v1/treasury/outbound_payments/${'x'.repeat(501)}`), 414, /too long/);
  });

  it.each(['%ff', '%zz', '%', '%e2%82'])('bad percent-encoding %s is an unrecognized URL', async (bad) => {
    expectStripeError(await get(`/v1/treasury/outbound_payments/${bad}`), 404, /^Unrecognized request URL \(GET: /);
  });

  it('an unknown URL carries a Request-Id', async () => {
    expectStripeError(await get('/v1/nothing_here'), 404, /^Unrecognized request URL \(GET: \/v1\/nothing_here\)/);
  });
});

describe("what the HTTP parser refuses still gets Stripe's envelope", () => {
  it('a header name with a space is a 400', async () => {
    expectStripeError(await get('/v1/webhook_endpoints', 'Bad Header: x\r\n'), 400, /could not be parsed as HTTP/);
  });

  it('headers over the size limit are a 431', async () => {
    expectStripeError(await get('/v1/webhook_endpoints', `X-Big: ${'a'.repeat(20_000)}\r\n`), 431, /headers are too large/);
  });

  it('an empty or missing Host is a 400', async () => {
    expectStripeError(await rawHttp(server.port, `GET /v1/webhook_endpoints HTTP/1.1\r\nHost:\r\n${KEY}\r\n`), 400, /no Host header/);
    expectStripeError(await rawHttp(server.port, `GET /v1/webhook_endpoints HTTP/1.1\r\n${KEY}\r\n`), 400, /no Host header/);
  });

  it('a body over the limit is a 413', async () => {
    const answer = await rawHttp(
      server.port,
      `POST /v1/webhook_endpoints HTTP/1.1\r\n${host()}${KEY}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9000000\r\n\r\n`,
    );
    expectStripeError(answer, 413, /too large/);
  });

  it('a control given broken JSON answers in the envelope too', async () => {
    const answer = await rawHttp(
      server.port,
      `POST /_counterfoil/clock/advance HTTP/1.1\r\n${host()}X-Counterfoil-Token: test-token\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{x}`,
    );
    expectStripeError(answer, 400, /not valid JSON/);
  });
});

describe('Request-Id', () => {
  it('is the same id in the header and in the request log', async () => {
    const answer = await get('/v1/webhook_endpoints');
    expect(answer!.status).toBe(200);
    const id = answer!.headers['request-id'];
    server.engine.flushLog();
    const logged = await server.control('GET', `/dashboard/requests/${id}`);
    expect(logged.status).toBe(200);
    expect(logged.body.id).toBe(id);
  });
});

describe('HEAD', () => {
  it('answers as the GET of the same URL would, without its body', async () => {
    const head = (path: string) => rawHttp(server.port, `HEAD ${path} HTTP/1.1\r\n${host()}${KEY}Connection: close\r\n\r\n`);
    const found = await head('/v1/webhook_endpoints?limit=1');
    expect(found!.status).toBe(200);
    expect(found!.headers['content-type']).toMatch(/^application\/json/);
    expect(found!.body).toBe('');
    const missing = await head('/v1/no_such_thing');
    expect(missing!.status).toBe(404);
    expect(missing!.headers['request-id']).toMatch(/^req_/);
    expect(missing!.body).toBe('');
  });
});
