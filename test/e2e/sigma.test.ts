import { readFileSync } from 'node:fs';
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
  const fa = await sandbox.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: { financial_addresses: { aba: { requested: true } } } });
  for (const amount of [12_000, 3_450, 999]) {
    await sandbox.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount, currency: 'usd', network: 'ach' });
  }
  await sandbox.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa.id, amount: 450, currency: 'usd', network: 'ach' });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('the Sigma query page', () => {
  it('runs SQL over the sandbox and shows the result table', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('sigma');
    await ui.id('sigma-table-treasury_transaction_entries').waitFor();
    await ui.id('sigma-sql').fill('SELECT type, count(*) AS n, sum(balance_impact_cash) AS cash\nFROM treasury_transaction_entries\nGROUP BY type ORDER BY type');
    await ui.id('sigma-run').click();
    await ui.id('sigma-results').waitFor();
    const rows = await ui.page.locator('[data-testid="sigma-row"]').allTextContents();
    expect(rows).toEqual(['received_credit316449', 'received_debit1-450']);
    await expect(ui.id('sigma-status').textContent()).resolves.toContain('2 rows');
    await ui.id('sigma-table-treasury_transaction_entries').click();
    await ui.shot('sigma-query');
  });

  it('downloads the full result as the CSV file the API serves', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('sigma');
    await ui.id('sigma-sql').fill('SELECT amount, status FROM treasury_received_credits ORDER BY amount');
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.id('sigma-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^file_.+\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toBe('amount,status\n999,succeeded\n3450,succeeded\n12000,succeeded\n');
  });

  it('shows a query\'s error instead of a table', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('sigma');
    await ui.id('sigma-sql').fill('SELECT nope FROM treasury_transactions');
    await ui.id('sigma-run').click();
    await expect(ui.id('sigma-error').textContent()).resolves.toContain('no such column: nope');
    await ui.shot('sigma-error');
  });
});
