import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

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

async function openObject(ui: DashboardPage, id: string): Promise<void> {
  await ui.view('objects');
  await ui.id('objects-search').fill(id);
  await ui.page.locator(`[data-testid="object-row"][data-object="${id}"]`).click();
  await ui.page.locator(`[data-testid="object-detail"][data-object="${id}"]`).waitFor();
}

describe('tax in the dashboard', () => {
  it('tax detail: calculations and transactions show their breakdowns as tables, settings their status', async () => {
    const { stripe } = sandbox;
    await stripe.tax.settings.update({ defaults: { tax_behavior: 'exclusive' }, head_office: { address: { country: 'CA', state: 'ON' } } });
    await stripe.tax.registrations.create({ country: 'CA', active_from: 'now', country_options: { ca: { type: 'standard' } } });
    const calc = await stripe.tax.calculations.create({
      currency: 'cad',
      line_items: [
        { amount: 1000, reference: 'mug' },
        { amount: 2260, reference: 'scarf', tax_behavior: 'inclusive' },
      ],
      shipping_cost: { amount: 500 },
      customer_details: { address: { country: 'CA', postal_code: 'M5V 3L9' }, address_source: 'shipping' },
    });
    const txn = await stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: 'order-1' });
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();

    await openObject(ui, calc.id!);
    await ui.id('tax-lines').waitFor();
    expect(await ui.id('tax-totals').textContent()).toContain('Total: $39.55');
    const rows = await ui.page.locator('[data-testid="tax-breakdown"] [data-testid="tax-breakdown-row"]').allTextContents();
    expect(rows.join(' | ')).toMatch(/CA-ON.*HST 13\.0%.*Standard rated/);
    expect(await ui.page.locator('[data-testid="tax-line"]').allTextContents()).toHaveLength(3);
    expect(await ui.id('tax-lines').textContent()).toContain('Ontario (CA-ON) · Standard rated');
    await ui.shot('tax-calculation');

    await openObject(ui, txn.id);
    await ui.id('tax-lines').waitFor();
    expect(await ui.id('tax-totals').textContent()).toContain('order-1');
    await ui.shot('tax-transaction');

    await openObject(ui, 'taxsettings_sandbox');
    expect(await ui.id('tax-settings-status').textContent()).toContain('active');
  }, 60_000);
});
