import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectObjectMatchesSchema } from '../support/openapi.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { expectEveryResponseMatchesSpec, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
let receiver: Receiver;
let secret: string;
beforeAll(async () => {
  s = await startTreasury();
  receiver = await startReceiver();
  const ep = await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  secret = ep.secret!;
});
afterAll(async () => {
  await s.close();
  await receiver.close();
});

/** Every event delivered so far, each checked with the official signature verifier. */
async function delivered(): Promise<Stripe.Event[]> {
  await s.engine.drainWebhooks();
  return receiver.received.map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, secret));
}

function about(events: Stripe.Event[], id: string): string[] {
  return events.filter((e) => (e.data.object as { id: string }).id === id).map((e) => e.type);
}

describe('treasury webhooks', () => {
  test('every treasury transition of a full journey is delivered, signed, in order', async () => {
    const fa = await s.account();
    const rc = await s.fund(fa.id, 10_000);
    const paid = await s.stripe.treasury.outboundPayments.create({ financial_account: fa.id, amount: 1_000, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
    await s.stripe.testHelpers.treasury.outboundPayments.post(paid.id);
    const back = await s.stripe.treasury.outboundPayments.create({ financial_account: fa.id, amount: 500, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
    await s.stripe.testHelpers.treasury.outboundPayments.returnOutboundPayment(back.id);
    const obt = await s.stripe.treasury.outboundTransfers.create({ financial_account: fa.id, amount: 100, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
    await s.stripe.treasury.outboundTransfers.cancel(obt.id);
    const ibt = await s.stripe.treasury.inboundTransfers.create({ financial_account: fa.id, amount: 300, currency: 'usd', origin_payment_method: 'pm_usBankAccount_processing' });
    await s.stripe.testHelpers.treasury.inboundTransfers.fail(ibt.id);
    const rd = await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa.id, amount: 200, currency: 'usd', network: 'ach' });
    const cr = await s.stripe.treasury.creditReversals.create({ received_credit: (await s.fund(fa.id, 50)).id });
    const dr = await s.stripe.treasury.debitReversals.create({ received_debit: rd.id });
    await s.advance(5 * 86_400);

    const events = await delivered();
    for (const e of events) expectObjectMatchesSchema('event', e);
    expect(about(events, fa.id)).toEqual(['treasury.financial_account.created', 'treasury.financial_account.features_status_updated']);
    expect(about(events, rc.id)).toEqual(['treasury.received_credit.created', 'treasury.received_credit.succeeded']);
    expect(about(events, paid.id)).toEqual(['treasury.outbound_payment.created', 'treasury.outbound_payment.posted']);
    expect(about(events, back.id)).toEqual(['treasury.outbound_payment.created', 'treasury.outbound_payment.returned']);
    expect(about(events, obt.id)).toEqual(['treasury.outbound_transfer.created', 'treasury.outbound_transfer.canceled']);
    expect(about(events, ibt.id)).toEqual(['treasury.inbound_transfer.created', 'treasury.inbound_transfer.failed']);
    expect(about(events, rd.id)).toEqual(['treasury.received_debit.created']);
    expect(about(events, cr.id)).toEqual(['treasury.credit_reversal.created', 'treasury.credit_reversal.posted']);
    expect(about(events, dr.id)).toEqual(['treasury.debit_reversal.created', 'treasury.debit_reversal.completed']);

    const posted = events.find((e) => e.type === 'treasury.outbound_payment.posted')!;
    expect((posted.data.object as Stripe.Treasury.OutboundPayment).status).toBe('posted');
    expect(posted.data.previous_attributes).toEqual({ status: 'processing', cancelable: true, status_transitions: { posted_at: null } });
    expect(posted.request?.id).toMatch(/^req_/);
    const clockDriven = events.find((e) => e.type === 'treasury.credit_reversal.posted')!;
    expect(clockDriven.request).toEqual({ id: null, idempotency_key: null });
  });

  test('a failed received credit is delivered as created then failed', async () => {
    const fa = await s.account({ platform_restrictions: { inbound_flows: 'restricted' } });
    const rc = await s.fund(fa.id, 10);
    const events = await delivered();
    expect(about(events, rc.id)).toEqual(['treasury.received_credit.created', 'treasury.received_credit.failed']);
    const failed = events.find((e) => e.type === 'treasury.received_credit.failed' && (e.data.object as { id: string }).id === rc.id)!;
    expect((failed.data.object as Stripe.Treasury.ReceivedCredit).failure_code).toBe('account_frozen');
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
