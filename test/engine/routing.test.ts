import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawApi, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let endpointId: string;
beforeAll(async () => {
  server = await startServer();
  endpointId = (await server.stripe.webhookEndpoints.create({ url: 'https://example.test/hook', enabled_events: ['*'] })).id;
});
afterAll(() => server.close());

const unrecognized = (res: { status: number; body: any }, method: string, path: string) => {
  expect(res.status).toBe(404);
  expect(res.body.error.type).toBe('invalid_request_error');
  expect(res.body.error.message).toContain(`Unrecognized request URL (${method}: ${path})`);
};

describe('matching a request to its operation', () => {
  it('takes an id in the path, percent-decoded', async () => {
    const encoded = `%${endpointId.charCodeAt(0).toString(16)}${endpointId.slice(1)}`;
    const res = await rawApi(server.url, 'GET', `/v1/webhook_endpoints/${encoded}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(endpointId);
  });

  it('passes a decoded id that names nothing on to the operation, which answers resource_missing', async () => {
    const res = await rawApi(server.url, 'GET', '/v1/webhook_endpoints/we_%C3%A9t%C3%A9');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('resource_missing');
    expect(res.body.error.message).toContain('we_été');
  });

  it('answers a path it cannot percent-decode as an unknown URL', async () => {
    unrecognized(await rawApi(server.url, 'GET', '/v1/webhook_endpoints/we_%E0%A4%A'), 'GET', '/v1/webhook_endpoints/we_%E0%A4%A');
  });

  it('a trailing slash, an empty segment or another case is another path', async () => {
    unrecognized(await rawApi(server.url, 'GET', `/v1/webhook_endpoints/${endpointId}/`), 'GET', `/v1/webhook_endpoints/${endpointId}/`);
    unrecognized(await rawApi(server.url, 'GET', '/v1/webhook_endpoints/'), 'GET', '/v1/webhook_endpoints/');
    unrecognized(await rawApi(server.url, 'GET', '/v1//webhook_endpoints'), 'GET', '/v1//webhook_endpoints');
    unrecognized(await rawApi(server.url, 'GET', '/v1/Webhook_Endpoints'), 'GET', '/v1/Webhook_Endpoints');
    unrecognized(await rawApi(server.url, 'GET', `/v1/webhook_endpoints/${endpointId}/extra`), 'GET', `/v1/webhook_endpoints/${endpointId}/extra`);
  });

  it('prefers a fixed segment of the same method, and falls back to an id of another', async () => {
    // POST /v1/tax/transactions/create_reversal is an operation; a GET of the same path retrieves
    // the transaction whose id is `create_reversal`.
    const post = await rawApi(server.url, 'POST', '/v1/tax/transactions/create_reversal', '');
    expect(post.status).toBe(400);
    expect(post.body.error.code).toBe('parameter_missing');
    const get = await rawApi(server.url, 'GET', '/v1/tax/transactions/create_reversal');
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe('resource_missing');
  });

  it('answers a method no operation of the path has as an unknown URL, and logs it', async () => {
    unrecognized(await rawApi(server.url, 'DELETE', `/v1/treasury/financial_accounts/fa_1`), 'DELETE', '/v1/treasury/financial_accounts/fa_1');
    unrecognized(await rawApi(server.url, 'PUT', `/v1/webhook_endpoints/${endpointId}`, ''), 'PUT', `/v1/webhook_endpoints/${endpointId}`);
    server.engine.flushLog();
    const paths = (server.engine.core.db.prepare('SELECT method, path, status FROM request_log').all() as { method: string; path: string; status: number }[])
      .filter((r) => r.status === 404)
      .map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('DELETE /v1/treasury/financial_accounts/fa_1');
    expect(paths).toContain(`PUT /v1/webhook_endpoints/${endpointId}`);
  });
});

describe('matching a control', () => {
  const control = (method: string, path: string, token?: string) =>
    fetch(`${server.url}/_counterfoil${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { 'x-counterfoil-token': token } : {}) },
      body: method === 'GET' ? undefined : '{}',
    }).then(async (res) => ({ status: res.status, body: await res.json() }));

  it('takes an id in the path, percent-decoded', async () => {
    const encoded = `%${endpointId.charCodeAt(0).toString(16)}${endpointId.slice(1)}`;
    const res = await control('POST', `/webhook_endpoints/${encoded}/test`, server.engine.token);
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('event');
  });

  it('asks for the token before saying whether a path exists', async () => {
    expect((await control('GET', '/no_such_control')).status).toBe(401);
    expect((await control('GET', '/clock')).status).toBe(401);
    const unknown = await control('GET', '/no_such_control', server.engine.token);
    unrecognized(unknown, 'GET', '/_counterfoil/no_such_control');
    const known = await control('GET', '/clock', server.engine.token);
    expect(known.status).toBe(200);
    unrecognized(await control('GET', '/clock/', server.engine.token), 'GET', '/_counterfoil/clock/');
  });
});
