import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { resolveLocation } from '../../src/engine/resources/tax/location.js';
import { D, percentageDecimal } from '../../src/engine/resources/tax/money.js';
import { treatmentOf } from '../../src/engine/resources/tax/product-tax-codes.js';
import { RATE_SOURCE, countryRate, stateRate } from '../../src/engine/resources/tax/rate-table.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('tax rate table', () => {
  it('tax rates: the bundled table is the installed sales-tax release the docs name', () => {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(require.resolve('sales-tax/package.json'), 'utf8'));
    expect(pkg.version).toBe(RATE_SOURCE.version);
    expect(readFileSync('docs/tax.md', 'utf8')).toContain(`sales-tax\` ${RATE_SOURCE.version}`);
  });

  it('tax rates: dated history gives the rate in force at a tax date', () => {
    expect(countryRate('DE', at('2026-01-01'))!.rate.toString()).toBe('0.19');
    expect(countryRate('DE', at('2020-08-01'))!.rate.toString()).toBe('0.16');
    expect(countryRate('DE', at('2020-03-01'))!.rate.toString()).toBe('0.19');
    expect(stateRate('CA', 'NS', at('2025-03-01'))!.rate.toString()).toBe('0.1');
    expect(stateRate('CA', 'NS', at('2025-05-01'))!.rate.toString()).toBe('0.09');
    expect(countryRate('ZZ', at('2026-01-01'))).toBeUndefined();
  });

  it('tax rates: rates read exactly and print as Stripe prints percentage_decimal', () => {
    expect(percentageDecimal(stateRate('US', 'TX', 0)!.rate)).toBe('6.25');
    expect(percentageDecimal(stateRate('CA', 'QC', 0)!.rate)).toBe('9.975');
    expect(percentageDecimal(new D('0.2'))).toBe('20.0');
  });

  it('tax rates: product tax codes resolve by state, then country, then code', () => {
    expect(treatmentOf('txcd_30011000', 'US', 'NJ')).toBe('exempt');
    expect(treatmentOf('txcd_30011000', 'US', 'TX')).toBe('standard');
    expect(treatmentOf('txcd_40060003', 'GB', null)).toBe('zero');
    expect(treatmentOf('txcd_40060003', 'DE', null)).toBe('reduced');
    expect(treatmentOf('txcd_12345678', 'DE', null)).toBe('standard');
  });
});

describe('tax location', () => {
  it('tax location: US ZIP codes place the state; names and codes are both read', () => {
    expect(resolveLocation({ country: 'us', postal_code: '10001' }, 'a')).toEqual({ country: 'US', state: 'NY' });
    expect(resolveLocation({ country: 'US', postal_code: '78701-1234' }, 'a')).toEqual({ country: 'US', state: 'TX' });
    expect(resolveLocation({ country: 'US', state: 'Texas' }, 'a')).toEqual({ country: 'US', state: 'TX' });
    expect(resolveLocation({ country: 'CA', postal_code: 'h2x 1y4' }, 'a')).toEqual({ country: 'CA', state: 'QC' });
    expect(resolveLocation({ country: 'DE' }, 'a')).toEqual({ country: 'DE', state: null });
  });

  it('tax location: imprecise addresses name the param that would place them', () => {
    expect(() => resolveLocation({ country: 'US', postal_code: '123' }, 'x[address]')).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ code: 'customer_tax_location_invalid', param: 'x[address][postal_code]' }) }),
    );
    expect(() => resolveLocation({ country: 'CA', postal_code: 'ZZZ' }, 'x')).toThrow(expect.objectContaining({ body: expect.objectContaining({ param: 'x[postal_code]' }) }));
    expect(() => resolveLocation({ country: 'Germany' }, 'x')).toThrow(expect.objectContaining({ body: expect.objectContaining({ param: 'x[country]' }) }));
  });
});
