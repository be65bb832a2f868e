import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineCore } from '../../src/engine/context.js';
import { orderedListRaw } from '../../src/engine/resources/treasury/listing.js';
import { openDatabase } from '../../src/engine/store/db.js';
import { filterColumn } from '../../src/engine/store/filter-columns.js';
import { ObjectStore } from '../../src/engine/store/objects.js';

// A cursor's place is read inside the page's own query. Against a model of what a page is: for
// any objects, any cursor (one of them, one of another account or type, one that does not exist)
// and either direction, the page is the model's.
const ENTRY = 'treasury.transaction_entry';
const db = openDatabase(':memory:');
const store = new ObjectStore(db);
const core = { db } as EngineCore;
afterAll(() => db.close());

interface Row {
  id: string;
  type: string;
  owner: string;
  at: number | null;
  seq: number;
}

const rowArb = fc.record({
  entry: fc.boolean(),
  owner: fc.constantFrom('fa_a', 'fa_b'),
  at: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
});

/** The page the model gives: newest first by (key, seq), after (or before) the cursor's place. */
function modelPage(rows: Row[], owner: string, byAt: boolean, limit: number, cursor: { id: string; before: boolean } | null): string[] {
  const key = (r: Row) => [byAt ? r.at! : r.seq, r.seq] as const;
  const cmp = (x: Row, y: Row) => {
    const [a1, a2] = key(x);
    const [b1, b2] = key(y);
    return a1 !== b1 ? a1 - b1 : a2 - b2;
  };
  let pool = rows.filter((r) => r.type === ENTRY && r.owner === owner && (!byAt || r.at !== null));
  if (cursor) {
    const c = rows.find((r) => r.id === cursor.id && r.type === ENTRY && r.owner === owner);
    if (!c || (byAt && c.at === null)) return [];
    pool = pool.filter((r) => (cursor.before ? cmp(r, c) > 0 : cmp(r, c) < 0));
  }
  if (cursor?.before) return pool.sort(cmp).slice(0, limit).reverse().map((r) => r.id);
  return pool
    .sort((x, y) => cmp(y, x))
    .slice(0, limit)
    .map((r) => r.id);
}

describe('ordered list pages with a cursor', () => {
  it('match the model for any cursor, direction and order', () => {
    let round = 0;
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.nat(30),
        fc.constantFrom<'after' | 'before' | 'none'>('after', 'before', 'none'),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('fa_a', 'fa_b'),
        (specs, pick, direction, byAt, limit, owner) => {
          round++;
          db.exec('DELETE FROM objects');
          const rows: Row[] = [];
          db.transaction(() => {
            specs.forEach((s, i) => {
              const id = s.entry ? `trxne_${round}_${i}` : `trxn_${round}_${i}`;
              const type = s.entry ? ENTRY : 'treasury.transaction';
              store.insert({ id, object: type, effective_at: s.at ?? undefined, transaction: 'trxn_x' }, s.owner);
              const { seq } = db.prepare('SELECT seq FROM objects WHERE id = ?').get(id) as { seq: number };
              rows.push({ id, type, owner: s.owner, at: type === ENTRY ? s.at : null, seq });
            });
          })();
          const cursorId = pick < rows.length ? rows[pick].id : 'trxne_missing';
          const cursor = direction === 'none' ? null : { id: cursorId, before: direction === 'before' };
          const page = orderedListRaw(core, {
            type: ENTRY,
            owner,
            limit,
            ...(byAt ? { orderBy: filterColumn(ENTRY, 'effective_at') } : {}),
            ...(cursor ? (cursor.before ? { endingBefore: cursor.id } : { startingAfter: cursor.id }) : {}),
          });
          const ids = page.data.map((t) => (JSON.parse(t) as { id: string }).id);
          expect(ids).toEqual(modelPage(rows, owner, byAt, limit, cursor));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('page a store list past a cursor of another type or none at all to nothing', () => {
    db.exec('DELETE FROM objects');
    store.insert({ id: 'obp_1', object: 'treasury.outbound_payment' }, 'fa_a');
    store.insert({ id: 'obp_2', object: 'treasury.outbound_payment' }, 'fa_a');
    store.insert({ id: 'trxn_1', object: 'treasury.transaction' }, 'fa_a');
    expect(store.list('treasury.outbound_payment', { limit: 10, owner: 'fa_a', startingAfter: 'obp_2' }).data.map((o) => o.id)).toEqual(['obp_1']);
    expect(store.list('treasury.outbound_payment', { limit: 10, owner: 'fa_a', startingAfter: 'trxn_1' }).data).toEqual([]);
    expect(store.list('treasury.outbound_payment', { limit: 10, owner: 'fa_a', endingBefore: 'obp_missing' }).data).toEqual([]);
  });
});
