import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPaymentMethodSecrets } from '../../src/engine/resources/payment-methods/index.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { ALL_FEATURES } from '../treasury/support.js';
import { expectStripeError, startFc, type FcServer } from './support.js';

let fc: FcServer;
beforeAll(async () => {
  fc = await startFc();
});
afterAll(() => fc.close());

const pmFrom = (account: string, extra: Record<string, unknown> = {}) =>
  fc.stripe.paymentMethods.create({
    type: 'us_bank_account',
    billing_details: { name: 'Jenny Rosen' },
    us_bank_account: { financial_connections_account: account, ...extra },
  } as never);

describe('a PaymentMethod from a linked account', () => {
  it('takes its bank details from the account into the vault and funds a Treasury InboundTransfer', async () => {
    const account = await fc.account();
    const pm = await pmFrom(account.id);
    expectMatchesSpec('POST', '/v1/payment_methods', pm);
    expect(pm.us_bank_account).toMatchObject({ financial_connections_account: account.id, last4: '6789', routing_number: '110000000', account_type: 'checking' });
    expect(JSON.stringify(pm)).not.toContain('000123456789');
    const secrets = fc.engine.core.db.transaction(() => getPaymentMethodSecrets(fc.engine.core, pm.id))();
    expect(secrets).toEqual({ type: 'us_bank_account', us_bank_account: { account_number: '000123456789', routing_number: '110000000', account_holder_name: 'Jenny Rosen' } });

    const fa = await fc.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: ALL_FEATURES });
    const ibt = await fc.stripe.treasury.inboundTransfers.create({ financial_account: fa.id, amount: 25_000, currency: 'usd', origin_payment_method: pm.id });
    expect(ibt.status).toBe('processing');
    expect(ibt.origin_payment_method_details?.us_bank_account).toMatchObject({ last4: '6789', routing_number: '110000000' });
    // The linked checking account is Stripe's "succeeds" test number: the debit settles a business day later.
    await fc.advance(2 * 86_400);
    expect((await fc.stripe.treasury.inboundTransfers.retrieve(ibt.id)).status).toBe('succeeded');
    const after = await fc.stripe.treasury.financialAccounts.retrieve(fa.id);
    expect(after.balance.cash.usd).toBe(25_000);
    const check = await fc.control('GET', '/ledger/check');
    expect(check.body.ok).toBe(true);
  });

  it('a linked savings account at Sandbox Bank is the insufficient-funds test number: the transfer fails', async () => {
    const s = await fc.session();
    const savings = (await fc.link(s.id, 'sandbox_bank_non_oauth', { accounts: ['savings'] })).accounts.data[0];
    const pm = await pmFrom(savings.id);
    expect(pm.us_bank_account?.account_type).toBe('savings');
    const fa = await fc.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: ALL_FEATURES });
    const ibt = await fc.stripe.treasury.inboundTransfers.create({ financial_account: fa.id, amount: 1_000, currency: 'usd', origin_payment_method: pm.id });
    await fc.advance(2 * 86_400);
    const failed = await fc.stripe.treasury.inboundTransfers.retrieve(ibt.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure_details?.code).toBe('insufficient_funds');
  });

  it('refuses accounts that cannot pay by ACH, were linked without payment_method, or are disconnected — and writes nothing', async () => {
    const param = 'us_bank_account[financial_connections_account]';
    const before = fc.count('payment_method');
    const s = await fc.session();
    const invalid = (await fc.link(s.id, 'invalid_payment_accounts')).accounts.data[0];
    await expectStripeError(pmFrom(invalid.id), 400, { type: 'invalid_request_error', param, message: /does not support the us_bank_account/ });
    const card = await fc.account({}, 'credit_card');
    await expectStripeError(pmFrom(card.id), 400, { param });
    const noPermission = await fc.account({ permissions: ['balances'] });
    await expectStripeError(pmFrom(noPermission.id), 400, { param, message: /payment_method/ });
    const gone = await fc.account();
    await fc.stripe.financialConnections.accounts.disconnect(gone.id);
    await expectStripeError(pmFrom(gone.id), 400, { param, message: /disconnected/ });
    await expectStripeError(pmFrom('fca_missing'), 404, { code: 'resource_missing', param });
    const ok = await fc.account();
    await expectStripeError(pmFrom(ok.id, { account_number: '000123456789' }), 400, { param: 'us_bank_account[account_number]' });
    expect(fc.count('payment_method')).toBe(before);
  });
});
