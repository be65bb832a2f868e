import fc from 'fast-check';
import { expect, test } from 'vitest';
import { majorUnits, reportTime } from '../../src/engine/resources/reporting/format.js';
import { minor } from './support.js';

test('major units read back to the same minor amount for any integer, in two- and zero-decimal currencies', () => {
  fc.assert(
    fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
      expect(minor(majorUnits(n, 'usd'))).toBe(n);
      expect(minor(majorUnits(n, 'jpy'), 0)).toBe(n);
      expect(minor(majorUnits(n, 'kwd'), 3)).toBe(n);
    }),
  );
});

test('sums of major-unit strings equal the sum of the minor amounts exactly', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 200 }), (amounts) => {
      const viaReport = amounts.map((a) => majorUnits(a, 'usd')).reduce((n, s) => n + minor(s), 0);
      expect(viaReport).toBe(amounts.reduce((n, a) => n + a, 0));
    }),
  );
});

test('a decimal separator replaces the point and a non-integer amount is refused', () => {
  expect(majorUnits(-123456, 'eur', ',')).toBe('-1234,56');
  expect(majorUnits(5, 'usd')).toBe('0.05');
  expect(() => majorUnits(1.5, 'usd')).toThrow();
});

test('report times are written in the chosen time zone', () => {
  expect(reportTime(1_767_225_600)).toBe('2026-01-01 00:00:00');
  expect(reportTime(1_767_225_600, 'Pacific/Kiritimati')).toBe('2026-01-01 14:00:00');
  expect(reportTime(null)).toBe('');
});
