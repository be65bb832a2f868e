import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let ui: DashboardPage;
let account: string;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  context = await newContext(browser);
  ui = await new DashboardPage(await context.newPage(), sandbox).open();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** The id of the newest notice shown so far (notices are numbered as they appear). */
function lastNotice(): Promise<number> {
  return ui.page.evaluate(() => Math.max(0, ...[...document.querySelectorAll<HTMLElement>('[data-notice]')].map((n) => Number(n.dataset.notice))));
}

/** Submits a create form; fails with the engine's message if it refuses. */
async function create(form: string, fill: Record<string, string> = {}): Promise<void> {
  await ui.id(`create-choose-${form}`).click();
  const el = ui.id(`create-form-${form}`);
  await el.waitFor();
  for (const [field, value] of Object.entries(fill)) {
    const input = el.locator(`[data-testid="field-${field}"]`);
    if ((await input.evaluate((n) => n.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  const seen = await lastNotice();
  await el.locator('[data-testid="create-submit"]').click();
  const notice = await ui.page.waitForFunction((after) => {
    const all = [...document.querySelectorAll<HTMLElement>('[data-notice]')].filter((n) => Number(n.dataset.notice) > after);
    return all.length ? { tone: all[0].dataset.testid, text: all[0].textContent } : null;
  }, seen);
  const { tone, text } = (await notice.jsonValue())!;
  if (tone !== 'notice-info') throw new Error(`creating a ${form} was refused: ${text}`);
}

/** Clicks an action on an object's row and waits for the engine's new state to reach the row. */
async function act(objectId: string, action: string): Promise<void> {
  const row = ui.actionableRow(objectId);
  await row.locator(`[data-testid="action-${action}"]`).click();
  await row.locator(`[data-testid="action-${action}"]`).waitFor({ state: 'detached' });
}

describe('controls', () => {
  it('forms create a financial account and move money into it without code', async () => {
    await ui.view('controls');
    await create('financial_account', { nickname: 'Controls test' });
    const accounts = await sandbox.stripe.treasury.financialAccounts.list();
    account = accounts.data[0].id;
    expect((accounts.data[0] as unknown as { nickname: string }).nickname).toBe('Controls test');
    await create('received_credit', { financial_account: account, amount: '900.00' });
    const credits = await sandbox.stripe.treasury.receivedCredits.list({ financial_account: account });
    expect(credits.data.map((c) => c.amount)).toEqual([90_000]);
  });

  it('each outbound payment control moves its object, offers only legal moves, and the timeline follows', async () => {
    for (let i = 0; i < 4; i++) await create('outbound_payment', { financial_account: account, amount: '10.00', payee: `Payee ${i}` });
    const payments = (await sandbox.stripe.treasury.outboundPayments.list({ financial_account: account })).data;
    expect(payments).toHaveLength(4);
    const [p0, p1, p2, p3] = payments.map((p) => p.id);
    await ui.actionableRow(p0).waitFor();
    // Processing: all four moves are offered.
    for (const a of ['post', 'fail', 'cancel', 'return']) await ui.actionableRow(p0).locator(`[data-testid="action-${a}"]`).waitFor();
    await ui.shot('controls-outbound-payments');

    await act(p0, 'post');
    await act(p1, 'fail');
    await act(p2, 'cancel');
    await act(p3, 'return');
    const status = async (id: string) => (await sandbox.stripe.treasury.outboundPayments.retrieve(id)).status;
    expect([await status(p0), await status(p1), await status(p2), await status(p3)]).toEqual(['posted', 'failed', 'canceled', 'returned']);
    // Posted: no way back to the other outcomes.
    for (const a of ['post', 'fail', 'cancel', 'return']) {
      await expect(ui.actionableRow(p0).locator(`[data-testid="action-${a}"]`).count()).resolves.toBe(0);
    }

    await ui.view('timeline');
    for (const [id, step] of [
      [p0, 'posting'],
      [p1, 'failure'],
      [p2, 'cancellation'],
      [p3, 'return'],
    ]) {
      await ui.page.locator(`[data-testid="timeline-row"][data-flow="${id}"]`).filter({ hasText: `· ${step}` }).waitFor();
    }
    await ui.shot('timeline-after-controls');
  });

  it('inbound transfers and received-credit reversals have their own controls', async () => {
    await ui.view('controls');
    await create('inbound_transfer', { financial_account: account, amount: '25.00' });
    const ibt = (await sandbox.stripe.treasury.inboundTransfers.list({ financial_account: account })).data[0];
    await act(ibt.id, 'succeed');
    expect((await sandbox.stripe.treasury.inboundTransfers.retrieve(ibt.id)).status).toBe('succeeded');

    const rc = (await sandbox.stripe.treasury.receivedCredits.list({ financial_account: account })).data[0];
    await act(rc.id, 'reverse');
    const reversal = (await sandbox.stripe.treasury.creditReversals.list({ financial_account: account })).data[0];
    expect(reversal.received_credit).toBe(rc.id);
    await act(reversal.id, 'post');
    expect((await sandbox.stripe.treasury.creditReversals.retrieve(reversal.id)).status).toBe('posted');
  });

  it('the sandbox clock advances by an amount and jumps to the next scheduled time', async () => {
    await ui.view('controls');
    const nowOf = async () => Number(await ui.id('clock-now').getAttribute('data-now-ms'));
    const before = await nowOf();
    await ui.id('clock-amount').fill('2');
    await ui.id('clock-unit').selectOption('hours');
    await ui.id('clock-advance').click();
    await ui.page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock-now"]')?.getAttribute('data-now-ms')) >= t, before + 2 * 3600_000);
    const next = (await sandbox.control<{ next_scheduled_at: number | null }>('GET', '/clock')).next_scheduled_at;
    expect(next).not.toBeNull();
    await ui.id('clock-next').click();
    await ui.page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock-now"]')?.getAttribute('data-now-ms')) >= t, next! * 1000);
    await ui.shot('controls-clock');
  });
});
