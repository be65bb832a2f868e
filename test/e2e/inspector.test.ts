import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startDestination, type Destination } from '../forwarding/destination.js';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let receiver: Receiver;
let destination: Destination;

beforeAll(async () => {
  [sandbox, browser, receiver, destination] = await Promise.all([startSandbox(), launchChromium(), startReceiver(), startDestination()]);
  context = await newContext(browser);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await receiver?.close();
  await destination?.close();
});

describe('inspector: webhook deliveries', () => {
  it("shows every attempt of a delivery with the signature verdict, and resend delivers again", async () => {
    receiver.respondWith(500);
    const endpoint = await sandbox.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['treasury.financial_account.created'] });
    const fa = await sandbox.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} } as never);
    await sandbox.engine.drainWebhooks();
    // The endpoint recovers; the retry falls due on the sandbox clock.
    receiver.respondWith(200);
    await sandbox.control('POST', '/clock/advance', { to_next: true });
    await sandbox.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(2);

    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('inspector');
    await ui.id('inspector-tab-deliveries').click();
    const row = ui.page.locator('[data-testid="delivery-row"]').filter({ hasText: 'treasury.financial_account.created' });
    await row.click();
    await expect(ui.id('delivery-status').textContent()).resolves.toBe('succeeded');
    await expect(ui.id('delivery-attempt').count()).resolves.toBe(2);
    const statuses = await ui.id('attempt-status').allTextContents();
    expect(statuses).toEqual(['200', '500']);
    // The newest attempt is open; the older one opens on click, each with its own verdict.
    await ui.page.locator('[data-testid="delivery-attempt"][data-open="false"]').click();
    const verdicts = await ui.id('signature-verdict').evaluateAll((els) => els.map((e) => e.getAttribute('data-verified')));
    expect(verdicts).toEqual(['true', 'true']);
    expect(await ui.id('attempt-signature').first().textContent()).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await ui.id('delivery-detail').textContent()).toContain(fa.id);
    await ui.shot('inspector-delivery');

    await ui.id('resend-delivery').click();
    // A new delivery of the same event to the same endpoint, sent and recorded.
    await ui.page.locator('[data-testid="delivery-row"]').filter({ hasText: 'treasury.financial_account.created' }).nth(1).waitFor();
    await sandbox.engine.drainWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(JSON.parse(receiver.received[2].body).data.object.id).toBe(fa.id);
    await ui.page.locator('[data-testid="delivery-row"][data-status="succeeded"]').nth(1).waitFor();
    expect(endpoint.id).toMatch(/^we_/);
  });

  it('a signature that does not match the endpoint secret is called out', async () => {
    // Rewrite a recorded body: the stored signature no longer covers it.
    sandbox.engine.core.db.prepare(`UPDATE delivery_attempts SET request_body = request_body || ' ' WHERE seq = (SELECT min(seq) FROM delivery_attempts)`).run();
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('inspector');
    await ui.id('inspector-tab-deliveries').click();
    await ui.page.locator('[data-testid="delivery-row"]').last().click();
    await ui.page.locator('[data-testid="delivery-attempt"][data-open="false"]').last().click();
    const bad = ui.page.locator('[data-testid="signature-verdict"][data-verified="false"]');
    await bad.waitFor();
    expect(await bad.textContent()).toContain("no v1 signature matches the endpoint's secret");
    expect(await bad.textContent()).toContain("Does not verify with this endpoint's secret");
  });

  it('searching and filtering narrows the deliveries', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('inspector');
    await ui.id('inspector-tab-deliveries').click();
    await ui.id('delivery-row').first().waitFor();
    await ui.id('deliveries-status').selectOption('failed');
    await ui.page.locator('[data-testid="delivery-row"]').first().waitFor({ state: 'detached' });
    await ui.id('deliveries-status').selectOption('');
    await ui.id('deliveries-search').fill('no.such.event');
    await ui.page.locator('[data-testid="delivery-row"]').first().waitFor({ state: 'detached' });
    await ui.id('deliveries-search').fill('financial_account.created');
    await ui.id('delivery-row').first().waitFor();
  });
});

