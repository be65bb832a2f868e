import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { ALL_FEATURES, expectEveryResponseMatchesSpec, impact, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
beforeAll(async () => {
  s = await startTreasury();
});
afterAll(() => s.close());

const FA = '/v1/treasury/financial_accounts';

describe('financial accounts', () => {
  test('create makes requested features active at once and gives an ABA address under the test routing number', async () => {
    const fa = await s.stripe.treasury.financialAccounts.create({
      supported_currencies: ['usd'],
      features: ALL_FEATURES,
      metadata: { team: 'ops' },
      nickname: 'Operating',
    });
    expectMatchesSpec('POST', FA, fa);
    expect(fa).toMatchObject({ status: 'open', country: 'US', nickname: 'Operating', metadata: { team: 'ops' }, pending_features: [] });
    expect(fa.active_features).toEqual(expect.arrayContaining(['financial_addresses.aba', 'outbound_payments.ach', 'inbound_transfers.ach']));
    expect(fa.balance).toEqual({ cash: { usd: 0 }, inbound_pending: { usd: 0 }, outbound_pending: { usd: 0 } });
    expect(fa.financial_addresses).toHaveLength(1);
    expect(fa.financial_addresses[0]).toMatchObject({ type: 'aba', aba: { routing_number: '110000000', bank_name: 'STRIPE TEST BANK' } });
    expect(fa.financial_addresses[0].aba!.account_number_last4).toMatch(/^\d{4}$/);
    expect(fa.features).toBeUndefined();
    const withFeatures = await s.stripe.treasury.financialAccounts.retrieve(fa.id, { expand: ['features'] });
    expect(withFeatures.features?.outbound_payments?.ach).toEqual({ requested: true, status: 'active', status_details: [] });
    const types = (await s.stripe.events.list({ limit: 100 })).data.filter((e) => (e.data.object as { id: string }).id === fa.id).map((e) => e.type);
    expect(types.sort()).toEqual(['treasury.financial_account.created', 'treasury.financial_account.features_status_updated']);
  });

  test('features can be read and changed on their own endpoint', async () => {
    const fa = await s.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'] });
    expect(fa.active_features).toEqual([]);
    expect(fa.financial_addresses).toEqual([]);
    const features = await s.stripe.treasury.financialAccounts.updateFeatures(fa.id, { card_issuing: { requested: true }, financial_addresses: { aba: { requested: true } } });
    expectMatchesSpec('POST', `${FA}/{financial_account}/features`, features);
    expect(features).toMatchObject({ object: 'treasury.financial_account_features', card_issuing: { status: 'active' }, financial_addresses: { aba: { status: 'active' } } });
    const read = await s.stripe.treasury.financialAccounts.retrieveFeatures(fa.id);
    expectMatchesSpec('GET', `${FA}/{financial_account}/features`, read);
    expect(read).toEqual(features);
    const off = await s.stripe.treasury.financialAccounts.updateFeatures(fa.id, { card_issuing: { requested: false } });
    expect(off.card_issuing).toBeUndefined();
    const after = await s.stripe.treasury.financialAccounts.retrieve(fa.id);
    expect(after.active_features).toEqual(['financial_addresses.aba']);
    expect(after.financial_addresses).toHaveLength(1);
  });

  test('a platform restriction restricts the features of that direction and refuses their flows', async () => {
    const fa = await s.account();
    await s.fund(fa.id, 1_000);
    const restricted = await s.stripe.treasury.financialAccounts.update(fa.id, { platform_restrictions: { outbound_flows: 'restricted' } });
    expectMatchesSpec('POST', `${FA}/{financial_account}`, restricted);
    expect(restricted.restricted_features).toEqual(expect.arrayContaining(['outbound_payments.ach', 'outbound_transfers.ach', 'intra_stripe_flows']));
    expect(restricted.active_features).toEqual(expect.arrayContaining(['inbound_transfers.ach', 'financial_addresses.aba']));
    const features = await s.stripe.treasury.financialAccounts.retrieveFeatures(fa.id);
    expect(features.outbound_payments?.ach?.status_details).toEqual([{ code: 'restricted_by_platform', resolution: 'remove_restriction', restriction: 'outbound_flows' }]);
    const err = await s.stripe.treasury.outboundPayments
      .create({ financial_account: fa.id, amount: 10, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' })
      .catch((e) => e);
    expect(err.statusCode).toBe(400);
    const rd = await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa.id, amount: 10, currency: 'usd', network: 'ach' });
    expect(rd.failure_code).toBe('account_frozen');
    const lifted = await s.stripe.treasury.financialAccounts.update(fa.id, { platform_restrictions: { outbound_flows: 'unrestricted' } });
    expect(lifted.restricted_features).toEqual([]);
  });

  test('update merges metadata and clears the nickname with an empty string', async () => {
    const fa = await s.account({ metadata: { a: '1', b: '2' }, nickname: 'Old' });
    const updated = await s.stripe.treasury.financialAccounts.update(fa.id, { metadata: { a: '', c: '3' }, nickname: '' });
    expect(updated.metadata).toEqual({ b: '2', c: '3' });
    expect(updated.nickname).toBeNull();
  });

  test('an account with money in it cannot be closed; an empty one closes, for good', async () => {
    const fa = await s.account();
    await s.fund(fa.id, 100);
    const err = await s.stripe.treasury.financialAccounts.close(fa.id).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('balance is not zero');
    expect((await s.stripe.treasury.financialAccounts.retrieve(fa.id)).status).toBe('open');
    await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa.id, amount: 100, currency: 'usd', network: 'ach' });
    const closed = await s.stripe.treasury.financialAccounts.close(fa.id);
    expectMatchesSpec('POST', `${FA}/{financial_account}/close`, closed);
    expect(closed).toMatchObject({ status: 'closed', status_details: { closed: { reasons: ['closed_by_platform'] } }, active_features: [] });
    expect(closed.restricted_features?.length).toBeGreaterThan(0);
    const again = await s.stripe.treasury.financialAccounts.close(fa.id).catch((e) => e);
    expect(again.statusCode).toBe(400);
    const pay = await s.stripe.treasury.outboundPayments
      .create({ financial_account: fa.id, amount: 1, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' })
      .catch((e) => e);
    expect(pay.message).toContain('closed');
    const events = await s.stripe.events.list({ type: 'treasury.financial_account.closed' });
    expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(fa.id);
  });

  test('list filters by status and created, and an unknown account is a 404', async () => {
    const open = await s.account();
    const list = await s.stripe.treasury.financialAccounts.list({ status: 'open', limit: 100 });
    expectMatchesSpec('GET', FA, list);
    expect(list.data.every((a) => a.status === 'open')).toBe(true);
    expect(list.data.map((a) => a.id)).toContain(open.id);
    const closed = await s.stripe.treasury.financialAccounts.list({ status: 'closed', limit: 100 });
    expect(closed.data.map((a) => a.id)).not.toContain(open.id);
    const future = await s.stripe.treasury.financialAccounts.list({ created: { gt: open.created + 1 } });
    expect(future.data).toEqual([]);
    const missing = await s.stripe.treasury.financialAccounts.retrieve('fa_missing').catch((e) => e);
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
  });

  test('each currency has its own balances and its own ledger sums', async () => {
    const fa = await s.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd', 'eur'], features: ALL_FEATURES });
    expect(fa.balance.cash).toEqual({ usd: 0, eur: 0 });
    await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount: 900, currency: 'eur', network: 'ach' });
    await s.fund(fa.id, 100);
    await s.stripe.treasury.outboundPayments.create({ financial_account: fa.id, amount: 300, currency: 'eur', destination_payment_method: 'pm_usBankAccount_processing' });
    const err = await s.stripe.treasury.outboundPayments
      .create({ financial_account: fa.id, amount: 300, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' })
      .catch((e) => e);
    expect(err.code).toBe('insufficient_funds');
    const { balance } = await s.stripe.treasury.financialAccounts.retrieve(fa.id);
    expect(balance).toEqual({ cash: { usd: 100, eur: 600 }, inbound_pending: { usd: 0, eur: 0 }, outbound_pending: { usd: 0, eur: 300 } });
    await s.ledgerOk();
  });

  test('an unknown currency is refused; flows in a currency the account does not hold are refused', async () => {
    const bad = await s.stripe.treasury.financialAccounts.create({ supported_currencies: ['zzz'] }).catch((e) => e);
    expect(bad.statusCode).toBe(400);
    const fa = await s.account();
    const eur = await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount: 5, currency: 'eur', network: 'ach' }).catch((e) => e);
    expect(eur.param).toBe('currency');
    expect(await s.balance(fa.id)).toEqual(impact());
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
