import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { DemoResult } from '../../src/shared/dashboard-api.js';
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

describe('demo scenario', () => {
  it('one click fills an empty sandbox with the Acme Robotics story, every step through the real API', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.id('timeline-empty').waitFor();
    // The button also reads the demo's progress (GET) from the same path: wait for the run itself.
    const response = ui.page.waitForResponse((r) => r.url().endsWith('/_counterfoil/dashboard/demo') && r.request().method() === 'POST');
    await ui.id('demo-scenario').click();
    const result = (await (await response).json()) as DemoResult;
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.financial_accounts).toHaveLength(2);

    await ui.id('balance-chart').nth(1).waitFor();
    await ui.page.locator('[data-testid="timeline-row"][data-flow^="obp_"]').first().waitFor();
    await ui.page.locator('[data-testid="ledger-status"][data-ok="true"]').waitFor();
    await ui.shot('demo-timeline');

    const { stripe } = sandbox;
    const payroll = result.financial_accounts[1];
    const payments = (await stripe.treasury.outboundPayments.list({ financial_account: payroll })).data;
    expect(payments.map((p) => p.status).sort()).toEqual(['posted', 'posted', 'posted', 'returned']);
    expect((await stripe.treasury.debitReversals.list({ financial_account: result.financial_accounts[0] })).data).toHaveLength(1);
    expect((await stripe.treasury.creditReversals.list({ financial_account: result.financial_accounts[0] })).data).toHaveLength(1);

    // The endpoint failed for a while and recovered: some deliveries took several attempts, and none is left failing.
    const deliveries = await sandbox.control<{ data: { status: string; attempt_count: number }[] }>('GET', '/dashboard/deliveries?limit=500');
    expect(deliveries.data.some((d) => d.attempt_count > 1 && d.status === 'succeeded')).toBe(true);
    expect(deliveries.data.filter((d) => d.status !== 'succeeded')).toEqual([]);

    await ui.view('inspector');
    await ui.id('inspector-tab-deliveries').click();
    await ui.page.locator('[data-testid="delivery-row"]').filter({ hasText: /[2-9] attempts/ }).first().click();
    await ui.id('delivery-attempt').nth(1).waitFor();
    await ui.shot('demo-inspector-deliveries');
    await ui.id('inspector-tab-requests').click();
    await ui.id('request-row').first().click();
    await ui.shot('demo-inspector-requests');
    await ui.view('controls');
    await ui.id('actionable-row').first().waitFor();
    await ui.shot('demo-controls');
    await ui.view('objects');
    await ui.id('object-row').first().click();
    await ui.id('object-detail').waitFor();
    await ui.shot('demo-objects');
  }, 60_000);
});