describe('inspector: API requests and forwarding', () => {
  it('shows a request with its params, response and idempotency key, and copies it as curl', async () => {
    const rc = await sandbox.stripe.testHelpers.treasury.receivedCredits
      .create(
        { financial_account: (await sandbox.stripe.treasury.financialAccounts.list()).data[0].id, amount: 4_200, currency: 'usd', network: 'ach' },
        { idempotencyKey: 'inspector-key-1' },
      );
    sandbox.engine.flushLog();
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('inspector');
    await ui.id('requests-search').fill('inspector-key-1');
    await ui.page.locator('[data-testid="request-row"]').filter({ hasText: 'received_credits' }).click();
    expect(await ui.id('request-params').textContent()).toContain('"amount": "4200"');
    expect(await ui.id('request-response').textContent()).toContain(rc.id);
    const curl = await ui.id('copy-curl').getAttribute('data-copy');
    expect(curl).toContain(`curl '${sandbox.url}/v1/test_helpers/treasury/received_credits'`);
    expect(curl).toContain("-H 'Idempotency-Key: inspector-key-1'");
    expect(curl).toContain("-d 'amount=4200'");
    await ui.shot('inspector-request');
  });

  it('says how many reads an unbroken stream of them did not log while no dashboard was open', async () => {
    for (const page of context.pages()) await page.close();
    // The server notices a closed stream when its socket closes.
    for (let i = 0; sandbox.engine.core.changes.watched && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    expect(sandbox.engine.core.changes.watched).toBe(false);
    const before = sandbox.engine.core.requestLog.readsNotKept;
    // A polling loop: 400 retrieves back to back, no write between them and no pause.
    const fa = (await sandbox.stripe.treasury.financialAccounts.list()).data[0].id;
    let last = '';
    for (let i = 0; i < 400; i++) last = (await sandbox.stripe.treasury.financialAccounts.retrieve(fa)).lastResponse.requestId;
    const notKept = sandbox.engine.core.requestLog.readsNotKept - before;
    expect(notKept).toBeGreaterThanOrEqual(150);

    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('inspector');
    const note = ui.id('reads-not-kept');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^[\d,]+ reads not logged: with no dashboard open/);
    expect(Number((await note.textContent())!.split(' ')[0].replace(/,/g, ''))).toBe(before + notKept);
    // The newest read of the stream is in the log.
    await ui.id('requests-search').fill(last);
    await ui.page.locator(`[data-testid="request-row"][data-request="${last}"]`).waitFor();
    await ui.id('requests-search').fill('');
    await ui.shot('inspector-reads-not-kept');
  });

  it('shows a forwarding request as sent (redacted), the response, and the config that applied', async () => {
    const url = `${destination.url}/vault`;
    await sandbox.control('POST', '/forwarding/configs', { url, name: 'Vault', replacements: { card_number: 'card.number' } });
    const fwd = await sandbox.stripe.forwarding.requests.create({
      payment_method: 'pm_card_visa',
      url,
      replacements: ['card_number'],
      request: { body: JSON.stringify({ card: { number: '' } }) },
    } as never);
    expect(destination.received.at(-1)!.body).toContain('4242424242424242');
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.view('inspector');
    await ui.id('inspector-tab-forwarding').click();
    await ui.id('forwarding-row').first().click();
    const sent = await ui.id('forwarding-request').textContent();
    expect(sent).not.toContain('4242424242424242');
    expect(await ui.id('forwarding-response').textContent()).toContain('200');
    expect(await ui.id('forwarding-config').textContent()).toContain('"name": "Vault"');
    expect(await ui.id('forwarding-detail').textContent()).toContain(fwd.id);
    await ui.shot('inspector-forwarding');
  });
});
