import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { expectEveryResponseMatchesSpec, impact, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
beforeAll(async () => {
  s = await startTreasury();
});
afterAll(() => s.close());

const IBT = '/v1/treasury/inbound_transfers';
const HELPER = '/v1/test_helpers/treasury/inbound_transfers/{id}';

function pull(fa: string, amount: number, pm = 'pm_usBankAccount_processing') {
  return s.stripe.treasury.inboundTransfers.create({ financial_account: fa, amount, currency: 'usd', origin_payment_method: pm });
}

describe('inbound transfer journeys', () => {
  test('succeed turns the pending amount into cash on a posted transaction', async () => {
    const fa = (await s.account()).id;
    const ibt = await pull(fa, 5_000);
    expectMatchesSpec('POST', IBT, ibt);
    expect(ibt).toMatchObject({ status: 'processing', cancelable: true, returned: false, linked_flows: { received_debit: null } });
    expect(await s.balance(fa)).toEqual(impact(0, 5_000, 0));
    const ok = await s.stripe.testHelpers.treasury.inboundTransfers.succeed(ibt.id);
    expectMatchesSpec('POST', `${HELPER}/succeed`, ok);
    expect(ok.status_transitions.succeeded_at).not.toBeNull();
    expect(await s.balance(fa)).toEqual(impact(5_000));
    expect(await s.entries(fa, ibt.transaction as string)).toEqual([
      ['inbound_transfer', impact(0, 5_000, 0)],
      ['inbound_transfer', impact(5_000, -5_000, 0)],
    ]);
    expect((await s.stripe.treasury.transactions.retrieve(ibt.transaction as string)).status).toBe('posted');
    await s.ledgerOk();
  });

  test('fail records the failure code and voids the transaction', async () => {
    const fa = (await s.account()).id;
    const ibt = await pull(fa, 800);
    const failed = await s.stripe.testHelpers.treasury.inboundTransfers.fail(ibt.id, { failure_details: { code: 'insufficient_funds' } });
    expectMatchesSpec('POST', `${HELPER}/fail`, failed);
    expect(failed).toMatchObject({ status: 'failed', cancelable: false, failure_details: { code: 'insufficient_funds' } });
    expect(await s.balance(fa)).toEqual(impact());
    const trxn = await s.stripe.treasury.transactions.retrieve(ibt.transaction as string);
    expect(trxn).toMatchObject({ status: 'void', balance_impact: impact() });
    await s.ledgerOk();
  });

  test('return pulls the money back out with a ReceivedDebit linked both ways', async () => {
    const fa = (await s.account()).id;
    const ibt = await pull(fa, 2_000);
    await s.stripe.testHelpers.treasury.inboundTransfers.succeed(ibt.id);
    const returned = await s.stripe.testHelpers.treasury.inboundTransfers.returnInboundTransfer(ibt.id);
    expectMatchesSpec('POST', `${HELPER}/return`, returned);
    expect(returned).toMatchObject({ status: 'succeeded', returned: true });
    const rd = await s.stripe.treasury.receivedDebits.retrieve(returned.linked_flows.received_debit!);
    expectMatchesSpec('GET', '/v1/treasury/received_debits/{id}', rd);
    expect(rd).toMatchObject({ amount: 2_000, status: 'succeeded', network: 'ach', linked_flows: { inbound_transfer: ibt.id } });
    expect(await s.entries(fa, rd.transaction as string)).toEqual([['inbound_transfer_return', impact(-2_000)]]);
    expect(await s.balance(fa)).toEqual(impact());
    const twice = await s.stripe.testHelpers.treasury.inboundTransfers.returnInboundTransfer(ibt.id).catch((e) => e);
    expect(twice.statusCode).toBe(400);
    expect(twice.message).toContain('already been returned');
    await s.ledgerOk();
  });

  test('cancel releases the pending amount; a canceled transfer cannot succeed', async () => {
    const fa = (await s.account()).id;
    const ibt = await pull(fa, 900);
    const canceled = await s.stripe.treasury.inboundTransfers.cancel(ibt.id);
    expectMatchesSpec('POST', `${IBT}/{inbound_transfer}/cancel`, canceled);
    expect(canceled.status_transitions.canceled_at).not.toBeNull();
    const err = await s.stripe.testHelpers.treasury.inboundTransfers.succeed(ibt.id).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('status of `canceled`');
    expect(await s.balance(fa)).toEqual(impact());
  });

  test.each([
    ['succeed', 'failed'],
    ['fail', 'succeeded'],
    ['return', 'processing'],
    ['cancel', 'succeeded'],
  ])('%s on a %s transfer is a 400 that changes nothing', async (action, state) => {
    const fa = (await s.account()).id;
    const ibt = await pull(fa, 100);
    const h = s.stripe.testHelpers.treasury.inboundTransfers;
    if (state === 'failed') await h.fail(ibt.id);
    if (state === 'succeeded') await h.succeed(ibt.id);
    const before = await s.stripe.treasury.inboundTransfers.retrieve(ibt.id);
    const call = { succeed: () => h.succeed(ibt.id), fail: () => h.fail(ibt.id), return: () => h.returnInboundTransfer(ibt.id), cancel: () => s.stripe.treasury.inboundTransfers.cancel(ibt.id) }[action]!;
    const err = await call().catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(await s.stripe.treasury.inboundTransfers.retrieve(ibt.id)).toEqual(before);
  });

  test('Stripe test accounts settle on the sandbox clock: success, and failure with the account\'s code', async () => {
    const fa = (await s.account()).id;
    const good = await pull(fa, 1_000, 'pm_usBankAccount_success');
    const broke = await pull(fa, 1_000, 'pm_usBankAccount_insufficientFunds');
    await s.advance(86_400);
    expect((await s.stripe.treasury.inboundTransfers.retrieve(good.id)).status).toBe('succeeded');
    expect(await s.stripe.treasury.inboundTransfers.retrieve(broke.id)).toMatchObject({ status: 'failed', failure_details: { code: 'insufficient_funds' } });
    expect(await s.balance(fa)).toEqual(impact(1_000));
    const list = await s.stripe.treasury.inboundTransfers.list({ financial_account: fa, status: 'failed' });
    expectMatchesSpec('GET', IBT, list);
    expect(list.data.map((t) => t.id)).toEqual([broke.id]);
    await s.ledgerOk();
  });

  test('an account with pending inbound transfers cannot be closed', async () => {
    const fa = (await s.account()).id;
    await pull(fa, 100);
    const err = await s.stripe.treasury.financialAccounts.close(fa).catch((e) => e);
    expect(err.statusCode).toBe(400);
  });
});

describe('received debits', () => {
  test('a debit takes cash on a posted transaction; one the cash cannot cover fails with insufficient_funds', async () => {
    const fa = (await s.account()).id;
    await s.fund(fa, 1_000);
    const rd = await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa, amount: 600, currency: 'usd', network: 'ach' });
    expectMatchesSpec('POST', '/v1/test_helpers/treasury/received_debits', rd);
    expect(rd).toMatchObject({ status: 'succeeded', failure_code: null, reversal_details: { restricted_reason: null } });
    expect(await s.entries(fa, rd.transaction as string)).toEqual([['received_debit', impact(-600)]]);
    const broke = await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa, amount: 401, currency: 'usd', network: 'ach' });
    expect(broke).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds', transaction: null });
    expect(await s.balance(fa)).toEqual(impact(400));
    const failedOnly = await s.stripe.treasury.receivedDebits.list({ financial_account: fa, status: 'failed' });
    expectMatchesSpec('GET', '/v1/treasury/received_debits', failedOnly);
    expect(failedOnly.data.map((d) => d.id)).toEqual([broke.id]);
    await s.ledgerOk();
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
