import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { rawApi } from '../support/server.js';
import { expectStripeError, startFc, type FcServer } from './support.js';

let fc: FcServer;
beforeAll(async () => {
  fc = await startFc();
});
afterAll(() => fc.close());

const SESSIONS = '/v1/financial_connections/sessions';

describe('financial connections sessions', () => {
  it('create returns a client secret, the request as asked and no accounts yet', async () => {
    const s = await fc.session({ prefetch: ['balances'], return_url: 'https://example.com/back', filters: { countries: ['us'] } as never });
    expectMatchesSpec('POST', SESSIONS, s);
    expect(s.id).toMatch(/^fcsess_/);
    expect(s.client_secret).toMatch(new RegExp(`^${s.id}_secret_[0-9A-Za-z]{24}$`));
    expect(s.account_holder).toEqual({ customer: 'cus_TestHolder0001', type: 'customer' });
    expect(s.permissions).toEqual(['payment_method', 'balances', 'ownership', 'transactions']);
    expect(s.prefetch).toEqual(['balances']);
    expect(s.return_url).toBe('https://example.com/back');
    expect(s.filters?.country).toBe('US');
    expect(s.accounts).toEqual({ object: 'list', data: [], has_more: false, url: '/v1/financial_connections/accounts' });
    const again = await fc.stripe.financialConnections.sessions.retrieve(s.id);
    expectMatchesSpec('GET', `${SESSIONS}/{session}`, again);
    expect(again).toEqual(s);
  });

  it('create takes the newer API params: account holder of type account, subcategory filter, limits', async () => {
    const s = await fc.stripe.financialConnections.sessions.create({
      account_holder: { type: 'account', account: 'acct_1TestConnected' },
      permissions: ['balances'],
      filters: { account_subcategories: ['checking'] },
      limits: { accounts: 1 },
    });
    expectMatchesSpec('POST', SESSIONS, s);
    expect(s.account_holder).toEqual({ account: 'acct_1TestConnected', type: 'account' });
    expect(s.filters?.account_subcategories).toEqual(['checking']);
    expect(s.limits).toEqual({ accounts: 1 });
    expect(s.prefetch).toBeNull();
  });

  it('bad input gets Stripe errors and creates nothing', async () => {
    const before = fc.count('financial_connections.session');
    const base = { account_holder: { type: 'customer' as const, customer: 'cus_X1' }, permissions: ['balances' as const] };
    const create = (p: Record<string, unknown>) => fc.stripe.financialConnections.sessions.create({ ...base, ...p } as never);
    await expectStripeError(fc.stripe.financialConnections.sessions.create({ permissions: ['balances'] } as never), 400, {
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param: 'account_holder',
    });
    await expectStripeError(create({ account_holder: { type: 'customer' } }), 400, { code: 'parameter_missing', param: 'account_holder[customer]' });
    await expectStripeError(create({ account_holder: { type: 'customer', customer: 'cus_X', account: 'acct_X' } }), 400, { param: 'account_holder[account]' });
    await expectStripeError(create({ account_holder: { type: 'account', account: 'cus_X' } }), 400, { code: 'resource_missing', param: 'account_holder[account]' });
    await expectStripeError(create({ account_holder: { type: 'bank' } }), 400, { param: 'account_holder[type]' });
    await expectStripeError(create({ permissions: ['wire'] }), 400, { param: 'permissions[0]' });
    await expectStripeError(create({ prefetch: ['ownership'] }), 400, { param: 'prefetch[0]', message: /ownership/ });
    await expectStripeError(create({ return_url: 'not a url' }), 400, { code: 'url_invalid', param: 'return_url' });
    await expectStripeError(create({ filters: { countries: ['USA'] } }), 400, { param: 'filters[countries][0]' });
    await expectStripeError(create({ limits: { accounts: 0 } }), 400, { param: 'limits[accounts]' });
    await expectStripeError(create({ colour: 'blue' }), 400, { code: 'parameter_unknown', param: 'colour' });
    const raw = await rawApi(fc.url, 'POST', SESSIONS, 'account_holder[type]=customer&account_holder[customer]=cus_X');
    expect(raw.status).toBe(400);
    expect(raw.body.error).toMatchObject({ code: 'parameter_missing', param: 'permissions' });
    expect(fc.count('financial_connections.session')).toBe(before);
  });

  it('webhook endpoints accept every Financial Connections event type, the newer API\'s too', async () => {
    const types = [
      ...['created', 'deactivated', 'reactivated', 'disconnected', 'refreshed_balance', 'refreshed_ownership', 'refreshed_transactions'].map((t) => `financial_connections.account.${t}`),
      'financial_connections.account.upcoming_deactivation',
      'financial_connections.authorization.upcoming_deactivation',
    ];
    const endpoint = await fc.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/fc', enabled_events: types as never });
    expect(endpoint.enabled_events).toEqual(types);
  });

  it('retrieve of an unknown session is a 404 naming the session', async () => {
    await expectStripeError(fc.stripe.financialConnections.sessions.retrieve('fcsess_nope'), 404, { code: 'resource_missing', param: 'session' });
  });
});
