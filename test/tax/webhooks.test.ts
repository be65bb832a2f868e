import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startTax, type TaxServer } from './support.js';

let s: TaxServer;
let receiver: Receiver;
let secret: string;
beforeAll(async () => {
  s = await startTax();
  receiver = await startReceiver();
  const ep = await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['tax.settings.updated'] });
  secret = ep.secret!;
});
afterAll(async () => {
  await s.close();
  await receiver.close();
});

describe('tax webhooks', () => {
  it('tax webhooks: settings updates are delivered signed; registrations, calculations and transactions emit nothing', async () => {
    await s.activate();
    await s.register('US', { state: 'TX', type: 'state_sales_tax' });
    const calc = await s.stripe.tax.calculations.create({
      currency: 'usd',
      line_items: [{ amount: 100 }],
      customer_details: { address: { country: 'US', state: 'TX' }, address_source: 'billing' },
    });
    await s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: 'r1' });
    await s.engine.drainWebhooks();
    const events = receiver.received.map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, secret));
    expect(events.map((e) => e.type)).toEqual(['tax.settings.updated']);
    expect((await s.stripe.events.list({ limit: 100 })).data.map((e) => e.type)).toEqual(['tax.settings.updated']);
    const settings = events[0].data.object as { object: string; status: string; id?: string };
    expect(settings).toMatchObject({ object: 'tax.settings', status: 'active' });
    expect(settings.id).toBeUndefined();
  });

  it('tax webhooks: the dashboard lists the settings events under the settings object', async () => {
    const detail = await s.control('GET', '/dashboard/objects/taxsettings_sandbox');
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(['tax.settings.updated']);
  });
});
