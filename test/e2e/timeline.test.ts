import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let account: string;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  context = await newContext(browser);
  const fa = await sandbox.stripe.treasury.financialAccounts.create({
    supported_currencies: ['usd'],
    features: { financial_addresses: { aba: { requested: true } }, outbound_payments: { ach: { requested: true } } },
    nickname: 'Timeline test',
  } as never);
  account = fa.id;
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const credit = (amount: number) =>
  sandbox.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: account, amount, currency: 'usd', network: 'ach' });

describe('timeline', () => {
  it('a flow created through the SDK appears live, without a reload, with its running balance', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    // A marker a reload would wipe out.
    await ui.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const first = await credit(125_000);
    await ui.timelineRow(first.id).waitFor();
    await expect(ui.timelineRow(first.id).locator('[data-testid="timeline-running-cash"]').textContent()).resolves.toBe('$1,250.00');
    const second = await credit(5_050);
    await ui.timelineRow(second.id).waitFor();
    // Newest first, and the running balance after the second credit includes both.
    const firstRow = ui.id('timeline-row').first();
    await expect(firstRow.getAttribute('data-flow')).resolves.toBe(second.id);
    await expect(firstRow.locator('[data-testid="timeline-running-cash"]').textContent()).resolves.toBe('$1,300.50');
    await expect(firstRow.locator('[data-testid="timeline-status"]').textContent()).resolves.toBe('posted');
    expect(await ui.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await ui.id('balance-chart').first().waitFor();
    await ui.shot('timeline-live');
  });

  it('filters by flow type, by the status of the transaction and by time range', async () => {
    const obp = await sandbox.stripe.treasury.outboundPayments.create({
      financial_account: account,
      amount: 2_000,
      currency: 'usd',
      destination_payment_method_data: {
        type: 'us_bank_account',
        us_bank_account: { routing_number: '110000000', account_number: '000123456789', account_holder_type: 'individual' },
        billing_details: { name: 'Jenny Rosen' },
      },
    } as never);
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.timelineRow(obp.id).waitFor();

    await ui.id('filter-flow-type').selectOption('outbound_payment');
    await ui.page.locator('[data-testid="timeline-row"][data-flow^="rc_"]').waitFor({ state: 'detached' });
    // The filtered page may still be on its way when the old rows have gone.
    await expect.poll(() => ui.id('timeline-row').count()).toBe(1);
    await expect(ui.id('timeline-row').getAttribute('data-flow')).resolves.toBe(obp.id);

    await ui.id('filter-flow-type').selectOption('');
    await ui.id('filter-status').selectOption('open');
    await ui.page.locator('[data-testid="timeline-row"][data-flow^="rc_"]').waitFor({ state: 'detached' });
    await expect(ui.id('timeline-row').getAttribute('data-flow')).resolves.toBe(obp.id);

    await ui.id('filter-status').selectOption('void');
    await ui.id('timeline-no-match').waitFor();
    await ui.id('filter-clear').click();
    await ui.page.locator('[data-testid="timeline-row"][data-flow^="rc_"]').first().waitFor();

    // A time range after everything so far matches nothing; one around now matches it all.
    const now = (await sandbox.control<{ now: number }>('GET', '/clock')).now;
    const minute = (t: number) => new Date(t * 1000).toISOString().slice(0, 16);
    await ui.id('filter-from').fill(minute(now + 3600));
    await ui.id('timeline-no-match').waitFor();
    await ui.id('filter-from').fill(minute(now - 3600));
    await ui.id('filter-to').fill(minute(now + 3600));
    await ui.timelineRow(obp.id).waitFor();
    await ui.id('filter-clear').click();
    await ui.page.locator('[data-testid="timeline-row"][data-flow^="rc_"]').first().waitFor();
  });

  it('clicking a flow opens it in the object browser with its events', async () => {
    const rc = await credit(777);
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.timelineRow(rc.id).locator('[data-testid="timeline-flow-link"]').click();
    await ui.page.locator(`[data-testid="object-detail"][data-object="${rc.id}"]`).waitFor();
    await ui.id('object-event').first().waitFor();
    const types = await ui.id('object-event').allTextContents();
    expect(types.join(' ')).toContain('treasury.received_credit.created');
    // Links between objects expand in place.
    await ui.id(`expand-${account}`).first().click();
    await ui.page.locator('.j-embedded').getByText('"treasury.financial_account"').waitFor();
    await ui.shot('objects-received-credit');
  });

  it('a broken ledger invariant is shown in red with what is wrong', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.page.locator('[data-testid="ledger-status"][data-ok="true"]').waitFor();
    // Tamper with the stored balance behind the ledger's back, then let the UI hear of a change.
    sandbox.engine.core.db
      .prepare(`UPDATE objects SET data = json_set(data, '$.balance.cash.usd', 1) WHERE id = ?`)
      .run(account);
    await credit(100);
    const broken = ui.page.locator('[data-testid="ledger-status"][data-ok="false"]');
    await broken.waitFor();
    expect(await broken.locator('[data-testid="ledger-problem"]').first().textContent()).toMatch(/Timeline test \(fa_\w+\): balance\.cash\.usd says \$1\.01, but its entries add up to \$[\d,.]+ \(off by \$[\d,.]+\)/);
    expect(await broken.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
    await ui.shot('timeline-ledger-broken');
  });
});
