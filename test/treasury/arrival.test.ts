import { describe, expect, test } from 'vitest';
import { addBusinessDays, expectedArrival, reversalDeadline } from '../../src/engine/resources/treasury/arrival.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('expected arrival on the sandbox clock', () => {
  test('ACH arrives two business days later, at midnight UTC, skipping the weekend', () => {
    expect(expectedArrival(at('2026-01-07T17:58:00Z'), 'ach')).toBe(at('2026-01-09T00:00:00Z'));
    expect(expectedArrival(at('2026-01-09T10:00:00Z'), 'ach')).toBe(at('2026-01-13T00:00:00Z'));
    expect(expectedArrival(at('2026-01-10T10:00:00Z'), 'ach')).toBe(at('2026-01-13T00:00:00Z'));
  });

  test('a wire arrives the same business day and the Stripe network at once', () => {
    expect(expectedArrival(at('2026-01-07T17:58:00Z'), 'us_domestic_wire')).toBe(at('2026-01-07T00:00:00Z'));
    expect(expectedArrival(at('2026-01-11T09:00:00Z'), 'us_domestic_wire')).toBe(at('2026-01-12T00:00:00Z'));
    expect(expectedArrival(at('2026-01-11T09:00:00Z'), 'stripe')).toBe(at('2026-01-11T09:00:00Z'));
  });

  test('the ACH reversal window is five business days', () => {
    expect(reversalDeadline(at('2026-01-01T12:00:00Z'))).toBe(at('2026-01-08T00:00:00Z'));
    expect(addBusinessDays(at('2026-01-02T23:59:59Z'), 1)).toBe(at('2026-01-05T00:00:00Z'));
  });
});
