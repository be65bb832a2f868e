import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec, expectObjectMatchesSchema } from '../support/openapi.js';
import { startFc, type FcServer } from './support.js';

let fc: FcServer;
beforeAll(async () => {
  fc = await startFc();
});
afterAll(() => fc.close());

async function refused(session: string, institution: string, extra: Record<string, unknown> = {}) {
  const res = await fc.control('POST', `/financial_connections/sessions/${session}/complete`, { institution, ...extra });
  return res;
}

describe('completing a session with a test institution', () => {
  it('Test Institution links its checking, savings and credit card accounts, each created with an event', async () => {
    const s = await fc.session();
    const linked = await fc.link(s.id, 'test_institution');
    expectObjectMatchesSchema('financial_connections.session', linked);
    const accounts = linked.accounts.data;
    expect(accounts.map((a) => [a.display_name, a.category, a.subcategory, a.last4, a.supported_payment_method_types])).toEqual([
      ['Sample Checking Account', 'cash', 'checking', '6789', ['link', 'us_bank_account']],
      ['Sample Savings Account', 'cash', 'savings', '4321', ['link', 'us_bank_account']],
      ['Sample Credit Card', 'credit', 'credit_card', '4444', []],
    ]);
    for (const a of accounts) {
      expectObjectMatchesSchema('financial_connections.account', a);
      expect(a).toMatchObject({
        id: expect.stringMatching(/^fca_/),
        institution_name: 'Test Institution',
        status: 'active',
        account_holder: { customer: 'cus_TestHolder0001', type: 'customer' },
        permissions: ['payment_method', 'balances', 'ownership', 'transactions'],
        subscriptions: [],
        balance: null,
        balance_refresh: null,
        transaction_refresh: null,
        livemode: false,
      });
    }
    expect(accounts[0].account_numbers).toEqual([{ expected_expiry_date: null, identifier_type: 'account_number', status: 'transactable', supported_networks: ['ach'] }]);
    const retrieved = await fc.stripe.financialConnections.sessions.retrieve(s.id);
    expectMatchesSpec('GET', '/v1/financial_connections/sessions/{session}', retrieved);
    expect(retrieved.accounts.data.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
    const created = (await fc.events('financial_connections.account.created')).filter((e) => accounts.some((a) => a.id === (e.data.object as { id: string }).id));
    expect(created).toHaveLength(3);
    expect(created.every((e) => e.request?.id === null)).toBe(true);
  });

  it('each successful institution links its own account set', async () => {
    const expected: Record<string, string[]> = {
      test_oauth_institution: ['Sample Checking Account', 'Sample Savings Account', 'Sample Credit Card'],
      ownership_accounts: ['Individual Checking', 'Joint Checking', 'Checking (owner name only)', 'Checking (no ownership data)'],
      sandbox_bank_non_oauth: ['Primary Checking', 'High Yield Savings', 'Sandbox Rewards Card'],
      sandbox_bank_oauth: ['Primary Checking', 'High Yield Savings'],
      invalid_payment_accounts: ['Checking (no ACH)', 'Savings (no ACH)', 'Line of Credit'],
    };
    for (const [institution, names] of Object.entries(expected)) {
      const s = await fc.session();
      const linked = await fc.link(s.id, institution);
      expect(linked.accounts.data.map((a) => a.display_name), institution).toEqual(names);
    }
    const invalid = await fc.link((await fc.session()).id, 'invalid_payment_accounts');
    expect(invalid.accounts.data.every((a) => a.supported_payment_method_types.length === 0)).toBe(true);
    expect(invalid.accounts.data[2].subcategory).toBe('line_of_credit');
  });

  it('prefetch fetches balances, ownership and transactions as the accounts link', async () => {
    const s = await fc.session({ prefetch: ['balances', 'ownership', 'transactions'] });
    const linked = await fc.link(s.id, 'test_institution', { accounts: ['checking', 'credit_card'] });
    const [checking, card] = linked.accounts.data;
    expect(checking.balance).toEqual({ as_of: expect.any(Number), cash: { available: { usd: 1_225_000 } }, current: { usd: 1_250_000 }, type: 'cash' });
    expect(card.balance).toEqual({ as_of: expect.any(Number), credit: { used: { usd: 185_000 } }, current: { usd: -185_000 }, type: 'credit' });
    for (const a of [checking, card]) {
      expect(a.balance_refresh?.status).toBe('succeeded');
      expect(a.ownership_refresh?.status).toBe('succeeded');
      expect(a.ownership).toMatch(/^fcaowns_/);
      expect(a.transaction_refresh).toMatchObject({ id: expect.stringMatching(/^fctxnref_/), status: 'succeeded' });
    }
    const txns = await fc.stripe.financialConnections.transactions.list({ account: checking.id, limit: 5 });
    expect(txns.data.length).toBeGreaterThan(0);
    const balanceEvents = (await fc.events('financial_connections.account.refreshed_balance')).filter((e) => (e.data.object as { id: string }).id === checking.id);
    expect(balanceEvents).toHaveLength(1);
  });

  it('filters and limits narrow what may link; a chosen subset links only those', async () => {
    const s = await fc.session({ filters: { account_subcategories: ['savings'] } });
    const linked = await fc.link(s.id, 'test_institution');
    expect(linked.accounts.data.map((a) => a.subcategory)).toEqual(['savings']);

    const limited = await fc.session({ limits: { accounts: 1 } });
    const tooMany = await refused(limited.id, 'test_institution');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ type: 'invalid_request_error', param: 'accounts' });
    const one = await fc.link(limited.id, 'test_institution', { accounts: ['savings'] });
    expect(one.accounts.data).toHaveLength(1);

    const s2 = await fc.session();
    const bad = await refused(s2.id, 'test_institution', { accounts: ['brokerage'] });
    expect(bad.body.error).toMatchObject({ param: 'accounts[0]' });
    const foreign = await fc.session({ filters: { country: 'FR' } });
    expect((await refused(foreign.id, 'test_institution')).body.error).toMatchObject({ param: 'institution' });
  });

  it('Down Banks answer a 400 saying the institution is unavailable, link nothing, and leave the session open', async () => {
    const s = await fc.session();
    const before = fc.count('financial_connections.account');
    const scheduled = await refused(s.id, 'down_bank_scheduled');
    expect(scheduled.status).toBe(400);
    expect(scheduled.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'institution_unavailable',
      param: 'institution',
      extra_fields: { institution_unavailable: true, expected_to_be_available_at: expect.any(Number) },
    });
    const back = scheduled.body.error.extra_fields.expected_to_be_available_at;
    expect(back).toBeGreaterThan(fc.engine.core.clock.now());
    expect(scheduled.body.error.message).toContain(new Date(back * 1000).toISOString());
    const unscheduled = await refused(s.id, 'down_bank_unscheduled');
    expect(unscheduled.body.error).toMatchObject({ code: 'institution_unavailable', extra_fields: { institution_unavailable: true } });
    expect(unscheduled.body.error.extra_fields.expected_to_be_available_at).toBeUndefined();
    const error = await refused(s.id, 'down_bank_error');
    expect(error.status).toBe(400);
    expect(error.body.error).toMatchObject({ code: 'institution_error', param: 'institution' });
    expect(fc.count('financial_connections.account')).toBe(before);
    expect((await fc.stripe.financialConnections.sessions.retrieve(s.id)).accounts.data).toEqual([]);
    // The user picks another bank and it works.
    expect((await fc.link(s.id, 'test_institution')).accounts.data).toHaveLength(3);
  });

  it('completing twice is a 400 and links nothing more', async () => {
    const s = await fc.session();
    await fc.link(s.id, 'test_institution');
    const count = fc.count('financial_connections.account');
    const again = await refused(s.id, 'test_oauth_institution');
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ type: 'invalid_request_error', code: 'session_completed' });
    expect(fc.count('financial_connections.account')).toBe(count);
  });

  it('Sandbox Bank (Non-OAuth): magic passwords retry, end the session, or pass their prompt', async () => {
    const s = await fc.session();
    const incorrect = await refused(s.id, 'sandbox_bank_non_oauth', { username: 'jenny', password: 'incorrect' });
    expect(incorrect.body.error).toMatchObject({ code: 'incorrect_credentials', param: 'password' });
    const mfa = await fc.link(s.id, 'sandbox_bank_non_oauth', { username: 'jenny', password: 'mfa' });
    expect(mfa.accounts.data).toHaveLength(3);

    const ended = await fc.session();
    const error = await refused(ended.id, 'sandbox_bank_non_oauth', { password: 'error' });
    expect(error.body.error).toMatchObject({ code: 'institution_login_error' });
    const after = await refused(ended.id, 'test_institution');
    expect(after.body.error).toMatchObject({ code: 'session_ended' });
  });

  it('bad control input is a 400 naming the field; an unknown session is a 404', async () => {
    const s = await fc.session();
    expect((await fc.control('POST', `/financial_connections/sessions/${s.id}/complete`, {})).body.error).toMatchObject({ code: 'parameter_missing', param: 'institution' });
    expect((await refused(s.id, 'first_bank_of_nowhere')).body.error).toMatchObject({ param: 'institution' });
    expect((await refused(s.id, 'test_institution', { accounts: 'checking' })).body.error).toMatchObject({ param: 'accounts' });
    const missing = await refused('fcsess_missing', 'test_institution');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'resource_missing' });
    expect(fc.count('financial_connections.account')).toBeGreaterThan(0);
  });

  it('the controls need the dashboard token', async () => {
    const s = await fc.session();
    const res = await fetch(`${fc.url}/_counterfoil/financial_connections/sessions/${s.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ institution: 'test_institution' }),
    });
    expect(res.status).toBe(401);
  });
});
