import { describe, expect, it } from 'vitest';
import { newId } from '../../src/engine/ids.js';

describe('object ids', () => {
  it('look like Stripe test-mode ids: prefix, "1", 23 base62 characters', () => {
    for (let i = 0; i < 200; i++) expect(newId('treasury.outbound_payment')).toMatch(/^obp_1[0-9A-Za-z]{23}$/);
  });

  it('made in later milliseconds sort after earlier ones (new rows land at the end of the id index)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(newId('event'));
      await new Promise((r) => setTimeout(r, 2));
    }
    // SQLite's BINARY collation compares bytes, as the default sort of these ASCII strings does.
    expect([...ids].sort()).toEqual(ids);
  });

  it('made in the same millisecond still differ', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('treasury.transaction_entry'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
