import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec, expectObjectMatchesSchema } from '../support/openapi.js';
import { startTax, stripeError, type TaxServer } from './support.js';

let s: TaxServer;
beforeAll(async () => {
  s = await startTax();
});
afterAll(() => s.close());

describe('tax settings', () => {
  it('tax settings: a fresh sandbox is pending with head_office missing', async () => {
    const settings = await s.stripe.tax.settings.retrieve();
    expectMatchesSpec('GET', '/v1/tax/settings', settings);
    expect(settings.status).toBe('pending');
    expect(settings.status_details.pending?.missing_fields).toEqual(['head_office']);
    expect(settings.defaults).toEqual({ provider: 'stripe', tax_behavior: null, tax_code: null });
    expect(settings.head_office).toBeNull();
    expect('id' in settings).toBe(false);
  });

  it('tax settings: a bad head office country is refused and changes nothing', async () => {
    const err = await stripeError(s.stripe.tax.settings.update({ head_office: { address: { country: 'ZZ' } } }));
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe('StripeInvalidRequestError');
    expect(err.param).toBe('head_office[address][country]');
    expect((await s.stripe.tax.settings.retrieve()).status).toBe('pending');
  });

  it('tax settings: a US head office needs a state or ZIP', async () => {
    const err = await stripeError(s.stripe.tax.settings.update({ head_office: { address: { country: 'US' } } }));
    expect(err.param).toBe('head_office[address][postal_code]');
  });

  it('tax settings: an unknown defaults[tax_behavior] is refused by the description', async () => {
    const res = await s.raw('POST', '/v1/tax/settings', 'defaults[tax_behavior]=sideways');
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('defaults[tax_behavior]');
  });

  it('tax settings: setting the head office makes them active and emits tax.settings.updated', async () => {
    const settings = await s.stripe.tax.settings.update({ head_office: { address: { country: 'DE', city: 'Berlin' } } });
    expectMatchesSpec('POST', '/v1/tax/settings', settings);
    expect(settings.status).toBe('active');
    expect(settings.status_details).toEqual({ active: {} });
    expect(settings.head_office?.address).toMatchObject({ country: 'DE', city: 'Berlin', line1: null });
    const events = await s.stripe.events.list({ type: 'tax.settings.updated' });
    expect(events.data).toHaveLength(1);
    const event = events.data[0];
    expectObjectMatchesSchema('event', event);
    expect((event.data.object as { status: string }).status).toBe('active');
    expect(event.data.previous_attributes).toMatchObject({ status: 'pending', head_office: null });
    expect(event.request?.id).toMatch(/^req_/);
  });

  it('tax settings: values change but are not removed; tax_behavior cannot go back to null', async () => {
    await s.stripe.tax.settings.update({ defaults: { tax_behavior: 'inclusive', tax_code: 'txcd_10000000' } });
    const changed = await s.stripe.tax.settings.update({ defaults: { tax_behavior: 'exclusive' } });
    expect(changed.defaults).toEqual({ provider: 'stripe', tax_behavior: 'exclusive', tax_code: 'txcd_10000000' });
    const res = await s.raw('POST', '/v1/tax/settings', 'defaults[tax_behavior]=');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('parameter_invalid_empty');
    expect(res.body.error.param).toBe('defaults[tax_behavior]');
    const head = await s.raw('POST', '/v1/tax/settings', 'head_office=');
    expect(head.status).toBe(400);
    expect((await s.stripe.tax.settings.retrieve()).defaults.tax_behavior).toBe('exclusive');
  });

  it('tax settings: a malformed tax code is refused', async () => {
    const err = await stripeError(s.stripe.tax.settings.update({ defaults: { tax_code: 'general' } }));
    expect(err.param).toBe('defaults[tax_code]');
    expect((await s.stripe.tax.settings.retrieve()).defaults.tax_code).toBe('txcd_10000000');
  });

  it('tax settings: an update that changes nothing emits no event', async () => {
    const before = (await s.stripe.events.list({ type: 'tax.settings.updated' })).data.length;
    await s.stripe.tax.settings.update({ defaults: { tax_behavior: 'exclusive' } });
    expect((await s.stripe.events.list({ type: 'tax.settings.updated' })).data.length).toBe(before);
  });
});
