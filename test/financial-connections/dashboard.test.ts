import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardPage } from '../e2e/support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from '../e2e/support/harness.js';

const SHOTS = '/tmp/counterfoil-fc-shots';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let ui: DashboardPage;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  context = await newContext(browser);
  ui = await new DashboardPage(await context.newPage(), sandbox).open();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openObject(id: string) {
  await ui.view('objects');
  await ui.id('objects-search').fill(id);
  await ui.page.locator(`[data-testid="object-row"][data-object="${id}"]`).click();
  await ui.page.locator(`[data-testid="object-detail"][data-object="${id}"]`).waitFor();
}

describe('financial connections in the dashboard', () => {
  it('a session shows its hosted flow link and one-click completions; a linked account shows only its legal buttons', async () => {
    const session = await sandbox.stripe.financialConnections.sessions.create({
      account_holder: { type: 'customer', customer: 'cus_Dashboard01' },
      permissions: ['payment_method', 'balances', 'transactions'],
    });
    await openObject(session.id);
    const open = ui.id('fc-hosted-open');
    expect(await open.getAttribute('href')).toBe(`${sandbox.url}/link/financial_connections/${session.client_secret}`);
    await ui.id('action-complete_test_institution').waitFor();
    await ui.page.screenshot({ path: join(SHOTS, '20-dashboard-session.png') });

    // The link opens the hosted flow in a new tab, without the token.
    const [tab] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await tab.locator('[data-testid="fc-flow"][data-step="consent"]').waitFor();
    await tab.close();

    await ui.id('action-complete_test_institution').click();
    await ui.id('action-complete_test_institution').waitFor({ state: 'detached' });
    const linked = await sandbox.stripe.financialConnections.sessions.retrieve(session.id);
    expect(linked.accounts.data).toHaveLength(3);
    const account = linked.accounts.data[0].id;

    await openObject(account);
    for (const a of ['deactivate', 'disconnect', 'refresh_balance', 'refresh_transactions', 'subscribe']) await ui.id(`action-${a}`).waitFor();
    // Ownership was not granted: no ownership refresh is offered; nothing is pending: no finish buttons.
    expect(await ui.id('action-refresh_ownership').count()).toBe(0);
    expect(await ui.id('action-reactivate').count()).toBe(0);
    expect(await ui.id('action-finish_balance').count()).toBe(0);
    await ui.id('action-refresh_balance').click();
    await ui.id('action-finish_balance').waitFor();
    await ui.page.screenshot({ path: join(SHOTS, '21-dashboard-account-pending.png') });
    await ui.id('action-finish_balance').click();
    await ui.id('action-finish_balance').waitFor({ state: 'detached' });
    expect((await sandbox.stripe.financialConnections.accounts.retrieve(account)).balance_refresh?.status).toBe('succeeded');
    await ui.id('action-deactivate').click();
    await ui.id('action-reactivate').waitFor();
    expect(await ui.id('action-refresh_balance').count()).toBe(0);
    await ui.page.screenshot({ path: join(SHOTS, '22-dashboard-account-inactive.png') });
    expect((await sandbox.stripe.financialConnections.accounts.retrieve(account)).status).toBe('inactive');
  });
});
