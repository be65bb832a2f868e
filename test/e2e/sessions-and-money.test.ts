import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { createEngine } from '../../src/engine/engine.js';
import { DashboardPage } from './support/dashboard-page.js';
import { RENDERER, launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

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

async function open(): Promise<DashboardPage> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return new DashboardPage(page, sandbox).open();
}

const MINUS = '\u2212';

describe('money', () => {
  it('each timeline entry shows its own impact with one minus sign; a failure that returns money reads +', async () => {
    const fa = await sandbox.stripe.treasury.financialAccounts.create({
      supported_currencies: ['usd'],
      nickname: 'Operating',
      features: { outbound_payments: { ach: { requested: true } } },
    } as never);
    await sandbox.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount: 50_000, currency: 'usd', network: 'ach' });
    const obp = await sandbox.stripe.treasury.outboundPayments.create({
      financial_account: fa.id,
      amount: 32_500,
      currency: 'usd',
      destination_payment_method_data: { type: 'us_bank_account', us_bank_account: { routing_number: '110000000', account_number: '000000000234' } },
    } as never);
    await sandbox.stripe.testHelpers.treasury.outboundPayments.fail(obp.id);
    const ui = await open();
    const rows = ui.timelineRow(obp.id);
    await rows.nth(1).waitFor();
    const amounts = await rows.locator('[data-testid="timeline-amount"]').allTextContents();
    expect(amounts.sort()).toEqual([`+$325.00`, `${MINUS}$325.00`].sort());
    const all = await ui.page.locator('[data-testid="timeline-list"]').textContent();
    expect(all).not.toMatch(/-\$/);
    // The balance chart has value axes and shows the values under the pointer.
    const plot = ui.page.locator(`[data-testid="balance-chart"][data-account="${fa.id}"] [data-testid="chart-plot"]`);
    await plot.hover({ position: { x: 200, y: 40 } });
    await ui.id('chart-tip').waitFor();
    expect(await ui.id('chart-tip').textContent()).toContain('cash');
    expect(await ui.page.locator(`[data-testid="balance-chart"][data-account="${fa.id}"] figcaption`).textContent()).toContain('Operating');
    await ui.shot('timeline-money');
    await ui.page.close();
  });

  it('errors quote money, and error toasts fade by themselves', async () => {
    const ui = await open();
    await ui.view('controls');
    await ui.id('create-choose-outbound_payment').click();
    await ui.id('field-amount').fill('100000');
    await ui.id('create-submit').click();
    const toast = ui.id('notice-error');
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/needs \$100,000\.00/);
    await ui.shot('error-toast');
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    await ui.page.close();
  });

  it("create forms offer Stripe's test outcomes, and the choice reaches the API", async () => {
    const ui = await open();
    await ui.view('controls');
    await ui.id('create-choose-outbound_payment').click();
    const destinations = await ui.id('field-account_number').locator('option').allTextContents();
    expect(destinations).toContain('000000000234 — fails');
    expect(destinations.some((o) => o.startsWith('000111111113 — posts, then is returned'))).toBe(true);
    await ui.id('field-account_number').selectOption('000000000234');
    await ui.id('field-amount').fill('12.00');
    await ui.id('create-submit').click();
    await ui.page.locator('[data-testid="notice-info"]', { hasText: 'Outbound payment created' }).waitFor();
    const latest = (await sandbox.stripe.treasury.outboundPayments.list({ financial_account: (await sandbox.stripe.treasury.financialAccounts.list()).data[0].id })).data[0];
    expect(latest.destination_payment_method_details?.us_bank_account?.last4).toBe('0234');
    await ui.id('create-choose-inbound_transfer').click();
    const origins = await ui.id('field-origin_payment_method').locator('option').allTextContents();
    expect(origins).toContain('pm_usBankAccount_accountClosed — fails (account_closed)');
    expect(origins).toContain('pm_usBankAccount — succeeds');
    await ui.shot('create-outcomes');
    await ui.page.close();
  });

  it('forwarding configs are listed, edited and deleted in the dashboard', async () => {
    const config = await sandbox.control<{ id: string }>('POST', '/forwarding/configs', {
      url: 'http://127.0.0.1:4343/cards',
      name: 'Vault',
      replacements: { card_number: 'card.number' },
    });
    const ui = await open();
    await ui.view('controls');
    const row = ui.page.locator(`[data-testid="forwarding-config-row"][data-config="${config.id}"]`);
    expect(await row.textContent()).toContain('Vault');
    await row.locator('[data-testid="fwd-edit"]').click();
    await row.locator('[data-testid="fwd-edit-name"]').fill('Card vault v2');
    await row.locator('[data-testid="fwd-edit-card_cvc"]').fill('card.cvc');
    await row.locator('[data-testid="fwd-save"]').click();
    await row.filter({ hasText: 'Card vault v2' }).waitFor();
    const saved = await sandbox.control<{ name: string; replacements: Record<string, string> }>('GET', `/forwarding/configs/${config.id}`);
    expect(saved.name).toBe('Card vault v2');
    expect(saved.replacements.card_cvc).toBe('card.cvc');
    await ui.shot('forwarding-configs');
    await row.locator('[data-testid="fwd-delete"]').click();
    await row.locator('[data-testid="fwd-delete-confirm"]').click();
    await row.waitFor({ state: 'detached' });
    await expect(sandbox.control('GET', `/forwarding/configs/${config.id}`)).rejects.toThrow(/404/);
    await ui.page.close();
  });
});

describe('sessions', () => {
  it('shows "reconnecting…" while the server is away and reconnects by itself when it is back', async () => {
    const own = await startSandbox();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const ui = await new DashboardPage(page, own).open();
    await ui.view('inspector');
    await ui.id('requests-search').waitFor();
    const port = Number(new URL(own.url).port);
    await own.engine.stop();
    await ui.id('reconnecting-banner').waitFor();
    await ui.shot('reconnecting');
    // The same data directory and token come back on the same port, as a restart does.
    const again = createEngine({ dbPath: join(own.dir, 'sandbox.db'), host: '127.0.0.1', port, token: own.token, rendererDir: RENDERER });
    await again.start();
    try {
      await ui.id('reconnecting-banner').waitFor({ state: 'detached' });
      // What happened while away shows without a reload.
      await fetch(`${again.url()}/v1/treasury/financial_accounts`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'supported_currencies[]=usd',
      });
      again.flushLog();
      await ui.page.locator('[data-testid="request-row"]').filter({ hasText: '/v1/treasury/financial_accounts' }).waitFor();
    } finally {
      await page.close();
      await again.stop();
    }
  });

  it('the no-token page explains where the URL comes from and accepts a pasted line', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${sandbox.url}/`);
    await page.locator('#root[data-app-state="no-token"]').waitFor();
    const text = await page.locator('[data-testid="no-token"]').textContent();
    expect(text).toContain('npm start');
    expect(text).toContain('counterfoil serve');
    await page.locator('[data-testid="token-input"]').fill('not a url!');
    await page.locator('[data-testid="token-submit"]').click();
    await page.locator('[data-testid="token-error"]').waitFor();
    await page.screenshot({ path: join(process.env.COUNTERFOIL_SHOTS ?? '/tmp', 'no-token.png') });
    await page
      .locator('[data-testid="token-input"]')
      .fill(`Counterfoil listening on ${sandbox.url} (db x) — dashboard: ${sandbox.url}/?token=${sandbox.token}`);
    await page.locator('[data-testid="token-submit"]').click();
    await page.locator('#root[data-app-state="ready"]').waitFor();
    await page.close();
  });
});
