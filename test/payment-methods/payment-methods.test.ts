import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { expectMatchesSpec, expectObjectMatchesSchema } from '../support/openapi.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startServer();
  stripe = server.stripe;
});
afterAll(() => server.close());

const nextYear = new Date().getUTCFullYear() + 1;

describe('payment methods: create', () => {
  it('a card keeps only brand, last4, expiry and a fingerprint; never the number or CVC', async () => {
    const pm = await stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: nextYear, cvc: '314' },
      billing_details: { name: 'Ada Lovelace', email: 'ada@example.com', address: { country: 'GB', postal_code: 'N1' } },
      metadata: { order: '42' },
    });
    expectMatchesSpec('POST', '/v1/payment_methods', pm);
    expectObjectMatchesSchema('payment_method', pm);
    expect(pm.id).toMatch(/^pm_1/);
    expect(pm).toMatchObject({ object: 'payment_method', type: 'card', livemode: false, customer: null, metadata: { order: '42' } });
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: nextYear, funding: 'credit', country: 'US' });
    expect(pm.card?.checks?.cvc_check).toBe('unchecked');
    expect(pm.billing_details).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: null,
      address: { city: null, country: 'GB', line1: null, line2: null, postal_code: 'N1', state: null },
    });
    const text = JSON.stringify(pm);
    expect(text).not.toContain('4242424242424242');
    expect(text).not.toContain('314');
  });

  it('the same card number gets the same fingerprint, a different one another', async () => {
    const card = (number: string) =>
      stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 1, exp_year: nextYear } });
    const [a, b, c] = await Promise.all([card('5555555555554444'), card('5555555555554444'), card('4000056655665556')]);
    expect(a.card?.brand).toBe('mastercard');
    expect(a.card?.fingerprint).toBe(b.card?.fingerprint);
    expect(a.card?.fingerprint).not.toBe(c.card?.fingerprint);
    expect(c.card).toMatchObject({ brand: 'visa', funding: 'debit' });
  });

  it('detects amex, discover, diners, jcb and unionpay by number', async () => {
    const numbers: Record<string, string> = {
      amex: '378282246310005',
      discover: '6011111111111117',
      diners: '3056930009020004',
      jcb: '3566002020360505',
      unionpay: '6200000000000005',
    };
    for (const [brand, number] of Object.entries(numbers)) {
      const pm = await stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 6, exp_year: nextYear } });
      expect(pm.card?.brand).toBe(brand);
      expect(pm.card?.last4).toBe(number.slice(-4));
    }
  });

  it('a number failing the Luhn check is card_error incorrect_number (402)', async () => {
    const err = await stripe.paymentMethods
      .create({ type: 'card', card: { number: '4242424242424241', exp_month: 1, exp_year: nextYear } })
      .catch((e) => e);
    expect(err.statusCode).toBe(402);
    expect(err.type).toBe('StripeCardError');
    expect(err.raw).toMatchObject({ type: 'card_error', code: 'incorrect_number', param: 'card[number]' });
  });

  it('a past expiry year, a bad month and a bad CVC are refused with their codes', async () => {
    const attempt = (card: Record<string, unknown>) =>
      stripe.paymentMethods.create({ type: 'card', card: card as never }).catch((e) => e.raw);
    expect(await attempt({ number: '4242424242424242', exp_month: 1, exp_year: 2001 })).toMatchObject({
      code: 'invalid_expiry_year',
    });
    expect(await attempt({ number: '4242424242424242', exp_month: 13, exp_year: nextYear })).toMatchObject({
      code: 'invalid_expiry_month',
    });
    expect(await attempt({ number: '4242424242424242', exp_month: 1, exp_year: nextYear, cvc: '12' })).toMatchObject({
      code: 'invalid_cvc',
      param: 'card[cvc]',
    });
  });

  it('type card without card details is a missing param', async () => {
    const res = await rawApi(server.url, 'POST', '/v1/payment_methods', 'type=card');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_missing', param: 'card' });
  });

  it('unknown nested params and unsupported types are refused', async () => {
    const unknown = await rawApi(server.url, 'POST', '/v1/payment_methods', 'type=card&card[numbr]=4242424242424242');
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'card[numbr]' });
    const type = await rawApi(server.url, 'POST', '/v1/payment_methods', 'type=sepa_debit');
    expect(type.status).toBe(400);
    expect(type.body.error.param).toBe('type');
  });

  it('a US bank account keeps last4, routing number and bank name, never the account number', async () => {
    const pm = await stripe.paymentMethods.create({
      type: 'us_bank_account',
      us_bank_account: { account_number: '000123456789', routing_number: '110000000', account_holder_type: 'company' },
      billing_details: { name: 'Acme Supplies' },
    });
    expectObjectMatchesSchema('payment_method', pm);
    expect(pm.us_bank_account).toMatchObject({
      last4: '6789',
      routing_number: '110000000',
      bank_name: 'STRIPE TEST BANK',
      account_holder_type: 'company',
      account_type: 'checking',
    });
    expect(JSON.stringify(pm)).not.toContain('000123456789');
  });

  it('a US bank account needs the holder name, a valid routing number and a numeric account number', async () => {
    const base = { account_number: '000123456789', routing_number: '110000000' };
    const noName = await stripe.paymentMethods.create({ type: 'us_bank_account', us_bank_account: base }).catch((e) => e.raw);
    expect(noName).toMatchObject({ code: 'parameter_missing', param: 'billing_details[name]' });
    const badRouting = await stripe.paymentMethods
      .create({ type: 'us_bank_account', us_bank_account: { ...base, routing_number: '110000001' }, billing_details: { name: 'x' } })
      .catch((e) => e.raw);
    expect(badRouting).toMatchObject({ code: 'routing_number_invalid', param: 'us_bank_account[routing_number]' });
    const badAccount = await stripe.paymentMethods
      .create({ type: 'us_bank_account', us_bank_account: { ...base, account_number: '12-34' }, billing_details: { name: 'x' } })
      .catch((e) => e.raw);
    expect(badAccount).toMatchObject({ code: 'account_number_invalid' });
  });
});

