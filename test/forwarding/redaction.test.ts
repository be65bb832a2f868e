import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';
import { startDestination, type Destination } from './destination.js';

const dir = mkdtempSync(join(tmpdir(), 'counterfoil-fwd-'));
const dbPath = join(dir, 'sandbox.sqlite');
let server: TestServer;
let dest: Destination;

// A valid (Luhn) number no fixture uses, and a CVC no id or port will contain.
const NUMBER = '4000002760003184';
const CVC = '8306';
const API_KEY = 'dk_test_Zr8Q2mW9pX';

beforeAll(async () => {
  [server, dest] = await Promise.all([startServer({ dbPath }), startDestination()]);
});
afterAll(async () => {
  await dest.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The destination echoes everything, even what it should not: the card, the CVC and our API key. */
function leakyEcho() {
  dest.respond((req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': 'session=abc123',
      'x-echo-auth': String(req.headers.authorization),
    });
    res.end(JSON.stringify({ received: JSON.parse(req.body), note: `card ${NUMBER} cvc: ${CVC}`, key: API_KEY }));
  });
}

describe('forwarding: redaction', () => {
  let responses: string[] = [];

  it('what is stored and returned has the card masked, the CVC starred and secrets as placeholders — request and response', async () => {
    leakyEcho();
    await server.control('POST', '/forwarding/configs', {
      url: `${dest.url}/pay`,
      replacements: { card_number: 'card.number', card_cvc: 'card.security_code', card_expiry: { month: 'card.m', year: 'card.y' } },
      secrets: { DESTINATION_API_KEY: API_KEY },
    });
    const pm = await server.stripe.paymentMethods.create({ type: 'card', card: { number: NUMBER, exp_month: 9, exp_year: 2033, cvc: CVC } });
    const form = new URLSearchParams({
      payment_method: pm.id,
      url: `${dest.url}/pay`,
      'replacements[0]': 'card_number',
      'replacements[1]': 'card_cvc',
      'replacements[2]': 'card_expiry',
      'request[body]': '{"amount":100}',
      'request[headers][0][name]': 'Authorization',
      'request[headers][0][value]': 'Bearer {{DESTINATION_API_KEY}}',
      'request[headers][1][name]': 'X-Api-Key',
      'request[headers][1][value]': 'literal-key-7788',
    }).toString();
    const create = await rawApi(server.url, 'POST', '/v1/forwarding/requests', form, { 'idempotency-key': 'redaction-1' });
    expect(create.status).toBe(200);
    const fr = create.body;
    expectMatchesSpec('POST', '/v1/forwarding/requests', fr);
    // The destination really got the card.
    expect(JSON.parse(dest.received[dest.received.length - 1].body).card).toEqual({ number: NUMBER, security_code: CVC, m: '09', y: '2033' });
    expect(JSON.parse(fr.request_details.body)).toEqual({ amount: 100, card: { number: '400000******3184', security_code: '***', m: '09', y: '2033' } });
    expect(fr.request_details.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{DESTINATION_API_KEY}}' });
    expect(fr.request_details.headers).toContainEqual({ name: 'X-Api-Key', value: '********' });
    const echoed = JSON.parse(fr.response_details.body);
    expect(echoed.received.card).toEqual({ number: '400000******3184', security_code: '***', m: '09', y: '2033' });
    expect(echoed.note).toBe('card 400000******3184 cvc: ***');
    expect(echoed.key).toBe('{{DESTINATION_API_KEY}}');
    expect(fr.response_details.headers).toContainEqual({ name: 'set-cookie', value: '********' });
    expect(fr.response_details.headers).toContainEqual({ name: 'x-echo-auth', value: 'Bearer {{DESTINATION_API_KEY}}' });

    const retrieved = await rawApi(server.url, 'GET', `/v1/forwarding/requests/${fr.id}`);
    const listed = await rawApi(server.url, 'GET', '/v1/forwarding/requests?limit=10');
    const replay = await rawApi(server.url, 'POST', '/v1/forwarding/requests', form, { 'idempotency-key': 'redaction-1' });
    expect(retrieved.body).toEqual(fr);
    expect(replay.body).toEqual(fr);
    responses = [JSON.stringify(create.body), JSON.stringify(retrieved.body), JSON.stringify(listed.body), JSON.stringify(replay.body)];
  });

  it('the clear card number, CVC and API key appear nowhere: responses, request log, database file', async () => {
    const logText = JSON.stringify(server.engine.core.db.prepare('SELECT * FROM request_log').all());
    server.engine.flushLog();
    const flushedLog = JSON.stringify(server.engine.core.db.prepare('SELECT * FROM request_log').all());
    expect(flushedLog).toContain('/v1/forwarding/requests');
    await server.close();
    const files = readdirSync(dir).filter((f) => f.startsWith('sandbox.sqlite') && !f.endsWith('.vault-key'));
    const dbText = files.map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
    for (const text of [...responses, logText, flushedLog, dbText]) {
      expect(text).not.toContain(NUMBER);
      expect(text).not.toContain(CVC);
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('literal-key-7788');
    }
    expect(responses).toHaveLength(4);
  });
});
