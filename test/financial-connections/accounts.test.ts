import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { expectStripeError, startFc, type FcServer } from './support.js';

let fc: FcServer;
beforeAll(async () => {
  fc = await startFc();
});
afterAll(() => fc.close());

const ACCOUNTS = '/v1/financial_connections/accounts';

describe('financial connections accounts', () => {
  it('retrieve and list by session and by account holder', async () => {
    const s1 = await fc.session({ account_holder: { type: 'customer', customer: 'cus_ListOne' } });
    const s2 = await fc.session({ account_holder: { type: 'account', account: 'acct_ListTwo' } });
    const a1 = (await fc.link(s1.id)).accounts.data;
    const a2 = (await fc.link(s2.id, 'sandbox_bank_oauth')).accounts.data;
    const one = await fc.stripe.financialConnections.accounts.retrieve(a1[0].id);
    expectMatchesSpec('GET', `${ACCOUNTS}/{account}`, one);
    expect(one).toEqual(a1[0]);
    const bySession = await fc.stripe.financialConnections.accounts.list({ session: s1.id });
    expectMatchesSpec('GET', ACCOUNTS, bySession);
    expect(bySession.data.map((a) => a.id)).toEqual(a1.map((a) => a.id).reverse());
    const byCustomer = await fc.stripe.financialConnections.accounts.list({ account_holder: { customer: 'cus_ListOne' } });
    expect(byCustomer.data.map((a) => a.id).sort()).toEqual(a1.map((a) => a.id).sort());
    const byAccount = await fc.stripe.financialConnections.accounts.list({ account_holder: { account: 'acct_ListTwo' }, limit: 1 });
    expect(byAccount.data).toHaveLength(1);
    expect(byAccount.has_more).toBe(true);
    const next = await fc.stripe.financialConnections.accounts.list({ account_holder: { account: 'acct_ListTwo' }, starting_after: byAccount.data[0].id });
    expect([...byAccount.data, ...next.data].map((a) => a.id).sort()).toEqual(a2.map((a) => a.id).sort());
    await expectStripeError(fc.stripe.financialConnections.accounts.retrieve('fca_nope'), 404, { code: 'resource_missing', param: 'account' });
  });

  it('deactivate and reactivate move an account, each once, with events', async () => {
    const a = await fc.account();
    const off = await fc.control('POST', `/financial_connections/accounts/${a.id}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('inactive');
    const twice = await fc.control('POST', `/financial_connections/accounts/${a.id}/deactivate`);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/status of `inactive`/);
    // Inactive: no refreshes, no subscription; data stays readable.
    await expectStripeError(fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['balance'] }), 400, { type: 'invalid_request_error', message: /inactive/ });
    await expectStripeError(fc.stripe.financialConnections.accounts.subscribe(a.id, { features: ['transactions'] }), 400, { message: /inactive/ });
    expect((await fc.stripe.financialConnections.transactions.list({ account: a.id })).data).toEqual([]);
    expect((await fc.stripe.financialConnections.accounts.retrieve(a.id)).status).toBe('inactive');
    const on = await fc.control('POST', `/financial_connections/accounts/${a.id}/reactivate`);
    expect(on.body.status).toBe('active');
    expect((await fc.control('POST', `/financial_connections/accounts/${a.id}/reactivate`)).status).toBe(400);
    const deactivated = (await fc.events('financial_connections.account.deactivated')).filter((e) => (e.data.object as { id: string }).id === a.id);
    const reactivated = (await fc.events('financial_connections.account.reactivated')).filter((e) => (e.data.object as { id: string }).id === a.id);
    expect(deactivated).toHaveLength(1);
    expect(deactivated[0].data.previous_attributes).toEqual({ status: 'active' });
    expect(reactivated).toHaveLength(1);
    expect(reactivated[0].data.previous_attributes).toEqual({ status: 'inactive' });
  });

  it('a disconnected account refuses everything but retrieve', async () => {
    const a = await fc.account({ prefetch: ['ownership'] });
    const sub = await fc.stripe.financialConnections.accounts.subscribe(a.id, { features: ['transactions'] });
    expect(sub.transaction_refresh?.status).toBe('pending');
    const gone = await fc.stripe.financialConnections.accounts.disconnect(a.id);
    expectMatchesSpec('POST', `${ACCOUNTS}/{account}/disconnect`, gone);
    expect(gone.status).toBe('disconnected');
    expect(gone.subscriptions).toEqual([]);
    expect(gone.transaction_refresh?.status).toBe('failed');
    const ev = (await fc.events('financial_connections.account.disconnected')).find((e) => (e.data.object as { id: string }).id === a.id)!;
    expect(ev.request?.id).toMatch(/^req_/);
    const s = fc.stripe.financialConnections;
    const refused = { type: 'invalid_request_error', message: /disconnected/ } as const;
    await expectStripeError(s.accounts.disconnect(a.id), 400, refused);
    await expectStripeError(s.accounts.refresh(a.id, { features: ['balance'] }), 400, refused);
    await expectStripeError(s.accounts.subscribe(a.id, { features: ['transactions'] }), 400, refused);
    await expectStripeError(s.accounts.unsubscribe(a.id, { features: ['transactions'] }), 400, refused);
    await expectStripeError(s.accounts.listOwners(a.id, { ownership: a.ownership as string }), 400, refused);
    await expectStripeError(s.transactions.list({ account: a.id }), 400, refused);
    expect((await fc.control('POST', `/financial_connections/accounts/${a.id}/deactivate`)).status).toBe(400);
    expect((await fc.control('POST', `/financial_connections/accounts/${a.id}/reactivate`)).status).toBe(400);
    expect((await s.accounts.retrieve(a.id)).status).toBe('disconnected');
    // Nothing was refreshed for it afterwards.
    await fc.advance(2 * 86_400);
    expect((await s.accounts.retrieve(a.id)).transaction_refresh?.status).toBe('failed');
  });

  it('refresh needs the permission it refreshes and valid features', async () => {
    const a = await fc.account({ permissions: ['payment_method'] });
    await expectStripeError(fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['balance'] }), 400, { param: 'features', message: /`balances` permission/ });
    await expectStripeError(fc.stripe.financialConnections.accounts.subscribe(a.id, { features: ['transactions'] }), 400, { param: 'features' });
    await expectStripeError(fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['weather'] } as never), 400, { param: 'features[0]' });
    await expectStripeError(fc.stripe.financialConnections.accounts.refresh(a.id, {} as never), 400, { code: 'parameter_missing', param: 'features' });
    const after = await fc.stripe.financialConnections.accounts.retrieve(a.id);
    expect(after.balance_refresh).toBeNull();
    expect(fc.engine.core.scheduler.nextRunAt()).toBeUndefined();
  });
});
