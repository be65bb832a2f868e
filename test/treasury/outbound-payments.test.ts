import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { numberOf } from '../../src/engine/resources/treasury/aba.js';
import { expectEveryResponseMatchesSpec, impact, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
beforeAll(async () => {
  s = await startTreasury();
});
afterAll(() => s.close());

const OBP = '/v1/treasury/outbound_payments';
const HELPER = '/v1/test_helpers/treasury/outbound_payments/{id}';

async function funded(amount = 10_000) {
  const fa = await s.account();
  await s.fund(fa.id, amount);
  return fa.id;
}

function pay(fa: string, amount: number, pm = 'pm_usBankAccount_processing') {
  return s.stripe.treasury.outboundPayments.create({ financial_account: fa, amount, currency: 'usd', destination_payment_method: pm });
}

describe('outbound payment journeys', () => {
  test('create holds the amount, post releases the hold, and every step writes its entry', async () => {
    const fa = await funded();
    const obp = await pay(fa, 2_500);
    expectMatchesSpec('POST', OBP, obp);
    expect(obp).toMatchObject({ status: 'processing', cancelable: true, amount: 2_500 });
    expect(await s.balance(fa)).toEqual(impact(7_500, 0, 2_500));
    const trxn = await s.stripe.treasury.transactions.retrieve(obp.transaction as string);
    expect(trxn).toMatchObject({ status: 'open', amount: -2_500, flow: obp.id, flow_type: 'outbound_payment', balance_impact: impact(-2_500, 0, 2_500) });

    const posted = await s.stripe.testHelpers.treasury.outboundPayments.post(obp.id);
    expectMatchesSpec('POST', `${HELPER}/post`, posted);
    expect(posted).toMatchObject({ status: 'posted', cancelable: false });
    expect(posted.status_transitions.posted_at).toBe(trxn.created);
    expect(await s.balance(fa)).toEqual(impact(7_500, 0, 0));
    expect(await s.entries(fa, obp.transaction as string)).toEqual([
      ['outbound_payment', impact(-2_500, 0, 2_500)],
      ['outbound_payment_posting', impact(0, 0, -2_500)],
    ]);
    const settled = await s.stripe.treasury.transactions.retrieve(obp.transaction as string);
    expect(settled).toMatchObject({ status: 'posted', balance_impact: impact(-2_500, 0, 0) });
    await s.ledgerOk();
  });

  test('return credits the amount back on a new transaction with the return code', async () => {
    const fa = await funded();
    const obp = await pay(fa, 4_000);
    const returned = await s.stripe.testHelpers.treasury.outboundPayments.returnOutboundPayment(obp.id, {
      returned_details: { code: 'account_closed' },
    });
    expectMatchesSpec('POST', `${HELPER}/return`, returned);
    expect(returned.status).toBe('returned');
    expect(returned.returned_details?.code).toBe('account_closed');
    expect(returned.status_transitions.posted_at).not.toBeNull();
    expect(returned.status_transitions.returned_at).not.toBeNull();
    expect(await s.balance(fa)).toEqual(impact(10_000, 0, 0));
    const back = await s.stripe.treasury.transactions.retrieve(returned.returned_details!.transaction as string);
    expect(back).toMatchObject({ status: 'posted', amount: 4_000, flow: obp.id, balance_impact: impact(4_000) });
    expect(await s.entries(fa, back.id)).toEqual([['outbound_payment_return', impact(4_000)]]);
    expect(await s.entries(fa, obp.transaction as string)).toEqual([
      ['outbound_payment', impact(-4_000, 0, 4_000)],
      ['outbound_payment_posting', impact(0, 0, -4_000)],
    ]);
    await s.ledgerOk();
  });

  test('fail and cancel give the cash back and void the transaction', async () => {
    const fa = await funded();
    const a = await pay(fa, 1_000);
    const b = await pay(fa, 2_000);
    const failed = await s.stripe.testHelpers.treasury.outboundPayments.fail(a.id);
    expectMatchesSpec('POST', `${HELPER}/fail`, failed);
    const canceled = await s.stripe.treasury.outboundPayments.cancel(b.id);
    expectMatchesSpec('POST', `${OBP}/{id}/cancel`, canceled);
    expect([failed.status, canceled.status]).toEqual(['failed', 'canceled']);
    expect(failed.status_transitions.failed_at).not.toBeNull();
    expect(canceled.status_transitions.canceled_at).not.toBeNull();
    expect(await s.balance(fa)).toEqual(impact(10_000, 0, 0));
    const voided = await s.stripe.treasury.transactions.retrieve(b.transaction as string);
    expect(voided).toMatchObject({ status: 'void', balance_impact: impact() });
    expect(voided.status_transitions.void_at).not.toBeNull();
    expect(await s.entries(fa, a.transaction as string)).toEqual([
      ['outbound_payment', impact(-1_000, 0, 1_000)],
      ['outbound_payment_failure', impact(1_000, 0, -1_000)],
    ]);
    expect((await s.entries(fa, b.transaction as string))[1]).toEqual(['outbound_payment_cancellation', impact(2_000, 0, -2_000)]);
    await s.ledgerOk();
  });

  test('inline us_bank_account destination needs no saved PaymentMethod', async () => {
    const fa = await funded();
    const obp = await s.stripe.treasury.outboundPayments.create({
      financial_account: fa,
      amount: 300,
      currency: 'usd',
      destination_payment_method_data: {
        type: 'us_bank_account',
        us_bank_account: { routing_number: '110000000', account_number: '000000000009', account_holder_type: 'company' },
        billing_details: { name: 'Acme Supplies' },
      },
      destination_payment_method_options: { us_bank_account: { network: 'us_domestic_wire' } },
      statement_descriptor: 'Invoice 42 for March',
    });
    expectMatchesSpec('POST', OBP, obp);
    expect(obp.destination_payment_method).toBeNull();
    expect(obp.cancelable).toBe(false);
    expect(obp.destination_payment_method_details).toMatchObject({
      type: 'us_bank_account',
      billing_details: { name: 'Acme Supplies' },
      us_bank_account: { last4: '0009', network: 'us_domestic_wire', routing_number: '110000000', account_holder_type: 'company' },
    });
  });
});

describe('outbound payment rules', () => {
  test('insufficient funds is Stripe error insufficient_funds and writes nothing', async () => {
    const fa = await funded(500);
    const err = await pay(fa, 501).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('insufficient_funds');
    expect(await s.balance(fa)).toEqual(impact(500));
    const list = await s.stripe.treasury.outboundPayments.list({ financial_account: fa });
    expect(list.data).toHaveLength(0);
  });

  test.each([
    ['post', 'canceled'],
    ['fail', 'posted'],
    ['return', 'failed'],
    ['cancel', 'posted'],
    ['post', 'posted'],
  ])('%s on a %s payment is a 400 that changes nothing', async (action, state) => {
    const fa = await funded();
    const obp = await pay(fa, 1_000);
    const helpers = s.stripe.testHelpers.treasury.outboundPayments;
    const move = {
      post: () => helpers.post(obp.id),
      fail: () => helpers.fail(obp.id),
      return: () => helpers.returnOutboundPayment(obp.id),
      cancel: () => s.stripe.treasury.outboundPayments.cancel(obp.id),
    } as Record<string, () => Promise<unknown>>;
    await move[{ canceled: 'cancel', posted: 'post', failed: 'fail' }[state]!]();
    const before = { obp: await s.stripe.treasury.outboundPayments.retrieve(obp.id), balance: await s.balance(fa) };
    const err: any = await move[action]().catch((e: unknown) => e);
    expect(err.type).toBe('StripeInvalidRequestError');
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain(`status of \`${state}\``);
    expect(await s.stripe.treasury.outboundPayments.retrieve(obp.id)).toEqual(before.obp);
    expect(await s.balance(fa)).toEqual(before.balance);
    await s.ledgerOk();
  });

  test('replaying a create with the same Idempotency-Key holds the money once', async () => {
    const fa = await funded();
    const params = { financial_account: fa, amount: 1_500, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' };
    const first = await s.stripe.treasury.outboundPayments.create(params, { idempotencyKey: `obp-${fa}` });
    const again = await s.stripe.treasury.outboundPayments.create(params, { idempotencyKey: `obp-${fa}` });
    expect(again.id).toBe(first.id);
    expect(await s.balance(fa)).toEqual(impact(8_500, 0, 1_500));
    expect((await s.stripe.treasury.outboundPayments.list({ financial_account: fa })).data).toHaveLength(1);
  });

  test('an ACH payment stops being cancelable once the sandbox clock passes its submission', async () => {
    const fa = await funded();
    const obp = await pay(fa, 1_000);
    await s.advance(3_600);
    const submitted = await s.stripe.treasury.outboundPayments.retrieve(obp.id);
    expect(submitted).toMatchObject({ status: 'processing', cancelable: false });
    const err = await s.stripe.treasury.outboundPayments.cancel(obp.id).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('no longer cancelable');
  });

  test('tracking details need a non-cancelable payment, are set once, and emit their event', async () => {
    const fa = await funded();
    const obp = await pay(fa, 1_000);
    const early = await s.stripe.testHelpers.treasury.outboundPayments.update(obp.id, { tracking_details: { type: 'ach', ach: { trace_id: '1234' } } }).catch((e) => e);
    expect(early.message).toContain('still cancelable');
    await s.advance(3_600);
    const tracked = await s.stripe.testHelpers.treasury.outboundPayments.update(obp.id, { tracking_details: { type: 'ach', ach: { trace_id: '021000021234567' } } });
    expectMatchesSpec('POST', HELPER, tracked);
    expect(tracked.tracking_details).toEqual({ type: 'ach', ach: { trace_id: '021000021234567' } });
    const again = await s.stripe.testHelpers.treasury.outboundPayments.update(obp.id, { tracking_details: { type: 'ach', ach: { trace_id: '9' } } }).catch((e) => e);
    expect(again.message).toContain('already been set');
    const events = await s.stripe.events.list({ type: 'treasury.outbound_payment.tracking_details_updated' });
    expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(obp.id);
  });

  test('a payment without a destination is refused', async () => {
    const fa = await funded();
    const err = await s.stripe.treasury.outboundPayments
      .create({ financial_account: fa, amount: 10, currency: 'usd' })
      .catch((e) => e);
    expect(err.message).toContain('destination_payment_method');
  });

  test('a feature the account lacks refuses the payment', async () => {
    const fa = await s.account({ features: { outbound_payments: { ach: { requested: true } } } });
    await s.fund(fa.id, 1_000);
    const err = await s.stripe.treasury.outboundPayments
      .create({
        financial_account: fa.id,
        amount: 10,
        currency: 'usd',
        destination_payment_method: 'pm_usBankAccount_processing',
        destination_payment_method_options: { us_bank_account: { network: 'us_domestic_wire' } },
      })
      .catch((e) => e);
    expect(err.message).toContain('outbound_payments.us_domestic_wire');
  });
});

describe('outbound payments the network moves on the sandbox clock', () => {
  test('Stripe test accounts post, fail, return or cancel at their expected time', async () => {
    const fa = await funded(50_000);
    const posts = await pay(fa, 1_000, 'pm_usBankAccount_success');
    const fails = await pay(fa, 1_000, 'pm_usBankAccount_internalFailure');
    const returns = await pay(fa, 1_000, 'pm_usBankAccount_accountClosed');
    const cancels = await pay(fa, 1_000, 'pm_usBankAccount_canceledByUser');
    await s.advance(3_600);
    expect((await s.stripe.treasury.outboundPayments.retrieve(cancels.id)).status).toBe('canceled');
    await s.advance(posts.expected_arrival_date - (posts.created + 3_600));
    const get = (id: string) => s.stripe.treasury.outboundPayments.retrieve(id);
    expect((await get(posts.id)).status).toBe('posted');
    expect((await get(fails.id)).status).toBe('failed');
    const r = await get(returns.id);
    expect(r.status).toBe('returned');
    expect(r.returned_details?.code).toBe('account_closed');
    expect(await s.balance(fa)).toEqual(impact(49_000));
    await s.ledgerOk();
  });

  test('a late payment gets a new expected arrival date and its event', async () => {
    const fa = await funded();
    const late = await pay(fa, 1_000, 'pm_usBankAccount_expectedArrivalDateUpdated');
    await s.advance(late.expected_arrival_date - late.created);
    const moved = await s.stripe.treasury.outboundPayments.retrieve(late.id);
    expect(moved.status).toBe('processing');
    expect(moved.expected_arrival_date).toBeGreaterThan(late.expected_arrival_date);
    const events = await s.stripe.events.list({ type: 'treasury.outbound_payment.expected_arrival_date_updated' });
    const mine = events.data.find((e) => (e.data.object as { id: string }).id === late.id)!;
    expect(mine.data.previous_attributes).toMatchObject({ expected_arrival_date: late.expected_arrival_date });
    await s.advance(moved.expected_arrival_date - (late.expected_arrival_date));
    expect((await s.stripe.treasury.outboundPayments.retrieve(late.id)).status).toBe('posted');
  });

  test('a payment to another FinancialAccount arrives there as a ReceivedCredit on the Stripe network', async () => {
    const from = await funded();
    const to = await s.account();
    const obp = await s.stripe.treasury.outboundPayments.create({
      financial_account: from,
      amount: 700,
      currency: 'usd',
      destination_payment_method_data: { type: 'financial_account', financial_account: to.id },
    });
    expect(obp.destination_payment_method_details).toMatchObject({ type: 'financial_account', financial_account: { id: to.id, network: 'stripe' } });
    await s.advance(0);
    expect((await s.stripe.treasury.outboundPayments.retrieve(obp.id)).status).toBe('posted');
    const credits = await s.stripe.treasury.receivedCredits.list({ financial_account: to.id, linked_flows: { source_flow_type: 'outbound_payment' } });
    expect(credits.data).toHaveLength(1);
    expect(credits.data[0]).toMatchObject({ amount: 700, network: 'stripe', status: 'succeeded', linked_flows: { source_flow: obp.id } });
    expect(await s.balance(to.id)).toEqual(impact(700));
    expect(await s.balance(from)).toEqual(impact(9_300));
    await s.ledgerOk();
  });

  test('an ACH payment to a sandbox account\'s ABA number lands there, and bounces back once that account is closed', async () => {
    const from = await funded();
    const [open, closing] = [await s.account(), await s.account()];
    const abaOf = (fa: string) => numberOf(s.engine.core, fa)!;
    const toAba = (fa: string) =>
      s.stripe.treasury.outboundPayments.create({
        financial_account: from,
        amount: 400,
        currency: 'usd',
        destination_payment_method_data: {
          type: 'us_bank_account',
          us_bank_account: { routing_number: abaOf(fa).routing_number, account_number: abaOf(fa).account_number },
        },
      });
    const lands = await toAba(open.id);
    const bounces = await toAba(closing.id);
    await s.stripe.treasury.financialAccounts.close(closing.id);
    await s.advance(lands.expected_arrival_date - lands.created);
    expect((await s.stripe.treasury.outboundPayments.retrieve(lands.id)).status).toBe('posted');
    const [landed] = (await s.stripe.treasury.receivedCredits.list({ financial_account: open.id })).data;
    expect(landed).toMatchObject({ amount: 400, network: 'ach', status: 'succeeded', linked_flows: { source_flow: lands.id, source_flow_type: 'outbound_payment' } });
    const bounced = await s.stripe.treasury.outboundPayments.retrieve(bounces.id);
    expect(bounced).toMatchObject({ status: 'returned', returned_details: { code: 'account_closed' } });
    const [refused] = (await s.stripe.treasury.receivedCredits.list({ financial_account: closing.id })).data;
    expect(refused).toMatchObject({ status: 'failed', failure_code: 'account_closed', linked_flows: { source_flow: bounces.id } });
    expect(await s.balance(from)).toEqual(impact(9_600));
    expect(await s.balance(open.id)).toEqual(impact(400));
    await s.ledgerOk();
  });

  test('list filters by status and customer and pages by cursor', async () => {
    const fa = await funded(100_000);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await pay(fa, 100 + i));
    await s.stripe.testHelpers.treasury.outboundPayments.post(made[1].id);
    await s.stripe.testHelpers.treasury.outboundPayments.post(made[3].id);
    const posted = await s.stripe.treasury.outboundPayments.list({ financial_account: fa, status: 'posted' });
    expectMatchesSpec('GET', OBP, posted);
    expect(posted.data.map((o) => o.id)).toEqual([made[3].id, made[1].id]);
    const page1 = await s.stripe.treasury.outboundPayments.list({ financial_account: fa, limit: 2 });
    expect(page1.has_more).toBe(true);
    const page2 = await s.stripe.treasury.outboundPayments.list({ financial_account: fa, limit: 2, starting_after: page1.data[1].id });
    expect(page2.data.map((o) => o.id)).toEqual([made[2].id, made[1].id]);
    const none = await s.stripe.treasury.outboundPayments.list({ financial_account: fa, customer: 'cus_nobody' });
    expect(none.data).toEqual([]);
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
