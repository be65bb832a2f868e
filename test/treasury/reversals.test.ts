import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { expectEveryResponseMatchesSpec, impact, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
beforeAll(async () => {
  s = await startTreasury();
});
afterAll(() => s.close());

const RC_HELPER = '/v1/test_helpers/treasury/received_credits';

describe('received credits', () => {
  test('an ACH credit posts cash at once and can be reversed until its deadline', async () => {
    const fa = (await s.account()).id;
    const rc = await s.stripe.testHelpers.treasury.receivedCredits.create({
      financial_account: fa,
      amount: 1_500,
      currency: 'usd',
      network: 'ach',
      description: 'Invoice 7',
      initiating_payment_method_details: { type: 'us_bank_account', us_bank_account: { account_holder_name: 'Ada', routing_number: '110000000', account_number: '000123456789' } },
    });
    expectMatchesSpec('POST', RC_HELPER, rc);
    expect(rc).toMatchObject({ status: 'succeeded', network: 'ach', failure_code: null, reversal_details: { restricted_reason: null } });
    expect(rc.reversal_details!.deadline).toBeGreaterThan(rc.created);
    expect(rc.initiating_payment_method_details).toMatchObject({ billing_details: { name: 'Ada' }, us_bank_account: { last4: '6789', bank_name: 'STRIPE TEST BANK' } });
    expect(await s.entries(fa, rc.transaction as string)).toEqual([['received_credit', impact(1_500)]]);
    expect((await s.stripe.treasury.transactions.retrieve(rc.transaction as string)).status).toBe('posted');
    await s.ledgerOk();
  });

  test('an RTP credit (newer API) posts at once and cannot be reversed', async () => {
    const fa = (await s.account()).id;
    const rc = await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa, amount: 2_000, currency: 'usd', network: 'rtp' });
    expect(rc).toMatchObject({ status: 'succeeded', network: 'rtp', reversal_details: { deadline: null, restricted_reason: 'network_restricted' } });
    expect(await s.entries(fa, rc.transaction as string)).toEqual([['received_credit', impact(2_000)]]);
    const refused = await s.stripe.treasury.creditReversals.create({ received_credit: rc.id }).catch((e) => e);
    expect(refused.statusCode).toBe(400);
    expect(await s.balance(fa)).toEqual(impact(2_000));
    await s.ledgerOk();
  });

  test('a credit to a closed account fails with account_closed and moves no money', async () => {
    const fa = (await s.account()).id;
    await s.stripe.treasury.financialAccounts.close(fa);
    const rc = await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa, amount: 100, currency: 'usd', network: 'ach' });
    expectMatchesSpec('POST', RC_HELPER, rc);
    expect(rc).toMatchObject({ status: 'failed', failure_code: 'account_closed', transaction: null });
    expect(await s.balance(fa)).toEqual(impact());
    const failed = await s.stripe.treasury.receivedCredits.list({ financial_account: fa, status: 'failed' });
    expectMatchesSpec('GET', '/v1/treasury/received_credits', failed);
    expect(failed.data.map((c) => c.id)).toEqual([rc.id]);
  });

  test('a credit to an account whose inbound flows the platform restricted fails with account_frozen', async () => {
    const fa = await s.account({ platform_restrictions: { inbound_flows: 'restricted' } });
    const rc = await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount: 100, currency: 'usd', network: 'us_domestic_wire' });
    expect(rc).toMatchObject({ status: 'failed', failure_code: 'account_frozen' });
  });
});

