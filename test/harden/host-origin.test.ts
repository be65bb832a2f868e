import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttp } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ allowHosts: ['sandbox.internal', 'tunnel.example:8443'] });
});
afterAll(() => server.close());

const KEY = 'Authorization: Bearer sk_test_rebind\r\n';

/** A request as a re-pointed web page's browser would send it: its own name in Host. */
function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return rawHttp(server.port, `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
}

async function endpointCount(): Promise<number> {
  return (await server.stripe.webhookEndpoints.list({ limit: 100 })).data.length;
}

describe('DNS rebinding: /v1 answers only its own Host', () => {
  it('refuses a foreign Host with a 403 in the envelope, and creates nothing', async () => {
    const before = await endpointCount();
    const answer = await send(
      'POST',
      '/v1/webhook_endpoints',
      { Host: `rebind.evil.test:${server.port}`, Authorization: 'Bearer sk_test_any', 'Content-Type': 'application/x-www-form-urlencoded' },
      'url=http://evil.test/&enabled_events[]=*',
    );
    expect(answer!.status).toBe(403);
    expect(answer!.headers['request-id']).toMatch(/^req_/);
    expect(JSON.parse(answer!.body).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/Host 'rebind\.evil\.test:\d+' is not this Counterfoil server/) });
    expect(await endpointCount()).toBe(before);
  });

  it('refuses reads and unknown paths for a foreign Host too', async () => {
    for (const path of ['/v1/webhook_endpoints', '/v1/treasury/financial_accounts', '/v1/nope', '/']) {
      const answer = await rawHttp(server.port, `GET ${path} HTTP/1.1\r\nHost: rebind.evil.test\r\n${KEY}\r\n`);
      expect(answer!.status, path).toBe(403);
    }
  });

  it('answers 127.0.0.1, localhost and [::1] with its port, and refuses them with another port', async () => {
    for (const h of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await rawHttp(server.port, `GET /v1/webhook_endpoints HTTP/1.1\r\nHost: ${h}\r\n${KEY}\r\n`))!.status, h).toBe(200);
    }
    for (const h of ['127.0.0.1', 'localhost:1', `127.0.0.2:${server.port}`, `localhost.:${server.port}`]) {
      expect((await rawHttp(server.port, `GET /v1/webhook_endpoints HTTP/1.1\r\nHost: ${h}\r\n${KEY}\r\n`))!.status, h).toBe(403);
    }
  });

  it('answers the names given with --allow-host: a bare name on any port, name:port on that port only', async () => {
    for (const h of ['sandbox.internal', 'sandbox.internal:12111', 'tunnel.example:8443']) {
      expect((await rawHttp(server.port, `GET /v1/webhook_endpoints HTTP/1.1\r\nHost: ${h}\r\n${KEY}\r\n`))!.status, h).toBe(200);
    }
    for (const h of ['tunnel.example', 'tunnel.example:443', 'evil.sandbox.internal']) {
      expect((await rawHttp(server.port, `GET /v1/webhook_endpoints HTTP/1.1\r\nHost: ${h}\r\n${KEY}\r\n`))!.status, h).toBe(403);
    }
  });
});

describe('the controls and the live stream', () => {
  const token = 'X-Counterfoil-Token: test-token\r\n';

  it('refuse a foreign Host even with the token', async () => {
    const answer = await rawHttp(server.port, `GET /_counterfoil/settings HTTP/1.1\r\nHost: rebind.evil.test:${server.port}\r\n${token}\r\n`);
    expect(answer!.status).toBe(403);
    expect(JSON.parse(answer!.body).error.type).toBe('invalid_request_error');
  });

  it('refuse Origin: null and a foreign Origin, and change nothing', async () => {
    const before = (await server.control('GET', '/clock')).body.offset_ms;
    for (const origin of ['null', 'http://evil.test', `http://rebind.evil.test:${server.port}`, 'file://']) {
      const answer = await send('POST', '/_counterfoil/clock/advance', { Host: `127.0.0.1:${server.port}`, 'X-Counterfoil-Token': 'test-token', Origin: origin, 'Content-Type': 'application/json' }, '{"seconds":3600}');
      expect(answer!.status, origin).toBe(403);
      expect(answer!.headers['request-id']).toMatch(/^req_/);
      expect(JSON.parse(answer!.body).error.message).toMatch(/Origin .* is not this Counterfoil server/);
    }
    // The clock reads real time plus the offset: only the offset says whether an advance got through.
    expect((await server.control('GET', '/clock')).body.offset_ms).toBe(before);
  });

  it('take their own Origin', async () => {
    const answer = await send('GET', '/_counterfoil/settings', { Host: `127.0.0.1:${server.port}`, 'X-Counterfoil-Token': 'test-token', Origin: `http://127.0.0.1:${server.port}` });
    expect(answer!.status).toBe(200);
  });

  it('the live stream refuses a foreign Host and Origin: null, and opens for its own page', async () => {
    const stream = '/_counterfoil/dashboard/stream?token=test-token';
    expect((await rawHttp(server.port, `GET ${stream} HTTP/1.1\r\nHost: rebind.evil.test:${server.port}\r\n\r\n`))!.status).toBe(403);
    expect((await rawHttp(server.port, `GET ${stream} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: null\r\n\r\n`))!.status).toBe(403);
    const res = await fetch(`${server.url}${stream}`, { headers: { origin: server.url } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    await res.body?.cancel();
  });
});
