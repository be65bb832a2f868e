import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let receiver: Receiver;

beforeAll(async () => {
  [sandbox, browser, receiver] = await Promise.all([startSandbox(), launchChromium(), startReceiver()]);
  context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await receiver?.close();
});

/** A dashboard page whose waits fail fast with the step that failed, inside the test's own time. */
async function open(): Promise<DashboardPage> {
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  return new DashboardPage(page, sandbox).open();
}

describe('webhooks view', () => {
  it('creates an endpoint and shows its secret, which verifies a test event sent to it with a posted object', async () => {
    const ui = await open();
    await ui.view('webhooks');
    await ui.id('endpoint-add').click();
    await ui.id('endpoint-url').fill(receiver.url);
    await ui.id('event-all').uncheck();
    // Every accepted type is listed; the ones the sandbox never emits are marked, and can be hidden.
    const never = ui.page.locator('[data-testid="event-option"][data-type="charge.succeeded"]');
    expect(await never.getAttribute('data-emitted')).toBe('false');
    expect(await never.textContent()).toContain('never emitted');
    await ui.id('event-only-emitted').check();
    await never.waitFor({ state: 'detached' });
    await ui.id('event-filter').fill('treasury.outbound_payment');
    await ui.page.locator('[data-testid="event-option"][data-type="treasury.outbound_payment.posted"] input').check();
    await ui.page.locator('[data-testid="event-option"][data-type="treasury.outbound_payment.failed"] input').check();
    await ui.shot('webhooks-create');
    await ui.id('endpoint-save').click();
    await ui.id('endpoint-detail').waitFor();
    const secret = (await ui.id('signing-secret-value').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    const endpointId = (await ui.id('endpoint-detail').getAttribute('data-endpoint'))!;
    expect(await ui.id('endpoint-events').textContent()).toBe('treasury.outbound_payment.posted, treasury.outbound_payment.failed');

    // The secret is hidden on a fresh page and revealed from the dashboard API.
    const again = await open();
    await again.view('webhooks');
    await again.page.locator(`[data-testid="endpoint-row"][data-endpoint="${endpointId}"]`).click();
    expect(await again.id('signing-secret-value').textContent()).not.toContain(secret);
    await again.id('signing-secret-reveal').click();
    await again.page.locator('[data-testid="signing-secret-value"]', { hasText: secret }).waitFor();

    await again.id('test-event-type').selectOption('treasury.outbound_payment.posted');
    await again.id('test-event-send').click();
    // The delivery shows as succeeded once the worker sent it (the control wakes the worker itself).
    const row = again.page.locator('[data-testid="endpoint-deliveries"] [data-testid="delivery-row"][data-origin="test"][data-status="succeeded"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('test event');
    expect(receiver.received).toHaveLength(1);
    const event = Stripe.webhooks.constructEvent(receiver.received[0].body, receiver.received[0].headers['stripe-signature'] as string, secret);
    expect(event.type).toBe('treasury.outbound_payment.posted');
    expect((event.data.object as Stripe.Treasury.OutboundPayment).status).toBe('posted');
    await again.shot('webhooks-endpoint');
    await again.page.close();
    await ui.page.close();
  });

  it('edits the URL and events, disables, enables and deletes an endpoint', async () => {
    const ep = await sandbox.stripe.webhookEndpoints.create({ url: `${receiver.url}/old`, enabled_events: ['*'] });
    const ui = await open();
    await ui.view('webhooks');
    await ui.page.locator(`[data-testid="endpoint-row"][data-endpoint="${ep.id}"]`).click();
    await ui.id('endpoint-edit').click();
    await ui.id('endpoint-url').fill(`${receiver.url}/new`);
    await ui.id('event-all').uncheck();
    await ui.id('event-filter').fill('received_credit');
    await ui.page.locator('[data-testid="event-option"][data-type="treasury.received_credit.succeeded"] input').check();
    await ui.id('endpoint-save').click();
    await ui.page.locator('[data-testid="endpoint-events"]', { hasText: 'treasury.received_credit.succeeded' }).waitFor();
    const updated = await sandbox.stripe.webhookEndpoints.retrieve(ep.id);
    expect(updated.url).toBe(`${receiver.url}/new`);
    expect(updated.enabled_events).toEqual(['treasury.received_credit.succeeded']);

    await ui.id('endpoint-toggle').click();
    await ui.page.locator('[data-testid="endpoint-status"]', { hasText: 'disabled' }).waitFor();
    expect((await sandbox.stripe.webhookEndpoints.retrieve(ep.id)).status).toBe('disabled');
    await ui.id('endpoint-toggle').click();
    await ui.page.locator('[data-testid="endpoint-status"]', { hasText: 'enabled' }).waitFor();

    await ui.id('endpoint-delete').click();
    await ui.id('endpoint-delete-confirm').click();
    await ui.page.locator(`[data-testid="endpoint-row"][data-endpoint="${ep.id}"]`).waitFor({ state: 'detached' });
    await expect(sandbox.stripe.webhookEndpoints.retrieve(ep.id)).rejects.toThrow(/No such webhook endpoint/);
    await ui.page.close();
  });
});

describe('inspector', () => {
  it('delivery rows show time, type, id, endpoint, code and attempts; a resend is marked, selected and reported; wildcards search', async () => {
    receiver.respondWith(200);
    const ep = await sandbox.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const fa = await sandbox.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {}, nickname: 'Payroll' } as never);
    await sandbox.engine.drainWebhooks();
    const ui = await open();
    await ui.view('inspector');
    await ui.id('inspector-tab-deliveries').click();
    await ui.id('deliveries-search').fill('treasury.financial_account.*');
    const row = ui.page.locator('[data-testid="delivery-row"]').filter({ hasText: 'treasury.financial_account.created' }).filter({ hasText: receiver.url }).first();
    await row.click();
    const text = (await row.textContent())!;
    expect(text).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(text).toMatch(/evt_/);
    expect(text).toContain('200');
    expect(text).toContain('1 attempt');
    // The newest attempt is open, with the verdict saying what it checks and why t= is wall time.
    await ui.page.locator('[data-testid="delivery-attempt"][data-open="true"]').waitFor();
    expect(await ui.id('signature-verdict').textContent()).toContain("Signed with this endpoint's secret; a receiver using it verifies.");
    expect(await ui.id('signature-time').textContent()).toContain('wall clock');
    // The event appears once, as the collapsible tree, with timestamps as dates.
    await expect(ui.page.locator('[data-testid="delivery-event-json"]').count()).resolves.toBe(1);
    const time = ui.page.locator('[data-testid="delivery-event-json"] [data-testid="json-time"]').first();
    expect(await time.textContent()).toMatch(/UTC$/);
    expect(await time.getAttribute('title')).toMatch(/^\d{10} \(epoch seconds\)$/);
    await ui.shot('inspector-delivery-attempts');

    await ui.id('resend-delivery').click();
    const resent = ui.page.locator('[data-testid="delivery-row"].selected[data-origin="resend"]');
    await resent.waitFor();
    await ui.page.locator('[data-testid="notice-info"]', { hasText: /Resend of treasury\.financial_account\.created: delivered, HTTP 200/ }).waitFor();
    await ui.shot('inspector-resend');
    // A search by the object's id finds its deliveries.
    await ui.id('deliveries-search').fill(fa.id);
    await ui.page.locator('[data-testid="delivery-row"]').first().waitFor();
    expect(ep.id).toMatch(/^we_/);
    await ui.page.close();
  });

  it('the request log shows unknown URLs and errors, marks replays, shows headers, and warns when curl carries redacted values', async () => {
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${sandbox.url}${path}`, { ...init, headers: { authorization: 'Bearer sk_test_counterfoil', ...(init.headers ?? {}) } });
    await api('/v1/treasury/outbond_payments/obp_123/with/a/rather/long/path/that/goes/on/and/on/for/a/while');
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'replay-me' }, body: 'supported_currencies[]=usd' };
    await api('/v1/treasury/financial_accounts', form);
    await api('/v1/treasury/financial_accounts', form);
    await api('/v1/payment_methods', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2030&card[cvc]=123',
    });
    sandbox.engine.flushLog();
    const ui = await open();
    await ui.view('inspector');
    const unknown = ui.page.locator('[data-testid="request-row"]').filter({ hasText: 'outbond_payments' });
    await unknown.click();
    await ui.id('request-path').waitFor();
    expect(await unknown.getAttribute('title')).toContain('/for/a/while');
    expect(await ui.id('request-detail').textContent()).toContain('404');
    expect(await ui.id('request-path').textContent()).toContain('/for/a/while');
    expect(await ui.id('request-headers').textContent()).toContain('sk_test_');
    expect(await ui.id('request-headers').textContent()).not.toContain('counterfoil');
    await ui.shot('inspector-unknown-url');

    await ui.page.locator('[data-testid="request-row"][data-replayed="true"]').click();
    await ui.id('request-replayed').waitFor();
    expect(await ui.id('response-headers').textContent()).toContain('idempotent-replayed');

    await ui.page.locator('[data-testid="request-row"]').filter({ hasText: '/v1/payment_methods' }).click();
    await ui.id('curl-redacted-warning').waitFor();
    expect(await ui.id('copy-curl').textContent()).toContain('redacted');
    await ui.shot('inspector-curl-redacted');
    await ui.page.close();
  });
});

describe('deep links', () => {
  it('the tab and selection live in the URL; reload and Back keep them', async () => {
    const ui = await open();
    await ui.view('inspector');
    await ui.id('inspector-tab-deliveries').click();
    const first = ui.page.locator('[data-testid="delivery-row"]').first();
    const deliveryId = (await first.getAttribute('data-delivery'))!;
    await first.click();
    await ui.page.waitForURL((u) => u.hash === `#/inspector/deliveries/${deliveryId}`);
    await ui.page.reload();
    await ui.page.locator('#root[data-app-state="ready"]').waitFor();
    await ui.page.locator(`[data-testid="delivery-row"].selected[data-delivery="${deliveryId}"]`).waitFor();
    await ui.view('webhooks');
    await ui.page.waitForURL((u) => u.hash === '#/webhooks');
    await ui.page.goBack();
    await ui.page.locator(`[data-testid="delivery-row"].selected[data-delivery="${deliveryId}"]`).waitFor();
    expect(new URL(ui.page.url()).hash).toBe(`#/inspector/deliveries/${deliveryId}`);
    await ui.page.close();
  });
});