describe('credit reversals', () => {
  test('a reversal holds the amount, then posts when the sandbox clock passes its time', async () => {
    const fa = (await s.account()).id;
    const rc = await s.fund(fa, 2_000);
    const cr = await s.stripe.treasury.creditReversals.create({ received_credit: rc.id, metadata: { why: 'duplicate' } });
    expectMatchesSpec('POST', '/v1/treasury/credit_reversals', cr);
    expect(cr).toMatchObject({ status: 'processing', amount: 2_000, network: 'ach', metadata: { why: 'duplicate' } });
    expect(await s.balance(fa)).toEqual(impact(0, 0, 2_000));
    const after = await s.stripe.treasury.receivedCredits.retrieve(rc.id);
    expect(after.reversal_details).toEqual({ deadline: null, restricted_reason: 'already_reversed' });
    expect(after.linked_flows.credit_reversal).toBe(cr.id);

    await s.advance(2 * 86_400);
    const posted = await s.stripe.treasury.creditReversals.retrieve(cr.id);
    expectMatchesSpec('GET', '/v1/treasury/credit_reversals/{credit_reversal}', posted);
    expect(posted.status).toBe('posted');
    expect(posted.status_transitions.posted_at).not.toBeNull();
    expect(await s.entries(fa, cr.transaction as string)).toEqual([
      ['credit_reversal', impact(-2_000, 0, 2_000)],
      ['credit_reversal_posting', impact(0, 0, -2_000)],
    ]);
    expect(await s.balance(fa)).toEqual(impact());
    await s.ledgerOk();
  });

  test('reversing twice is refused with already_reversed', async () => {
    const fa = (await s.account()).id;
    const rc = await s.fund(fa, 300);
    await s.stripe.treasury.creditReversals.create({ received_credit: rc.id });
    const err = await s.stripe.treasury.creditReversals.create({ received_credit: rc.id }).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('already_reversed');
    const list = await s.stripe.treasury.creditReversals.list({ financial_account: fa, received_credit: rc.id });
    expect(list.data).toHaveLength(1);
  });

  test('a wire credit is network_restricted and an expired ACH credit is deadline_passed', async () => {
    const fa = (await s.account()).id;
    const wire = await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa, amount: 100, currency: 'usd', network: 'us_domestic_wire' });
    expect(wire.reversal_details).toEqual({ deadline: null, restricted_reason: 'network_restricted' });
    const refused = await s.stripe.treasury.creditReversals.create({ received_credit: wire.id }).catch((e) => e);
    expect(refused.message).toContain('network_restricted');

    const ach = await s.fund(fa, 100);
    await s.advance(ach.reversal_details!.deadline! - ach.created);
    expect((await s.stripe.treasury.receivedCredits.retrieve(ach.id)).reversal_details?.restricted_reason).toBe('deadline_passed');
    const late = await s.stripe.treasury.creditReversals.create({ received_credit: ach.id }).catch((e) => e);
    expect(late.message).toContain('deadline_passed');
    expect(await s.balance(fa)).toEqual(impact(200));
  });

  test('controls post a reversal now or cancel it, which gives the cash back', async () => {
    const fa = (await s.account()).id;
    const a = await s.stripe.treasury.creditReversals.create({ received_credit: (await s.fund(fa, 100)).id });
    const b = await s.stripe.treasury.creditReversals.create({ received_credit: (await s.fund(fa, 200)).id });
    const posted = await s.control('POST', `/treasury/credit_reversals/${a.id}/post`);
    expect(posted.body.status).toBe('posted');
    const canceled = await s.control('POST', `/treasury/credit_reversals/${b.id}/cancel`);
    expect(canceled.body.status).toBe('canceled');
    expect(await s.balance(fa)).toEqual(impact(200));
    expect((await s.stripe.treasury.transactions.retrieve(b.transaction as string)).status).toBe('void');
    const again = await s.control('POST', `/treasury/credit_reversals/${a.id}/cancel`);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('status of `posted`');
    await s.advance(5 * 86_400);
    expect((await s.stripe.treasury.creditReversals.retrieve(b.id)).status).toBe('canceled');
    const processing = await s.stripe.treasury.creditReversals.list({ financial_account: fa, status: 'posted' });
    expectMatchesSpec('GET', '/v1/treasury/credit_reversals', processing);
    expect(processing.data.map((c) => c.id)).toEqual([a.id]);
    await s.ledgerOk();
  });

  test('a reversal needs the cash it takes back', async () => {
    const fa = (await s.account()).id;
    const rc = await s.fund(fa, 1_000);
    await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa, amount: 600, currency: 'usd', network: 'ach' });
    const err = await s.stripe.treasury.creditReversals.create({ received_credit: rc.id }).catch((e) => e);
    expect(err.code).toBe('insufficient_funds');
    expect((await s.stripe.treasury.receivedCredits.retrieve(rc.id)).reversal_details?.restricted_reason).toBeNull();
  });
});

