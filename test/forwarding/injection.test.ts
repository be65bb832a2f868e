import { createHmac } from 'node:crypto';
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

async function config(body: Record<string, unknown>): Promise<any> {
  const res = await server.control('POST', '/forwarding/configs', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const lastReceived = () => dest.received[dest.received.length - 1];

describe('forwarding: replacements land where the config says', () => {
  it('JSON body: number, expiry month/year, CVC and holder go to their paths; the rest of the body is kept', async () => {
    await config({
      url: `${dest.url}/v1/payments`,
      replacements: {
        card_number: 'paymentMethod.number',
        card_expiry: { month: 'paymentMethod.expiryMonth', year: 'paymentMethod.expiryYear' },
        card_cvc: 'paymentMethod.cvc',
        cardholder_name: 'paymentMethod.holderName',
      },
    });
    const pm = await stripe.paymentMethods.create({
      type: 'card',
      card: { number: '5555555555554444', exp_month: 3, exp_year: 2031, cvc: '987' },
      billing_details: { name: 'First Last' },
    });
    const fr = await stripe.forwarding.requests.create({
      payment_method: pm.id,
      url: `${dest.url}/v1/payments`,
      replacements: ['card_number', 'card_expiry', 'card_cvc', 'cardholder_name'],
      request: { body: JSON.stringify({ amount: { value: 1000, currency: 'usd' }, paymentMethod: { type: 'scheme' }, reference: 'ord_1' }) },
    });
    expectMatchesSpec('POST', '/v1/forwarding/requests', fr);
    const got = JSON.parse(lastReceived().body);
    expect(got).toEqual({
      amount: { value: 1000, currency: 'usd' },
      paymentMethod: { type: 'scheme', number: '5555555555554444', expiryMonth: '03', expiryYear: '2031', cvc: '987', holderName: 'First Last' },
      reference: 'ord_1',
    });
    expect(lastReceived().method).toBe('POST');
    expect(lastReceived().path).toBe('/v1/payments');
    expect(lastReceived().headers['content-type']).toBe('application/json');
    expect(fr.response_details?.status).toBe(200);
    expect(fr.request_context?.destination_ip_address).toBe('127.0.0.1');
    expect(fr.replacements).toEqual(['card_number', 'card_expiry', 'card_cvc', 'cardholder_name']);
  });

  it("a card's CVC expires once forwarded; Stripe's test cards keep theirs", async () => {
    const pm = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2032, cvc: '246' } });
    const send = (payment_method: string) =>
      stripe.forwarding.requests.create({ payment_method, url: `${dest.url}/v1/payments`, replacements: ['card_cvc'], request: { body: '{}' } });
    await send(pm.id);
    expect(JSON.parse(lastReceived().body).paymentMethod.cvc).toBe('246');
    const again = await send(pm.id).catch((e) => e.raw);
    expect(again).toMatchObject({ code: 'forwarding_api_invalid_parameter', param: 'replacements' });
    await send('pm_card_visa');
    await send('pm_card_visa');
    expect(JSON.parse(lastReceived().body).paymentMethod.cvc).toBe('123');
  });

  it('only the requested replacements are injected', async () => {
    await stripe.forwarding.requests.create({
      payment_method: 'pm_card_visa',
      url: `${dest.url}/v1/payments`,
      replacements: ['card_number'],
      request: { body: '{"paymentMethod":{}}' },
    });
    expect(JSON.parse(lastReceived().body)).toEqual({ paymentMethod: { number: '4242424242424242' } });
  });

  it('form body with a combined MM/YY expiry, into bracketed field names', async () => {
    await config({
      url: `${dest.url}/charge`,
      body_format: 'form',
      replacements: { card_number: 'card[pan]', card_expiry: { combined: 'card[exp]', format: 'MM/YY' }, card_cvc: 'card[cvv]' },
    });
    const fr = await stripe.forwarding.requests.create({
      payment_method: 'pm_card_amex',
      url: `${dest.url}/charge`,
      replacements: ['card_number', 'card_expiry', 'card_cvc'],
      request: { body: 'amount=500&currency=usd' },
    });
    const got = new URLSearchParams(lastReceived().body);
    const pm = await stripe.paymentMethods.retrieve('pm_card_amex');
    const exp = `${String(pm.card!.exp_month).padStart(2, '0')}/${String(pm.card!.exp_year).slice(-2)}`;
    expect(Object.fromEntries(got)).toEqual({ amount: '500', currency: 'usd', 'card[pan]': '378282246310005', 'card[exp]': exp, 'card[cvv]': '1234' });
    expect(lastReceived().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(fr.request_details!.body).get('card[pan]')).toBe('378282*****0005');
  });

  it('{{NAME}} placeholders in headers and body are filled from the config secrets when sent, kept when recorded', async () => {
    await config({
      url: `${dest.url}/v2/authorize`,
      replacements: { card_number: 'card.number' },
      secrets: { DESTINATION_API_KEY: 'dk_live_SECRET123', MERCHANT_ID: 'm_777' },
    });
    const fr = await stripe.forwarding.requests.create({
      payment_method: 'pm_card_visa',
      url: `${dest.url}/v2/authorize`,
      replacements: ['card_number'],
      request: {
        body: '{"merchant":"{{MERCHANT_ID}}","reference":"{{NOT_A_SECRET}}"}',
        headers: [
          { name: 'Authorization', value: 'Bearer {{DESTINATION_API_KEY}}' },
          { name: 'Destination-Idempotency-Key', value: 'abc-1' },
        ],
      },
    });
    expect(lastReceived().headers.authorization).toBe('Bearer dk_live_SECRET123');
    expect(lastReceived().headers['destination-idempotency-key']).toBe('abc-1');
    expect(JSON.parse(lastReceived().body)).toEqual({ merchant: 'm_777', reference: '{{NOT_A_SECRET}}', card: { number: '4242424242424242' } });
    expect(fr.request_details!.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{DESTINATION_API_KEY}}' });
    expect(JSON.parse(fr.request_details!.body)).toMatchObject({ merchant: '{{MERCHANT_ID}}', card: { number: '424242******4242' } });
    expect(JSON.stringify(fr)).not.toContain('dk_live_SECRET123');
    expect(JSON.stringify(fr)).not.toContain('m_777');
  });

  it('request_signature: an HMAC of the body as sent, in the configured header, masked in the record', async () => {
    await config({
      url: `${dest.url}/signed`,
      replacements: { card_number: 'pan' },
      request_signature: { header: 'X-Signature', secret: 'sig_secret_1', algorithm: 'sha256', encoding: 'hex', signed_payload: 'timestamp.body', timestamp_header: 'X-Timestamp', prefix: 'v1=' },
    });
    const fr = await stripe.forwarding.requests.create({
      payment_method: 'pm_card_visa',
      url: `${dest.url}/signed`,
      replacements: ['card_number', 'request_signature'],
      request: { body: '{"amount":1}' },
    });
    expectMatchesSpec('POST', '/v1/forwarding/requests', fr);
    const r = lastReceived();
    const expected = createHmac('sha256', 'sig_secret_1').update(`${String(r.headers['x-timestamp'])}.${r.body}`).digest('hex');
    expect(r.headers['x-signature']).toBe(`v1=${expected}`);
    expect(fr.request_details!.headers.find((h) => h.name === 'X-Signature')?.value).toBe('********');
    expect(fr.replacements).toContain('request_signature');
  });

  it('request_signature without a scheme in the config is refused before anything is sent', async () => {
    const before = dest.received.length;
    const err = await stripe.forwarding.requests
      .create({ payment_method: 'pm_card_visa', url: `${dest.url}/v1/payments`, replacements: ['request_signature'], request: { body: '{}' } })
      .catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.raw).toMatchObject({ code: 'forwarding_api_invalid_parameter', param: 'replacements' });
    expect(dest.received.length).toBe(before);
  });

  it('a replacement the config has no location for, a non-JSON body and a bank payment method are refused', async () => {
    const base = { url: `${dest.url}/v2/authorize`, request: { body: '{}' } };
    const noPlace = await stripe.forwarding.requests
      .create({ ...base, payment_method: 'pm_card_visa', replacements: ['card_cvc'] })
      .catch((e) => e.raw);
    expect(noPlace).toMatchObject({ code: 'forwarding_api_invalid_parameter', param: 'replacements' });
    const badJson = await stripe.forwarding.requests
      .create({ ...base, payment_method: 'pm_card_visa', replacements: ['card_number'], request: { body: 'not json' } })
      .catch((e) => e.raw);
    expect(badJson).toMatchObject({ param: 'request[body]' });
    const bank = await stripe.forwarding.requests
      .create({ ...base, payment_method: 'pm_usBankAccount_success', replacements: ['card_number'] })
      .catch((e) => e.raw);
    expect(bank).toMatchObject({ param: 'payment_method' });
    const missing = await stripe.forwarding.requests
      .create({ ...base, payment_method: 'pm_missing', replacements: ['card_number'] })
      .catch((e) => e);
    expect(missing.statusCode).toBe(404);
  });
});
