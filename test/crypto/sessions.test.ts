import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startServer, type TestServer } from '../support/server.js';
import { BTC_WALLET, ETH_WALLET, SOL_WALLET, XLM_WALLET, raw, rawError } from './support.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ clock: fixedClock() });
});
afterAll(() => s.close());

const BASE = '/v1/crypto/onramp_sessions';
const create = (params: Record<string, unknown> = {}) => raw(s.stripe, 'POST', BASE, params);
const count = async () => (await raw(s.stripe, 'GET', BASE, { limit: 100 })).data.length;

describe('onramp sessions', () => {
  it('create is initialized with every supported currency and network, a client secret and no event', async () => {
    const cos = await create();
    expectMatchesSpec('POST', BASE, cos);
    expect(cos.id).toMatch(/^cos_/);
    expect(cos.object).toBe('crypto.onramp_session');
    expect(cos.client_secret).toMatch(new RegExp(`^${cos.id}_secret_`));
    expect(cos.status).toBe('initialized');
    expect(cos.redirect_url).toMatch(new RegExp(`^${s.url}/hosted/crypto/onramp/cos_`));
    expect(cos.transaction_details).toMatchObject({
      destination_amount: null,
      destination_currencies: ['btc', 'eth', 'matic', 'sol', 'xlm', 'avax', 'usdc'],
      destination_networks: ['bitcoin', 'ethereum', 'base', 'polygon', 'solana', 'stellar', 'avalanche'],
      fees: null,
      lock_wallet_address: false,
      transaction_id: null,
      wallet_addresses: null,
    });
    const events = await s.stripe.events.list({ limit: 100 });
    expect(events.data.filter((e) => (e.data.object as { id: string }).id === cos.id)).toEqual([]);
  });

  it('create with a pair, an amount and wallets computes the other amount at full precision', async () => {
    const cos = await create({
      source_currency: 'usd',
      source_amount: '100.00',
      destination_currency: 'eth',
      destination_network: 'ethereum',
      destination_currencies: ['eth', 'usdc'],
      destination_networks: ['ethereum', 'solana'],
      wallet_addresses: { ethereum: ETH_WALLET, solana: SOL_WALLET },
      lock_wallet_address: true,
      metadata: { order: '7' },
      customer_information: { email: 'jenny@example.com', dob: { day: 1, month: 1, year: 1990 } },
    });
    expectMatchesSpec('POST', BASE, cos);
    expect(cos.kyc_details_provided).toBe(true);
    expect(cos.metadata).toEqual({ order: '7' });
    // 100 / 3420.55, rounded down to 18 decimals.
    expect(cos.transaction_details.destination_amount).toBe('0.029235064536404964');
    expect(cos.transaction_details.wallet_addresses).toMatchObject({ ethereum: ETH_WALLET, solana: SOL_WALLET, bitcoin: null, destination_tags: null });
    const got = await raw(s.stripe, 'GET', `${BASE}/${cos.id}`);
    expectMatchesSpec('GET', `${BASE}/{session}`, got);
    expect(got.transaction_details).toEqual(cos.transaction_details);
  });

  it('a destination_amount back-computes the fiat amount, rounded up to the cent', async () => {
    const cos = await create({ source_currency: 'usd', destination_amount: '0.42', destination_currency: 'eth', destination_network: 'ethereum' });
    expect(cos.transaction_details.destination_amount).toBe('0.420000000000000000');
    expect(cos.transaction_details.source_amount).toBe('1436.64');
  });

  const cases: [string, Record<string, unknown>, string, string | undefined][] = [
    ['malformed IP', { customer_ip_address: '300.1.1.1' }, 'customer_ip_address', 'customer_ip_address'],
    ['unsupported country IP', { customer_ip_address: '192.0.2.10' }, 'crypto_onramp_unsupported_country', 'customer_ip_address'],
    ['unsupportable customer IP', { customer_ip_address: '198.51.100.7' }, 'crypto_onramp_unsupportable_customer', 'customer_ip_address'],
    ['both amounts', { source_amount: '10', destination_amount: '1', source_currency: 'usd', destination_currency: 'eth', destination_network: 'ethereum' }, 'crypto_onramp_invalid_source_destination_pair', 'destination_amount'],
    ['source amount without currency', { source_amount: '10' }, 'crypto_onramp_missing_source_currency', 'source_currency'],
    ['zero source amount', { source_amount: '0', source_currency: 'usd' }, 'crypto_onramp_invalid_source_amount', 'source_amount'],
    ['fractional cents', { source_amount: '10.001', source_currency: 'usd' }, 'crypto_onramp_invalid_source_amount', 'source_amount'],
    ['destination amount without currency', { destination_amount: '1' }, 'crypto_onramp_missing_destination_currency', 'destination_currency'],
    ['negative destination amount', { destination_amount: '-1', destination_currency: 'eth', destination_network: 'ethereum' }, 'crypto_onramp_invalid_destination_amount', 'destination_amount'],
    ['too many btc decimals', { destination_amount: '0.000000001', destination_currency: 'btc', destination_network: 'bitcoin' }, 'crypto_onramp_invalid_destination_amount', 'destination_amount'],
    ['currency without network', { destination_currency: 'eth' }, 'crypto_onramp_incomplete_destination_currency_and_network_pair', 'destination_network'],
    ['network without currency', { destination_network: 'ethereum' }, 'crypto_onramp_incomplete_destination_currency_and_network_pair', 'destination_currency'],
    ['invalid pair', { destination_currency: 'btc', destination_network: 'solana' }, 'crypto_onramp_invalid_destination_currency_and_network_pair', 'destination_currency'],
    ['no pair in the lists', { destination_currencies: ['btc'], destination_networks: ['solana'] }, 'crypto_onramp_invalid_destination_currencies_and_networks', 'destination_currencies'],
    ['currency outside the list', { destination_currency: 'eth', destination_network: 'ethereum', destination_currencies: ['usdc'] }, 'crypto_onramp_conflicting_destination_currency', 'destination_currency'],
    ['network outside the list', { destination_currency: 'usdc', destination_network: 'ethereum', destination_networks: ['solana'] }, 'crypto_onramp_conflicting_destination_network', 'destination_network'],
    ['wallet for a network not offered', { destination_networks: ['ethereum'], wallet_addresses: { solana: SOL_WALLET } }, 'crypto_onramp_wallet_addresses_not_all_networks_supported', 'wallet_addresses[solana]'],
    ['lock with no wallet', { lock_wallet_address: true }, 'crypto_onramp_no_wallet_address_to_lock', 'lock_wallet_address'],
    ['bad ethereum address', { wallet_addresses: { ethereum: '0x123' } }, 'crypto_onramp_invalid_wallet_address', 'wallet_addresses[ethereum]'],
    ['bitcoin checksum', { wallet_addresses: { bitcoin: BTC_WALLET.slice(0, -1) + 'W' } }, 'crypto_onramp_invalid_wallet_address', 'wallet_addresses[bitcoin]'],
    ['solana key length', { wallet_addresses: { solana: SOL_WALLET.slice(0, -2) } }, 'crypto_onramp_invalid_wallet_address', 'wallet_addresses[solana]'],
    ['stellar checksum', { wallet_addresses: { stellar: XLM_WALLET.slice(0, -1) + 'M' } }, 'crypto_onramp_invalid_wallet_address', 'wallet_addresses[stellar]'],
    ['an ethereum address on bitcoin', { wallet_addresses: { bitcoin: ETH_WALLET } }, 'crypto_onramp_invalid_wallet_address', 'wallet_addresses[bitcoin]'],
    ['partial dob', { customer_information: { dob: { day: 1, year: 1990 } } }, 'parameter_missing', 'customer_information[dob][month]'],
  ];
  for (const [name, params, code, param] of cases) {
    it(`create refuses ${name} with ${code} and writes nothing`, async () => {
      const before = await count();
      const err = await rawError(s.stripe, 'POST', BASE, params);
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe(code);
      expect(err.param).toBe(param);
      expect(await count()).toBe(before);
    });
  }

  it('valid addresses on every network family are accepted', async () => {
    const cos = await create({
      wallet_addresses: { bitcoin: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', ethereum: ETH_WALLET, solana: SOL_WALLET, polygon: ETH_WALLET, stellar: XLM_WALLET, destination_tags: { stellar: '123456789' } },
    });
    expect(cos.transaction_details.wallet_addresses.destination_tags).toEqual({ stellar: '123456789' });
  });

  it('an unknown currency is the validator’s 400', async () => {
    const err = await rawError(s.stripe, 'POST', BASE, { destination_currency: 'doge', destination_network: 'ethereum' });
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('destination_currency');
  });

  it('the kill switch and an account without a public profile refuse creates', async () => {
    await s.control('POST', '/crypto/onramp/settings', { disabled: true });
    const off = await rawError(s.stripe, 'POST', BASE, {});
    expect(off.code).toBe('crypto_onramp_disabled');
    expect((off.raw as { type: string }).type).toBe('api_error');
    await s.control('POST', '/crypto/onramp/settings', { disabled: false, merchant_setup: false });
    expect((await rawError(s.stripe, 'POST', BASE, {})).code).toBe('crypto_onramp_merchant_not_properly_setup');
    await s.control('POST', '/crypto/onramp/settings', { merchant_setup: true });
    expect((await s.control('POST', '/crypto/onramp/settings', { nope: true })).status).toBe(400);
    expect((await create()).status).toBe('initialized');
  });

  it('retrieve of an unknown session is resource_missing', async () => {
    const err = await rawError(s.stripe, 'GET', `${BASE}/cos_nope`);
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
  });

  it('list filters by status, destination currency and network, and created', async () => {
    const a = await create({ destination_currency: 'sol', destination_network: 'solana' });
    const b = await create({ destination_currency: 'usdc', destination_network: 'solana' });
    await s.control('POST', `/crypto/onramp_sessions/${b.id}/advance`, { status: 'rejected' });
    const bySol = await raw(s.stripe, 'GET', BASE, { destination_network: 'solana' });
    expectMatchesSpec('GET', BASE, bySol);
    expect(bySol.data.map((x: { id: string }) => x.id)).toEqual([b.id, a.id]);
    expect((await raw(s.stripe, 'GET', BASE, { destination_currency: 'sol' })).data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await raw(s.stripe, 'GET', BASE, { status: 'rejected' })).data.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect((await raw(s.stripe, 'GET', BASE, { created: { gt: a.created } })).data).toEqual([]);
    const page = await raw(s.stripe, 'GET', BASE, { destination_network: 'solana', limit: 1 });
    expect(page.has_more).toBe(true);
    expect((await rawError(s.stripe, 'GET', BASE, { status: 'done' })).param).toBe('status');
  });
});
