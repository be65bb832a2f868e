import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { expectEveryResponseMatchesSpec, impact, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
beforeAll(async () => {
  s = await startTreasury();
});
afterAll(() => s.close());

const OBT = '/v1/treasury/outbound_transfers';
const HELPER = '/v1/test_helpers/treasury/outbound_transfers/{outbound_transfer}';

async function funded(amount = 10_000) {
  const fa = await s.account();
  await s.fund(fa.id, amount);
  return fa.id;
}

function transfer(fa: string, amount: number, pm = 'pm_usBankAccount_processing') {
  return s.stripe.treasury.outboundTransfers.create({ financial_account: fa, amount, currency: 'usd', destination_payment_method: pm });
}

describe('outbound transfer journeys', () => {
  test('create, post and return move the balance with outbound_transfer entries', async () => {
    const fa = await funded();
    const a = await transfer(fa, 3_000);
    expectMatchesSpec('POST', OBT, a);
    expect(a).toMatchObject({ status: 'processing', statement_descriptor: 'transfer' });
    expect(await s.balance(fa)).toEqual(impact(7_000, 0, 3_000));
    const posted = await s.stripe.testHelpers.treasury.outboundTransfers.post(a.id);
    expectMatchesSpec('POST', `${HELPER}/post`, posted);
    expect(await s.balance(fa)).toEqual(impact(7_000, 0, 0));
    expect(await s.entries(fa, a.transaction as string)).toEqual([
      ['outbound_transfer', impact(-3_000, 0, 3_000)],
      ['outbound_transfer_posting', impact(0, 0, -3_000)],
    ]);

    const b = await transfer(fa, 2_000);
    const returned = await s.stripe.testHelpers.treasury.outboundTransfers.returnOutboundTransfer(b.id, { returned_details: { code: 'no_account' } });
    expectMatchesSpec('POST', `${HELPER}/return`, returned);
    expect(returned.returned_details?.code).toBe('no_account');
    expect(await s.entries(fa, returned.returned_details!.transaction as string)).toEqual([['outbound_transfer_return', impact(2_000)]]);
    expect(await s.balance(fa)).toEqual(impact(7_000));

    const c = await transfer(fa, 1_000);
    const failed = await s.stripe.testHelpers.treasury.outboundTransfers.fail(c.id);
    expectMatchesSpec('POST', `${HELPER}/fail`, failed);
    expect((await s.entries(fa, c.transaction as string))[1]).toEqual(['outbound_transfer_failure', impact(1_000, 0, -1_000)]);
    const d = await transfer(fa, 1_000);
    const canceled = await s.stripe.treasury.outboundTransfers.cancel(d.id);
    expectMatchesSpec('POST', `${OBT}/{outbound_transfer}/cancel`, canceled);
    expect((await s.entries(fa, d.transaction as string))[1]).toEqual(['outbound_transfer_cancellation', impact(1_000, 0, -1_000)]);
    expect(await s.balance(fa)).toEqual(impact(7_000));
    await s.ledgerOk();
  });

  test('wire tracking details with IMAD and CHIPS emit tracking_details_updated', async () => {
    const fa = await funded();
    const wire = await s.stripe.treasury.outboundTransfers.create({
      financial_account: fa,
      amount: 500,
      currency: 'usd',
      destination_payment_method: 'pm_usBankAccount_processing',
      destination_payment_method_options: { us_bank_account: { network: 'us_domestic_wire' } },
    });
    expect(wire.cancelable).toBe(false);
    const wrongType = await s.stripe.testHelpers.treasury.outboundTransfers
      .update(wire.id, { tracking_details: { type: 'ach', ach: { trace_id: '1' } } })
      .catch((e) => e);
    expect(wrongType.statusCode).toBe(400);
    const tracked = await s.stripe.testHelpers.treasury.outboundTransfers.update(wire.id, {
      tracking_details: { type: 'us_domestic_wire', us_domestic_wire: { imad: '20260101MMQFMP2L000123', chips: '0012345' } },
    });
    expectMatchesSpec('POST', HELPER, tracked);
    expect(tracked.tracking_details?.us_domestic_wire).toMatchObject({ imad: '20260101MMQFMP2L000123', chips: '0012345', omad: null });
    const events = await s.stripe.events.list({ type: 'treasury.outbound_transfer.tracking_details_updated' });
    expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(wire.id);
  });

  test('a transfer to another of the holder\'s FinancialAccounts arrives as a Stripe-network credit', async () => {
    const from = await funded();
    const to = await s.account();
    const obt = await s.stripe.treasury.outboundTransfers.create({
      financial_account: from,
      amount: 1_200,
      currency: 'usd',
      destination_payment_method_data: { type: 'financial_account', financial_account: to.id },
    });
    await s.advance(0);
    expect((await s.stripe.treasury.outboundTransfers.retrieve(obt.id)).status).toBe('posted');
    const credits = await s.stripe.treasury.receivedCredits.list({ financial_account: to.id, linked_flows: { source_flow_type: 'outbound_transfer' } });
    expect(credits.data[0]).toMatchObject({ amount: 1_200, network: 'stripe', reversal_details: { restricted_reason: 'source_flow_restricted' } });
    expect(await s.balance(to.id)).toEqual(impact(1_200));
    await s.ledgerOk();
  });
});

describe('outbound transfer rules', () => {
  test.each(['post', 'fail', 'return', 'cancel'])('%s after a cancel is refused and changes nothing', async (action) => {
    const fa = await funded();
    const obt = await transfer(fa, 1_000);
    await s.stripe.treasury.outboundTransfers.cancel(obt.id);
    const h = s.stripe.testHelpers.treasury.outboundTransfers;
    const call = { post: () => h.post(obt.id), fail: () => h.fail(obt.id), return: () => h.returnOutboundTransfer(obt.id), cancel: () => s.stripe.treasury.outboundTransfers.cancel(obt.id) }[action]!;
    const err = await call().catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect((await s.stripe.treasury.outboundTransfers.retrieve(obt.id)).status).toBe('canceled');
    expect(await s.balance(fa)).toEqual(impact(10_000));
  });

  test('a saved us_bank_account PaymentMethod is a destination; an unknown one is a 404 on its param', async () => {
    const fa = await funded();
    const saved = await s.stripe.paymentMethods.create({
      type: 'us_bank_account',
      us_bank_account: { routing_number: '110000000', account_number: '000123456789', account_holder_type: 'individual' },
      billing_details: { name: 'Jane Holder' },
    });
    const ok = await transfer(fa, 100, saved.id);
    expect(ok.destination_payment_method).toBe(saved.id);
    expect(ok.destination_payment_method_details).toMatchObject({ billing_details: { name: 'Jane Holder' }, us_bank_account: { last4: '6789', fingerprint: saved.us_bank_account?.fingerprint } });
    const missing = await transfer(fa, 100, 'pm_doesnotexist').catch((e) => e);
    expect(missing.statusCode).toBe(404);
    expect(missing.param).toBe('destination_payment_method');
  });

  test('list filters by status', async () => {
    const fa = await funded();
    const a = await transfer(fa, 100);
    const b = await transfer(fa, 100);
    await s.stripe.testHelpers.treasury.outboundTransfers.fail(a.id);
    const list = await s.stripe.treasury.outboundTransfers.list({ financial_account: fa, status: 'processing' });
    expectMatchesSpec('GET', OBT, list);
    expect(list.data.map((o) => o.id)).toEqual([b.id]);
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