describe('payment methods: retrieve', () => {
  it('returns what create returned', async () => {
    const pm = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 3, exp_year: nextYear } });
    const fetched = await stripe.paymentMethods.retrieve(pm.id);
    expectMatchesSpec('GET', '/v1/payment_methods/{payment_method}', fetched);
    expect(fetched).toEqual(pm);
  });

  it('an unknown id is resource_missing (404)', async () => {
    const err = await stripe.paymentMethods.retrieve('pm_nope').catch((e) => e);
    expect(err.statusCode).toBe(404);
    expect(err.raw).toMatchObject({ code: 'resource_missing', message: "No such PaymentMethod: 'pm_nope'" });
  });

  it("Stripe's test card ids resolve with their brand, last4 and a future expiry, and stay stable", async () => {
    const expected: Record<string, { brand: string; last4: string; funding: string }> = {
      pm_card_visa: { brand: 'visa', last4: '4242', funding: 'credit' },
      pm_card_visa_debit: { brand: 'visa', last4: '5556', funding: 'debit' },
      pm_card_mastercard: { brand: 'mastercard', last4: '4444', funding: 'credit' },
      pm_card_mastercard_prepaid: { brand: 'mastercard', last4: '5100', funding: 'prepaid' },
      pm_card_amex: { brand: 'amex', last4: '0005', funding: 'credit' },
      pm_card_discover: { brand: 'discover', last4: '1117', funding: 'credit' },
    };
    for (const [id, card] of Object.entries(expected)) {
      const pm = await stripe.paymentMethods.retrieve(id);
      expectObjectMatchesSchema('payment_method', pm);
      expect(pm.id).toBe(id);
      expect(pm.card).toMatchObject(card);
      expect(pm.card!.exp_year).toBeGreaterThan(new Date().getUTCFullYear());
      expect(await stripe.paymentMethods.retrieve(id)).toEqual(pm);
    }
  });

  it("Stripe's us_bank_account test ids resolve to routing 110000000 and their account's last4", async () => {
    const cases: Record<string, string> = {
      pm_usBankAccount_success: '6789',
      pm_usBankAccount_accountClosed: '1113',
      pm_usBankAccount_noAccount: '1116',
      pm_usBankAccount_insufficientFunds: '2227',
      pm_usBankAccount_processing: '0009',
      pm_usBankAccount_internalFailure: '0234',
    };
    for (const [id, last4] of Object.entries(cases)) {
      const pm = await stripe.paymentMethods.retrieve(id);
      expectObjectMatchesSchema('payment_method', pm);
      expect(pm.type).toBe('us_bank_account');
      expect(pm.us_bank_account).toMatchObject({ last4, routing_number: '110000000', bank_name: 'STRIPE TEST BANK' });
      expect(pm.billing_details.name).toBeTruthy();
    }
  });
});
