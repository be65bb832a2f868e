import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../src/engine/clock.js';
import { launchChromium } from '../e2e/support/harness.js';
import { startServer, type TestServer } from '../support/server.js';
import { ETH_WALLET, raw } from './support.js';

const SHOTS = '/tmp/counterfoil-shots';
let s: TestServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  [s, browser] = await Promise.all([startServer({ clock: fixedClock() }), launchChromium()]);
  page = await (await browser.newContext({ viewport: { width: 720, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const id = (t: string) => page.locator(`[data-testid="${t}"]`);
const status = (v: string) => page.locator(`[data-testid="onramp-page"][data-status="${v}"]`);
const get = async (cosId: string) => raw(s.stripe, 'GET', `/v1/crypto/onramp_sessions/${cosId}`);

describe('crypto onramp hosted widget', () => {
  it('plays the widget: OTP 000000, test KYC, card 4242, then delivery on the sandbox clock', async () => {
    const cos = await raw(s.stripe, 'POST', '/v1/crypto/onramp_sessions', { wallet_addresses: { ethereum: ETH_WALLET }, destination_networks: ['ethereum'], source_currency: 'usd', source_amount: '50.00', destination_currency: 'eth', destination_network: 'ethereum' });
    await page.goto(cos.redirect_url);
    await status('initialized').waitFor();
    await id('onramp-otp').fill('123456');
    await id('onramp-otp-submit').click();
    await expect.poll(() => id('onramp-error').textContent()).toContain('000000');
    await page.screenshot({ path: `${SHOTS}/onramp-signin.png` });
    await id('onramp-otp').fill('000000');
    await id('onramp-otp-submit').click();
    await id('onramp-ssn').waitFor();
    await id('onramp-ssn').fill('000-00-0000');
    await id('onramp-line1').fill('address_full_match');
    await page.screenshot({ path: `${SHOTS}/onramp-kyc.png` });
    await id('onramp-kyc-submit').click();
    await status('requires_payment').waitFor();
    expect((await get(cos.id)).status).toBe('requires_payment');
    expect(await id('onramp-wallet').inputValue()).toBe(ETH_WALLET);
    await id('onramp-currency').selectOption('usdc');
    await expect.poll(() => id('onramp-quote').textContent()).toContain('50.000000 usdc');
    expect(await id('onramp-quote').textContent()).toContain('57.17');
    await id('onramp-card').fill('4000 0000 0000 0002');
    await id('onramp-pay').click();
    await expect.poll(() => id('onramp-error').textContent()).toContain('declined');
    expect((await get(cos.id)).status).toBe('requires_payment');
    await page.screenshot({ path: `${SHOTS}/onramp-pay.png` });
    await id('onramp-card').fill('4242 4242 4242 4242');
    await id('onramp-pay').click();
    await status('fulfillment_processing').waitFor();
    const paid = await get(cos.id);
    expect(paid.transaction_details).toMatchObject({ destination_currency: 'usdc', destination_amount: '50.000000', source_amount: '50.00' });
    await s.control('POST', '/clock/advance', { seconds: 30 });
    await status('fulfillment_complete').waitFor();
    await page.screenshot({ path: `${SHOTS}/onramp-delivered.png` });
    expect(await id('onramp-summary').textContent()).toContain((await get(cos.id)).transaction_details.transaction_id);
    const events = (await s.stripe.events.list({ limit: 100 })).data.filter((e) => (e.data.object as { id: string }).id === cos.id);
    expect(events.map((e) => (e.data.object as { status: string }).status).reverse()).toEqual(['requires_payment', 'fulfillment_processing', 'fulfillment_complete']);
  });

  it('KYC with other details than the test ones rejects the session', async () => {
    const cos = await raw(s.stripe, 'POST', '/v1/crypto/onramp_sessions', {});
    await page.goto(cos.redirect_url);
    await id('onramp-otp').fill('000000');
    await id('onramp-otp-submit').click();
    await id('onramp-ssn').fill('123456789');
    await id('onramp-line1').fill('1 Main St');
    await id('onramp-kyc-submit').click();
    await status('rejected').waitFor();
    await page.screenshot({ path: `${SHOTS}/onramp-rejected.png` });
    expect((await get(cos.id)).status).toBe('rejected');
  });

  it('an unknown link is a 404 page; a foreign origin cannot post', async () => {
    const res = await page.goto(`${s.url}/hosted/crypto/onramp/cos_AAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(res?.status()).toBe(404);
    const cos = await raw(s.stripe, 'POST', '/v1/crypto/onramp_sessions', {});
    const path = new URL(cos.redirect_url).pathname;
    const foreign = await fetch(`${s.url}${path}/otp`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"code":"000000"}' });
    expect(foreign.status).toBe(403);
  });
});
