import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startServer, type TestServer } from '../support/server.js';
import { ETH_WALLET, SOL_WALLET, raw } from './support.js';

let s: TestServer;
let receiver: Receiver;
let secret: string;
beforeAll(async () => {
  s = await startServer({ clock: fixedClock() });
  receiver = await startReceiver();
  const ep = await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['crypto.onramp_session_updated' as Stripe.WebhookEndpointCreateParams.EnabledEvent] });
  secret = ep.secret!;
});
afterAll(async () => {
  await s.close();
  await receiver.close();
});

const BASE = '/v1/crypto/onramp_sessions';
const advance = (id: string, body: Record<string, unknown>) => s.control('POST', `/crypto/onramp_sessions/${id}/advance`, body);
const get = (id: string) => raw(s.stripe, 'GET', `${BASE}/${id}`);

async function eventsOf(id: string): Promise<Stripe.Event[]> {
  const page = await s.stripe.events.list({ limit: 100 });
  return page.data.filter((e) => (e.data.object as { id: string }).id === id).reverse();
}

describe('onramp session lifecycle', () => {
  it('initialized → requires_payment → fulfillment_processing → fulfillment_complete, priced at payment, with a transaction id at delivery', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, { wallet_addresses: { ethereum: ETH_WALLET }, destination_networks: ['ethereum'], source_currency: 'usd' });
    const onboarded = await advance(cos.id, { status: 'requires_payment' });
    expect(onboarded.status).toBe(200);
    expect(onboarded.body.status).toBe('requires_payment');
    expect(onboarded.body.transaction_details).toMatchObject({ destination_currency: 'eth', destination_network: 'ethereum', source_amount: '100.00', wallet_address: ETH_WALLET, fees: { network_fee_amount: '2.41', transaction_fee_amount: '3.07' } });
    const paid = await advance(cos.id, { status: 'fulfillment_processing', destination_currency: 'usdc', source_amount: '250.00' });
    expect(paid.body.transaction_details).toMatchObject({ destination_currency: 'usdc', destination_amount: '250.000000', source_amount: '250.00', fees: { network_fee_amount: '5.63', transaction_fee_amount: '7.68' } });
    const done = await advance(cos.id, { status: 'fulfillment_complete' });
    expect(done.body.transaction_details.transaction_id).toMatch(/^0x[0-9a-f]{64}$/);
    const got = await get(cos.id);
    expectMatchesSpec('GET', `${BASE}/{session}`, got);
    expect(got.status).toBe('fulfillment_complete');
    const events = await eventsOf(cos.id);
    expect(events.map((e) => e.type)).toEqual(['crypto.onramp_session_updated', 'crypto.onramp_session_updated', 'crypto.onramp_session_updated']);
    expect(events.map((e) => (e.data.object as { status: string }).status)).toEqual(['requires_payment', 'fulfillment_processing', 'fulfillment_complete']);
    expect(events[0].data.previous_attributes).toMatchObject({ status: 'initialized' });
  });

  it('only the next legal status: skipping, going back or leaving a final status is a 400 that changes nothing', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, {});
    for (const status of ['fulfillment_processing', 'fulfillment_complete', 'initialized', 'nonsense']) {
      const res = await advance(cos.id, { status });
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe('invalid_request_error');
    }
    expect((await advance(cos.id, {})).body.error.code).toBe('parameter_missing');
    await advance(cos.id, { status: 'rejected' });
    expect((await advance(cos.id, { status: 'requires_payment' })).status).toBe(400);
    expect((await get(cos.id)).status).toBe('rejected');
    expect((await eventsOf(cos.id)).length).toBe(1);
    expect((await advance('cos_missing', { status: 'rejected' })).status).toBe(404);
  });

  it('rejected also from requires_payment, but not after payment', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, {});
    await advance(cos.id, { status: 'requires_payment' });
    expect((await advance(cos.id, { status: 'rejected' })).body.status).toBe('rejected');
    const paid = await raw(s.stripe, 'POST', BASE, {});
    await advance(paid.id, { status: 'requires_payment' });
    await advance(paid.id, { status: 'fulfillment_processing' });
    expect((await advance(paid.id, { status: 'rejected' })).status).toBe(400);
  });

  it('choices are checked against the session: lists, pairs, locked wallets, addresses', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, { destination_networks: ['solana'], wallet_addresses: { solana: SOL_WALLET }, lock_wallet_address: true });
    expect((await advance(cos.id, { status: 'requires_payment', destination_network: 'ethereum' })).body.error.code).toBe('crypto_onramp_conflicting_destination_network');
    expect((await advance(cos.id, { status: 'requires_payment', destination_currency: 'btc' })).body.error.code).toBe('crypto_onramp_conflicting_destination_currency');
    expect((await advance(cos.id, { status: 'requires_payment', wallet_address: 'So1111111111111111111111111111111111111112' })).body.error.code).toBe('crypto_onramp_wallet_address_locked');
    expect((await advance(cos.id, { status: 'requires_payment', source_amount: '1.234' })).body.error.code).toBe('crypto_onramp_invalid_source_amount');
    expect((await advance(cos.id, { status: 'requires_payment', colour: 'red' })).body.error.code).toBe('parameter_unknown');
    expect((await get(cos.id)).status).toBe('initialized');
    const ok = await advance(cos.id, { status: 'requires_payment', destination_currency: 'usdc' });
    expect(ok.body.transaction_details).toMatchObject({ destination_currency: 'usdc', destination_network: 'solana', wallet_address: SOL_WALLET });
  });

  it('after payment, delivery confirms on the sandbox clock', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, { destination_currencies: ['btc'], destination_networks: ['bitcoin'] });
    await advance(cos.id, { status: 'requires_payment' });
    await advance(cos.id, { status: 'fulfillment_processing' });
    await s.control('POST', '/clock/advance', { seconds: 29 });
    expect((await get(cos.id)).status).toBe('fulfillment_processing');
    await s.control('POST', '/clock/advance', { seconds: 1 });
    const done = await get(cos.id);
    expect(done.status).toBe('fulfillment_complete');
    expect(done.transaction_details.transaction_id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the dashboard offers exactly the legal next steps as actions', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, {});
    const names = async () => (await s.control('GET', `/dashboard/objects/${cos.id}`)).body.actions.map((a: { name: string }) => a.name);
    expect(await names()).toEqual(['requires_payment', 'rejected']);
    await advance(cos.id, { status: 'requires_payment' });
    expect(await names()).toEqual(['rejected', 'fulfillment_processing']);
    await advance(cos.id, { status: 'fulfillment_processing' });
    expect(await names()).toEqual(['fulfillment_complete']);
    const action = (await s.control('GET', `/dashboard/objects/${cos.id}`)).body.actions[0];
    expect((await s.control(action.method, action.path.replace('/_counterfoil', ''), action.body)).body.status).toBe('fulfillment_complete');
    expect(await names()).toEqual([]);
  });

  it('crypto.onramp_session_updated is delivered with a signature the SDK accepts', async () => {
    const cos = await raw(s.stripe, 'POST', BASE, {});
    await advance(cos.id, { status: 'rejected' });
    await s.engine.drainWebhooks();
    const mine = receiver.received
      .map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, secret))
      .filter((e) => (e.data.object as { id: string }).id === cos.id);
    expect(mine.map((e) => e.type)).toEqual(['crypto.onramp_session_updated']);
  });
});
