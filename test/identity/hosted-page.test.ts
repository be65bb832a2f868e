import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../src/engine/clock.js';
import { launchChromium } from '../e2e/support/harness.js';
import { startServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/counterfoil-shots';
let s: TestServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  [s, browser] = await Promise.all([startServer({ clock: fixedClock() }), launchChromium()]);
  page = await (await browser.newContext({ viewport: { width: 900, height: 820 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const id = (t: string) => page.locator(`[data-testid="${t}"]`);

describe('identity hosted test page', () => {
  it('the session url opens the test page without the dashboard token; "Verification success" verifies it', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', options: { document: { require_matching_selfie: true } }, return_url: 'https://example.com/done' });
    await page.goto(vs.url!);
    await id('identity-page').waitFor();
    expect(await id('identity-page').getAttribute('data-session')).toBe(vs.id);
    // Only codes that fit the session's checks are offered.
    const codes = await id('failure-code').locator('option').allTextContents();
    expect(codes).toContain('selfie_face_mismatch');
    expect(codes).not.toContain('id_number_mismatch');
    await page.screenshot({ path: `${SHOTS}/identity-page.png` });
    await id('identity-submit').click();
    await page.locator('[data-testid="identity-result"][data-status="verified"]').waitFor();
    await id('return-link').waitFor();
    await page.screenshot({ path: `${SHOTS}/identity-verified.png` });
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('verified');
    // The link was single-use.
    const again = await page.goto(vs.url!);
    expect(again?.status()).toBe(404);
    await id('identity-link-gone').waitFor();
  });

  it('an async failure with a chosen code processes, then lands in requires_input on the sandbox clock', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', options: { document: { require_matching_selfie: true } } });
    await page.goto(vs.url!);
    await id('outcome-unverify').check();
    await id('failure-code').selectOption('selfie_face_mismatch');
    await id('outcome-async').check();
    await id('identity-submit').click();
    await page.locator('[data-testid="identity-result"][data-status="processing"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/identity-processing.png` });
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('processing');
    await s.control('POST', '/clock/advance', { seconds: 60 });
    const done = await s.stripe.identity.verificationSessions.retrieve(vs.id);
    expect(done.status).toBe('requires_input');
    expect(done.last_error?.code).toBe('selfie_face_mismatch');
    // The retry link is a fresh one that opens the page again.
    expect(done.url).not.toBe(vs.url);
    await page.goto(done.url!);
    await id('identity-page').waitFor();
  });

  it('a post from another origin or to an unknown link is refused', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    const path = new URL(vs.url!).pathname;
    const foreign = await fetch(`${s.url}${path}/submit`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"verified":true}' });
    expect(foreign.status).toBe(403);
    const unknown = await fetch(`${s.url}/hosted/identity/test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"verified":true}' });
    expect(unknown.status).toBe(400);
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('requires_input');
  });
});