describe('debit reversals', () => {
  async function debited(amount: number) {
    const fa = (await s.account()).id;
    await s.fund(fa, 5_000);
    const rd = await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa, amount, currency: 'usd', network: 'ach' });
    return { fa, rd };
  }

  test('a reversal claims the money back as inbound_pending and, won on the clock, returns it to cash', async () => {
    const { fa, rd } = await debited(1_000);
    const dr = await s.stripe.treasury.debitReversals.create({ received_debit: rd.id });
    expectMatchesSpec('POST', '/v1/treasury/debit_reversals', dr);
    expect(dr).toMatchObject({ status: 'processing', amount: 1_000, network: 'ach', status_transitions: { completed_at: null } });
    expect(await s.balance(fa)).toEqual(impact(4_000, 1_000, 0));
    expect((await s.stripe.treasury.receivedDebits.retrieve(rd.id)).linked_flows.debit_reversal).toBe(dr.id);
    await s.advance(4 * 86_400);
    const won = await s.stripe.treasury.debitReversals.retrieve(dr.id);
    expectMatchesSpec('GET', '/v1/treasury/debit_reversals/{debit_reversal}', won);
    expect(won.status).toBe('succeeded');
    expect(won.status_transitions.completed_at).not.toBeNull();
    expect(await s.balance(fa)).toEqual(impact(5_000));
    expect(await s.entries(fa, dr.transaction as string)).toEqual([
      ['debit_reversal', impact(0, 1_000, 0)],
      ['debit_reversal', impact(1_000, -1_000, 0)],
    ]);
    await s.ledgerOk();
  });

  test('a lost reversal leaves the money gone and voids its transaction; resolving twice is refused', async () => {
    const { fa, rd } = await debited(700);
    const dr = await s.stripe.treasury.debitReversals.create({ received_debit: rd.id });
    const lost = await s.control('POST', `/treasury/debit_reversals/${dr.id}/resolve`, { outcome: 'lost' });
    expect(lost.body).toMatchObject({ status: 'failed' });
    expect(await s.balance(fa)).toEqual(impact(4_300));
    const again = await s.control('POST', `/treasury/debit_reversals/${dr.id}/resolve`, { outcome: 'won' });
    expect(again.status).toBe(400);
    const twice = await s.stripe.treasury.debitReversals.create({ received_debit: rd.id }).catch((e) => e);
    expect(twice.message).toContain('already_reversed');
    const completed = await s.stripe.treasury.debitReversals.list({ financial_account: fa, status: 'completed' });
    expectMatchesSpec('GET', '/v1/treasury/debit_reversals', completed);
    expect(completed.data.map((d) => d.id)).toEqual([dr.id]);
    expect((await s.stripe.treasury.debitReversals.list({ financial_account: fa, resolution: 'won' })).data).toEqual([]);
    expect((await s.stripe.treasury.debitReversals.list({ financial_account: fa, resolution: 'lost' })).data).toHaveLength(1);
    await s.ledgerOk();
  });

  test('the return debit of an inbound transfer is source_flow_restricted', async () => {
    const fa = (await s.account()).id;
    const ibt = await s.stripe.treasury.inboundTransfers.create({ financial_account: fa, amount: 100, currency: 'usd', origin_payment_method: 'pm_usBankAccount_processing' });
    await s.stripe.testHelpers.treasury.inboundTransfers.succeed(ibt.id);
    const ret = await s.stripe.testHelpers.treasury.inboundTransfers.returnInboundTransfer(ibt.id);
    const err = await s.stripe.treasury.debitReversals.create({ received_debit: ret.linked_flows.received_debit! }).catch((e) => e);
    expect(err.message).toContain('source_flow_restricted');
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
