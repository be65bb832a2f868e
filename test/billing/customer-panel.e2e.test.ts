import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DashboardPage } from '../e2e/support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from '../e2e/support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  context = await newContext(browser);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('objects view: a customer', () => {
  it('shows its subscriptions and active entitlements, and follows a new subscription live', async () => {
    const { stripe } = sandbox;
    const feature = await stripe.entitlements.features.create({ name: 'Exports', lookup_key: 'exports' });
    const product = await stripe.products.create({ name: 'Team' });
    await stripe.products.createFeature(product.id, { entitlement_feature: feature.id });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } });
    const customer = await stripe.customers.create({ name: 'Ada' });

    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('objects');
    await ui.id('objects-search').fill(customer.id);
    await ui.page.locator(`[data-testid="object-row"][data-object="${customer.id}"]`).click();
    await ui.id('customer-panel').waitFor();
    await ui.page.getByText('No active entitlements.').waitFor();

    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await ui.id('customer-entitlement').waitFor();
    expect(await ui.id('customer-entitlement').textContent()).toContain('exports');
    expect(await ui.id('customer-subscription').textContent()).toContain(sub.id);
    await ui.shot('customer-panel');
    await ui.id('customer-subscription').click();
    await ui.page.locator(`[data-testid="object-detail"][data-object="${sub.id}"]`).waitFor();
    await ui.id('action-cancel_at_period_end').waitFor();
  });
});
