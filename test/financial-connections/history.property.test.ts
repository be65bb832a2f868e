import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHistory, DAY_SECONDS, SETTLE_SECONDS, statusAt, transactionId, transactionsOfDay } from '../../src/engine/resources/financial-connections/history.js';
import { INSTITUTIONS } from '../../src/engine/resources/financial-connections/institutions.js';

const TEMPLATES = INSTITUTIONS.flatMap((i) => i.accounts);
const DAY_2026 = 20_454; // 2026-01-01

describe('generated bank history', () => {
  it('is the same every time for a template and day, integral, inside its day, and money in or out is never zero', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), fc.integer({ min: DAY_2026 - 400, max: DAY_2026 + 400 }), (t, day) => {
        const a = transactionsOfDay(t, day);
        expect(transactionsOfDay(t, day)).toEqual(a);
        for (const x of a) {
          expect(Number.isSafeInteger(x.amount)).toBe(true);
          expect(x.amount).not.toBe(0);
          expect(Math.floor(x.transacted_at / DAY_SECONDS)).toBe(day);
          if (x.voids) expect(x.amount).toBeLessThan(0);
        }
      }),
    );
  });

  it('a transaction is pending until it settles, then posted or void for good, never both', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), fc.integer({ min: DAY_2026, max: DAY_2026 + 60 }), fc.integer({ min: 0, max: 5 * DAY_SECONDS }), (t, day, later) => {
        for (const x of transactionsOfDay(t, day)) {
          const at = statusAt(x, x.transacted_at + later);
          if (later < SETTLE_SECONDS) expect(at).toEqual({ status: 'pending', posted_at: null, void_at: null });
          else expect(at.status).toBe(x.voids ? 'void' : 'posted');
          expect(at.posted_at === null || at.void_at === null).toBe(true);
        }
      }),
    );
  });

  it('a history window holds only what happened by then, and ids are stable per account', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), fc.integer({ min: 0, max: DAY_SECONDS * 10 }), (t, offset) => {
        const now = DAY_2026 * DAY_SECONDS + offset;
        const h = bankHistory(t, DAY_2026 - 3, now);
        expect(h.every((x) => x.transacted_at <= now)).toBe(true);
        const ids = h.map((x) => transactionId('fca_1A', x.key));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.every((id) => /^fctxn_1[0-9A-Za-z]{23}$/.test(id))).toBe(true);
        expect(h.map((x) => transactionId('fca_1A', x.key))).toEqual(ids);
      }),
    );
  });
});
