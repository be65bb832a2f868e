import DecimalJs from 'decimal.js';

const Decimal = DecimalJs.clone({ precision: 64 });
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startServer, type TestServer } from '../support/server.js';
import { raw, rawError } from './support.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ clock: fixedClock() });
});
afterAll(() => s.close());

const QUOTES = '/v1/crypto/onramp_quotes';

describe('onramp quotes', () => {
  it('quotes every currency × network pair of the request; [] for a requested network without pairs, null for the rest', async () => {
    const q = await raw(s.stripe, 'GET', QUOTES, { source_amount: '100.00', destination_currencies: ['eth', 'usdc', 'btc'], destination_networks: ['ethereum', 'solana', 'stellar'] });
    expectMatchesSpec('GET', QUOTES, q);
    expect(q.object).toBe('crypto.onramp.quotes');
    expect(q.id).toMatch(/^[0-9a-f]{64}$/);
    expect(q.source_currency).toBe('usd');
    expect(q.source_amount).toBe('100.00');
    expect(q.rate_fetched_at).toBe(1767225600);
    const dnq = q.destination_network_quotes;
    expect(dnq.ethereum.map((x: { destination_currency: string }) => x.destination_currency)).toEqual(['eth', 'usdc']);
    expect(dnq.solana.map((x: { destination_currency: string }) => x.destination_currency)).toEqual(['usdc']);
    expect(dnq.stellar.map((x: { destination_currency: string }) => x.destination_currency)).toEqual(['usdc']);
    expect(dnq.bitcoin).toBeNull();
    expect(dnq.base_network).toBeNull();
    const eth = dnq.ethereum[0];
    expect(eth).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      destination_currency: 'eth',
      destination_amount: '0.029235064536404964',
      destination_network: 'ethereum',
      fees: { network_fee_monetary: '2.41', transaction_fee_monetary: '3.07' },
      source_total_amount: '105.48',
    });
    const none = await raw(s.stripe, 'GET', QUOTES, { destination_currencies: ['btc'], destination_networks: ['solana'] });
    expect(none.destination_network_quotes.solana).toEqual([]);
  });

  it('defaults: usd, 100.00, every currency on the default networks', async () => {
    const q = await raw(s.stripe, 'GET', QUOTES);
    expectMatchesSpec('GET', QUOTES, q);
    expect(q.source_amount).toBe('100.00');
    expect(q.destination_network_quotes.bitcoin[0].destination_currency).toBe('btc');
    expect(q.destination_network_quotes.base_network.map((x: { destination_network: string }) => x.destination_network)).toEqual(['base', 'base']);
    expect(q.destination_network_quotes.sui).toBeNull();
  });

  it('a destination_amount back-computes the source amount from one pair', async () => {
    const q = await raw(s.stripe, 'GET', QUOTES, { destination_amount: '0.42', destination_currencies: ['eth'], destination_networks: ['ethereum'] });
    expectMatchesSpec('GET', QUOTES, q);
    expect(q.source_amount).toBe('1436.64');
    const eth = q.destination_network_quotes.ethereum[0];
    expect(eth.destination_amount).toBe('0.420000000000000000');
    expect(eth.source_total_amount).toBe('1483.15');
  });

  it('other fiat currencies convert through the table', async () => {
    const q = await raw(s.stripe, 'GET', QUOTES, { source_currency: 'eur', source_amount: '50', destination_currencies: ['usdc'], destination_networks: ['polygon'] });
    expect(q.source_currency).toBe('eur');
    expect(q.destination_network_quotes.polygon[0].destination_amount).toBe('54.000000');
  });

  it('the beta path and its amount names answer the same quote', async () => {
    const q = await raw(s.stripe, 'GET', '/v1/crypto/onramp/quotes', { source_exchange_amount: '200', destination_currencies: ['eth'], destination_networks: ['ethereum'] });
    expectMatchesSpec('GET', '/v1/crypto/onramp/quotes', q);
    const renamed = await raw(s.stripe, 'GET', QUOTES, { source_amount: '200', destination_currencies: ['eth'], destination_networks: ['ethereum'] });
    expect(q.destination_network_quotes.ethereum[0].source_total_amount).toBe(renamed.destination_network_quotes.ethereum[0].source_total_amount);
  });

  it('bad amounts and pairs are Stripe 400s', async () => {
    const both = await rawError(s.stripe, 'GET', QUOTES, { source_amount: '1', destination_amount: '1' });
    expect([both.statusCode, both.code]).toEqual([400, 'crypto_onramp_invalid_source_destination_pair']);
    expect((await rawError(s.stripe, 'GET', QUOTES, { source_amount: 'ten' })).code).toBe('crypto_onramp_invalid_source_amount');
    expect((await rawError(s.stripe, 'GET', QUOTES, { destination_amount: '1', destination_currencies: ['eth', 'usdc'], destination_networks: ['ethereum'] })).code).toBe(
      'crypto_onramp_incomplete_destination_currency_and_network_pair',
    );
    expect((await rawError(s.stripe, 'GET', QUOTES, { destination_amount: '1', destination_currencies: ['btc'], destination_networks: ['ethereum'] })).code).toBe(
      'crypto_onramp_invalid_destination_currency_and_network_pair',
    );
    expect((await rawError(s.stripe, 'GET', QUOTES, { destination_amount: '0.123456789', destination_currencies: ['btc'], destination_networks: ['bitcoin'] })).code).toBe(
      'crypto_onramp_invalid_destination_amount',
    );
    expect((await rawError(s.stripe, 'GET', QUOTES, { source_currency: 'jpy' })).param).toBe('source_currency');
  });

  it('property: total = amount + both fees, crypto received never exceeds what the amount buys', async () => {
    const TABLE = { eth: '3420.55', btc: '97250.00', sol: '186.42', usdc: '1.00' } as Record<string, string>;
    const NET = { eth: 'ethereum', btc: 'bitcoin', sol: 'solana', usdc: 'ethereum' } as Record<string, string>;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('eth', 'btc', 'sol', 'usdc'), async (cents, currency) => {
        const amount = new Decimal(cents).div(100).toFixed(2);
        const q = await raw(s.stripe, 'GET', QUOTES, { source_amount: amount, destination_currencies: [currency], destination_networks: [NET[currency]] });
        const x = q.destination_network_quotes[NET[currency]][0];
        const total = new Decimal(amount).plus(x.fees.network_fee_monetary).plus(x.fees.transaction_fee_monetary);
        expect(x.source_total_amount).toBe(total.toFixed(2));
        const bought = new Decimal(x.destination_amount).mul(TABLE[currency]);
        expect(bought.lte(amount)).toBe(true);
        const oneMore = new Decimal(x.destination_amount).plus(new Decimal(10).pow(-x.destination_amount.split('.')[1].length)).mul(TABLE[currency]);
        expect(oneMore.gt(amount)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
