import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const base = {
  name: 'Acme processor',
  url: 'http://127.0.0.1:9/v1/payments',
  replacements: { card_number: 'card.number', card_expiry: { combined: 'card.expiry', format: 'MM/YYYY' } },
  secrets: { DESTINATION_API_KEY: 'dk_1234567890', OTHER: 'o_secret' },
  request_signature: { header: 'X-Sig', secret: 'whsig_abc' },
};

describe('forwarding configs (control API)', () => {
  it('create, get and list show secret names but never their values', async () => {
    const created = await server.control('POST', '/forwarding/configs', base);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'forwarding_config',
      name: 'Acme processor',
      url: 'http://127.0.0.1:9/v1/payments',
      http_method: 'POST',
      body_format: 'json',
      secret_names: ['DESTINATION_API_KEY', 'OTHER'],
      secrets: { DESTINATION_API_KEY: '[redacted]', OTHER: '[redacted]' },
      request_signature: { header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', signed_payload: 'body', prefix: '', secret: '[redacted]' },
    });
    expect(created.body.id).toMatch(/^fwdcfg_/);
    const got = await server.control('GET', `/forwarding/configs/${created.body.id}`);
    const list = await server.control('GET', '/forwarding/configs');
    expect(got.body).toEqual(created.body);
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(created.body.id);
    for (const text of [created, got, list].map((r) => JSON.stringify(r.body))) {
      expect(text).not.toContain('dk_1234567890');
      expect(text).not.toContain('o_secret');
      expect(text).not.toContain('whsig_abc');
    }
  });

  it('update keeps omitted fields, merges secrets (null removes one) and refuses a duplicate URL', async () => {
    const { body: cfg } = await server.control('POST', '/forwarding/configs', { ...base, url: 'http://127.0.0.1:9/v2' });
    const updated = await server.control('POST', `/forwarding/configs/${cfg.id}`, { secrets: { OTHER: null, NEW_KEY: 'n' }, timeout_ms: 500 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ url: 'http://127.0.0.1:9/v2', secret_names: ['DESTINATION_API_KEY', 'NEW_KEY'], timeout_ms: 500 });
    expect(updated.body.request_signature.header).toBe('X-Sig');
    const dup = await server.control('POST', `/forwarding/configs/${cfg.id}`, { url: base.url });
    expect(dup.status).toBe(400);
    expect(dup.body.error.param).toBe('url');
  });

  it('delete removes the config; it is then not found', async () => {
    const { body: cfg } = await server.control('POST', '/forwarding/configs', { ...base, url: 'http://127.0.0.1:9/v3' });
    const deleted = await server.control('DELETE', `/forwarding/configs/${cfg.id}`);
    expect(deleted.body).toEqual({ id: cfg.id, object: 'forwarding_config', deleted: true });
    const gone = await server.control('GET', `/forwarding/configs/${cfg.id}`);
    expect(gone.status).toBe(404);
  });

  it('bad input is refused with the param named', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ replacements: {} }, 'url'],
      [{ url: 'file:///etc/passwd', replacements: {} }, 'url'],
      [{ url: 'http://127.0.0.1:9/x', http_method: 'GET' }, 'http_method'],
      [{ url: 'http://127.0.0.1:9/x', replacements: { card_pin: 'x' } }, 'replacements.card_pin'],
      [{ url: 'http://127.0.0.1:9/x', replacements: { card_expiry: { combined: 'e', format: 'DD' } } }, 'replacements.card_expiry.format'],
      [{ url: 'http://127.0.0.1:9/x', secrets: { 'bad-name': 'v' } }, 'secrets.bad-name'],
      [{ url: 'http://127.0.0.1:9/x', secrets: { KEY: 'a\r\nX-Evil: 1' } }, 'secrets.KEY'],
      [{ url: 'http://127.0.0.1:9/x', timeout_ms: 999_999 }, 'timeout_ms'],
      [{ url: 'http://127.0.0.1:9/x', request_signature: { header: 'X-Sig' } }, 'request_signature.secret'],
      [{ url: 'http://127.0.0.1:9/x', colour: 'red' }, 'colour'],
    ];
    for (const [body, param] of cases) {
      const res = await server.control('POST', '/forwarding/configs', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
  });

  it('the control API needs the dashboard token', async () => {
    const res = await fetch(`${server.url}/_counterfoil/forwarding/configs`);
    expect(res.status).toBe(401);
  });
});
