import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { DAY, START, startTax, stripeError, type TaxServer } from './support.js';

let s: TaxServer;
beforeAll(async () => {
  s = await startTax();
});
afterAll(() => s.close());

describe('tax registrations', () => {
  it('tax registration: creating one before Settings has a head office is refused and writes nothing', async () => {
    const err = await stripeError(
      s.stripe.tax.registrations.create({ country: 'IE', active_from: 'now', country_options: { ie: { type: 'standard' } } }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/head office/);
    expect(s.count('tax.registration')).toBe(0);
  });

  it('tax registration: active_from now makes it active at once', async () => {
    await s.activate();
    const reg = await s.stripe.tax.registrations.create({
      country: 'US',
      active_from: 'now',
      country_options: { us: { state: 'TX', type: 'state_sales_tax' } },
    });
    expectMatchesSpec('POST', '/v1/tax/registrations', reg);
    expect(reg.id).toMatch(/^taxreg_/);
    expect(reg).toMatchObject({ status: 'active', active_from: START, expires_at: null, country: 'US', created: START });
    expect(reg.country_options.us).toEqual({ state: 'TX', type: 'state_sales_tax' });
    const got = await s.stripe.tax.registrations.retrieve(reg.id);
    expectMatchesSpec('GET', '/v1/tax/registrations/{id}', got);
    expect(got).toEqual(reg);
  });

  it('tax registration: a second active registration for the same jurisdiction is refused', async () => {
    const before = s.count('tax.registration');
    const err = await stripeError(
      s.stripe.tax.registrations.create({ country: 'US', active_from: 'now', country_options: { us: { state: 'TX', type: 'state_sales_tax' } } }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/already active/);
    expect(s.count('tax.registration')).toBe(before);
  });

  it('tax registration: the sandbox clock activates a scheduled one and expires it', async () => {
    const reg = await s.stripe.tax.registrations.create({
      country: 'DE',
      active_from: START + DAY,
      expires_at: START + 3 * DAY,
      country_options: { de: { type: 'standard' } },
    });
    expect(reg.status).toBe('scheduled');
    expect(reg.country_options.de).toEqual({ type: 'standard', standard: { place_of_supply_scheme: 'standard' } });
    expect((await s.stripe.tax.registrations.list({ status: 'scheduled' })).data.map((r) => r.id)).toEqual([reg.id]);
    await s.advance(DAY);
    expect((await s.stripe.tax.registrations.retrieve(reg.id)).status).toBe('active');
    expect(s.engine.core.store.get(reg.id)?.status).toBe('active');
    await s.advance(2 * DAY);
    expect((await s.stripe.tax.registrations.retrieve(reg.id)).status).toBe('expired');
    const expired = await s.stripe.tax.registrations.list({ status: 'expired' });
    expectMatchesSpec('GET', '/v1/tax/registrations', expired);
    expect(expired.data.map((r) => r.id)).toEqual([reg.id]);
  });

  it('tax registration: list filters by status and defaults to all', async () => {
    const all = await s.stripe.tax.registrations.list();
    const explicit = await s.stripe.tax.registrations.list({ status: 'all' });
    expect(all.data.length).toBe(2);
    expect(explicit.data.map((r) => r.id)).toEqual(all.data.map((r) => r.id));
    expect((await s.stripe.tax.registrations.list({ status: 'active' })).data.map((r) => r.country)).toEqual(['US']);
    const bad = await s.raw('GET', '/v1/tax/registrations?status=pending');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('status');
  });

  it('tax registration: expires_at now ends it; an expired one cannot change', async () => {
    const reg = await s.stripe.tax.registrations.create({ country: 'GB', active_from: 'now', country_options: { gb: { type: 'standard' } } });
    const ended = await s.stripe.tax.registrations.update(reg.id, { expires_at: 'now' });
    expectMatchesSpec('POST', '/v1/tax/registrations/{id}', ended);
    expect(ended.status).toBe('expired');
    const err = await stripeError(s.stripe.tax.registrations.update(reg.id, { expires_at: 'now' }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('expires_at');
    // A new registration for the same jurisdiction is fine once the old one ended.
    const again = await s.stripe.tax.registrations.create({ country: 'GB', active_from: 'now', country_options: { gb: { type: 'standard' } } });
    expect(again.status).toBe('active');
  });

  it('tax registration: active_from changes only while scheduled', async () => {
    const reg = await s.stripe.tax.registrations.create({ country: 'FR', active_from: START + 40 * DAY, country_options: { fr: { type: 'standard' } } });
    const moved = await s.stripe.tax.registrations.update(reg.id, { active_from: 'now' });
    expect(moved.status).toBe('active');
    const err = await stripeError(s.stripe.tax.registrations.update(reg.id, { active_from: START + 50 * DAY }));
    expect(err.param).toBe('active_from');
    expect((await s.stripe.tax.registrations.retrieve(reg.id)).active_from).toBe(moved.active_from);
  });

  it('tax registration: expires_at must follow active_from and lie ahead', async () => {
    const err = await stripeError(
      s.stripe.tax.registrations.create({ country: 'NO', active_from: START + 10 * DAY, expires_at: START + 5 * DAY, country_options: { no: { type: 'standard' } } }),
    );
    expect(err.param).toBe('expires_at');
    const pastEnd = await stripeError(
      s.stripe.tax.registrations.create({ country: 'NO', active_from: 1000, expires_at: 2000, country_options: { no: { type: 'standard' } } }),
    );
    expect(pastEnd.param).toBe('expires_at');
    const reg = await s.stripe.tax.registrations.create({ country: 'NO', active_from: 'now', country_options: { no: { type: 'standard' } } });
    const past = await stripeError(s.stripe.tax.registrations.update(reg.id, { expires_at: 1000 }));
    expect(past.param).toBe('expires_at');
    const scheduledEnd = await s.stripe.tax.registrations.update(reg.id, { expires_at: s.engine.core.clock.now() + DAY });
    expect(scheduledEnd.expires_at).toBe(s.engine.core.clock.now() + DAY);
    const cleared = await s.raw('POST', `/v1/tax/registrations/${reg.id}`, 'expires_at=');
    expect(cleared.status).toBe(200);
    expect(cleared.body.expires_at).toBeNull();
  });

  it('tax registration: country_options must hold the registration country, shaped for it', async () => {
    const before = s.count('tax.registration');
    const wrong = await stripeError(s.stripe.tax.registrations.create({ country: 'ES', active_from: 'now', country_options: { fr: { type: 'standard' } } }));
    expect(wrong.param).toBe('country_options[fr]');
    const missing = await s.raw('POST', '/v1/tax/registrations', 'country=US&active_from=now&country_options[us][state]=CA&country_options[us][type]=local_lease_tax');
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'country_options[us][local_lease_tax][jurisdiction]' });
    const badType = await s.raw('POST', '/v1/tax/registrations', 'country=CA&active_from=now&country_options[ca][type]=state_sales_tax');
    expect(badType.body.error.param).toBe('country_options[ca][type]');
    const badState = await stripeError(s.stripe.tax.registrations.create({ country: 'US', active_from: 'now', country_options: { us: { state: 'ZZ', type: 'state_sales_tax' } } }));
    expect(badState.param).toBe('country_options[us][state]');
    const noProvince = await s.raw('POST', '/v1/tax/registrations', 'country=CA&active_from=now&country_options[ca][type]=province_standard');
    expect(noProvince.body.error.param).toBe('country_options[ca][province_standard][province]');
    const unknownCountry = await s.raw('POST', '/v1/tax/registrations', 'country=ZZ&active_from=now&country_options[zz][type]=standard');
    expect(unknownCountry.status).toBe(400);
    const noActiveFrom = await s.raw('POST', '/v1/tax/registrations', 'country=IE&country_options[ie][type]=standard');
    expect(noActiveFrom.body.error).toMatchObject({ code: 'parameter_missing', param: 'active_from' });
    expect(s.count('tax.registration')).toBe(before);
  });

  it('tax registration: the newer API\'s countries and US local types are accepted', async () => {
    const local = await s.stripe.tax.registrations.create({
      country: 'US',
      active_from: 'now',
      country_options: { us: { state: 'IL', type: 'local_amusement_tax', local_amusement_tax: { jurisdiction: '14000' } } },
    });
    expectMatchesSpec('POST', '/v1/tax/registrations', local);
    expect(local.country_options.us?.local_amusement_tax).toEqual({ jurisdiction: '14000' });
    const al = await s.stripe.tax.registrations.create({ country: 'AL', active_from: 'now', country_options: { al: { type: 'standard' } } });
    expectMatchesSpec('POST', '/v1/tax/registrations', al);
    const ca = await s.stripe.tax.registrations.create({
      country: 'CA',
      active_from: 'now',
      country_options: { ca: { type: 'province_standard', province_standard: { province: 'BC' } } },
    });
    expect(ca.country_options.ca).toEqual({ type: 'province_standard', province_standard: { province: 'BC' } });
    const oss = await s.stripe.tax.registrations.create({ country: 'IE', active_from: 'now', country_options: { ie: { type: 'oss_union' } } });
    expect(oss.status).toBe('active');
  });

  it('tax registration: retrieving an unknown one is Stripe\'s 404', async () => {
    const err = await stripeError(s.stripe.tax.registrations.retrieve('taxreg_nope'));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
  });

  it('tax registration: there is no delete', async () => {
    const res = await s.raw('DELETE', '/v1/tax/registrations/taxreg_any');
    expect(res.status).toBe(404);
  });

  it('tax registration: the dashboard offers exactly the moves its status allows', async () => {
    const reg = await s.stripe.tax.registrations.create({ country: 'NL', active_from: s.engine.core.clock.now() + DAY, country_options: { nl: { type: 'standard' } } });
    const detail = async () => (await s.control('GET', `/dashboard/objects/${reg.id}`)).body.actions.map((a: { name: string }) => a.name);
    expect(await detail()).toEqual(['activate', 'expire']);
    await s.stripe.tax.registrations.update(reg.id, { active_from: 'now' });
    expect(await detail()).toEqual(['expire']);
    await s.stripe.tax.registrations.update(reg.id, { expires_at: 'now' });
    expect(await detail()).toEqual([]);
  });
});
