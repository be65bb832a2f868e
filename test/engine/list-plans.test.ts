import { afterAll, describe, expect, it } from 'vitest';
import type { EngineCore } from '../../src/engine/context.js';
import { explainActiveEntitlements } from '../../src/engine/resources/entitlements/grants.js';
import { explainOrdered, type OrderedQuery } from '../../src/engine/resources/treasury/listing.js';
import { openDatabase } from '../../src/engine/store/db.js';
import { filterColumn } from '../../src/engine/store/filter-columns.js';
import { ObjectStore, type ListQuery } from '../../src/engine/store/objects.js';
import { JOB_QUERIES } from '../../src/engine/scheduler.js';
import { LOG_SIZE_SQL } from '../../src/engine/http/request-log.js';
import { DEMO_ENDPOINTS_SQL } from '../../src/engine/dashboard/demo-scenario.js';

// Every list filter the description has, in the query shape its handler builds, and the index
// that must serve it: a page then costs the same at a million objects as at ten.
const db = openDatabase(':memory:');
const store = new ObjectStore(db);
const core = { db } as EngineCore;
afterAll(() => db.close());

const page = { limit: 10 };
const FA = 'fa_x';
const status = (s: string) => ({ where: { status: s } });
const STORE_CASES: [string, string, ListQuery, string][] = [
  ['outbound payments of an account', 'treasury.outbound_payment', { ...page, owner: FA }, 'objects_type_owner_seq'],
  ['outbound payments by status', 'treasury.outbound_payment', { ...page, owner: FA, ...status('posted') }, 'treasury_outbound_payment_by_status'],
  ['outbound payments by customer', 'treasury.outbound_payment', { ...page, owner: FA, where: { customer: 'cus_x' } }, 'treasury_outbound_payment_by_customer'],
  ['outbound transfers by status', 'treasury.outbound_transfer', { ...page, owner: FA, ...status('posted') }, 'treasury_outbound_transfer_by_status'],
  ['inbound transfers by status', 'treasury.inbound_transfer', { ...page, owner: FA, ...status('failed') }, 'treasury_inbound_transfer_by_status'],
  ['received credits by status', 'treasury.received_credit', { ...page, owner: FA, ...status('failed') }, 'treasury_received_credit_by_status'],
  [
    'received credits by source flow type',
    'treasury.received_credit',
    { ...page, owner: FA, where: { 'linked_flows.source_flow_type': 'outbound_payment' } },
    'treasury_received_credit_by_source_flow_type',
  ],
  ['received debits by status', 'treasury.received_debit', { ...page, owner: FA, ...status('failed') }, 'treasury_received_debit_by_status'],
  ['credit reversals by status', 'treasury.credit_reversal', { ...page, owner: FA, ...status('posted') }, 'treasury_credit_reversal_by_status'],
  ['credit reversals by received credit', 'treasury.credit_reversal', { ...page, owner: FA, where: { received_credit: 'rc_x' } }, 'treasury_credit_reversal_by_received_credit'],
  ['debit reversals by status', 'treasury.debit_reversal', { ...page, owner: FA, ...status('processing') }, 'treasury_debit_reversal_by_status'],
  [
    'debit reversals by received debit',
    'treasury.debit_reversal',
    { ...page, owner: FA, where: { received_debit: 'rd_x' } },
    'treasury_debit_reversal_by_received_debit',
  ],
  ['financial accounts by status', 'treasury.financial_account', { ...page, ...status('open') }, 'treasury_financial_account_by_status'],
  ['events by type', 'event', { ...page, where: { type: 'treasury.received_credit.created' } }, 'event_by_type'],
  ['events of every type', 'event', page, 'objects_type_seq'],
  ['webhook endpoints', 'webhook_endpoint', page, 'objects_type_seq'],
];

const ENTRY = 'treasury.transaction_entry';
const TRANSACTION = 'treasury.transaction';
const ORDERED_CASES: [string, OrderedQuery, string][] = [
  ['transaction entries of an account', { type: ENTRY, owner: FA, limit: 10 }, 'objects_type_owner_seq'],
  [
    'transaction entries of a transaction',
    { type: ENTRY, owner: FA, limit: 10, where: [{ clause: `${filterColumn(ENTRY, 'transaction')} = ?`, params: ['trxn_x'] }] },
    'treasury_entry_by_transaction',
  ],
  ['transaction entries by effective_at', { type: ENTRY, owner: FA, limit: 10, orderBy: filterColumn(ENTRY, 'effective_at') }, 'treasury_entry_by_effective_at'],
  ['transactions of an account', { type: TRANSACTION, owner: FA, limit: 10 }, 'objects_type_owner_seq'],
  [
    'transactions by status',
    { type: TRANSACTION, owner: FA, limit: 10, where: [{ clause: `${filterColumn(TRANSACTION, 'status')} = ?`, params: ['posted'] }] },
    'treasury_transaction_by_status',
  ],
  [
    'transactions by posted_at',
    { type: TRANSACTION, owner: FA, limit: 10, orderBy: filterColumn(TRANSACTION, 'status_transitions.posted_at') },
    'treasury_transactions_by_posted_at',
  ],
];

function expectIndexed(plan: string[], index: string) {
  const text = plan.join('\n');
  expect(text).toContain(`USING INDEX ${index} `);
  // No full scan of the table, and no sort of the matching rows: the index gives them in order.
  expect(text).not.toMatch(/SCAN objects(?! USING)/);
  expect(text).not.toContain('TEMP B-TREE');
}

describe('every list filter is served by an index (EXPLAIN QUERY PLAN)', () => {
  it.each(STORE_CASES)('%s', (_name, type, q, index) => {
    expectIndexed(store.explainList(type, q), index);
  });

  it.each(ORDERED_CASES)('%s', (_name, q, index) => {
    expectIndexed(explainOrdered(core, q), index);
  });

  it('starting_after deep in a list seeks by the cursor instead of walking to it', () => {
    store.insert({ id: 'obp_cursor', object: 'treasury.outbound_payment', created: 1 }, FA);
    const plan = store.explainList('treasury.outbound_payment', { ...page, owner: FA, startingAfter: 'obp_cursor' }).join('\n');
    expect(plan).toMatch(/SEARCH objects USING INDEX objects_type_owner_seq \(type=\? AND owner=\? AND seq<\?\)/);
  });

  it('starting_after deep in the transaction entries seeks by the cursor too', () => {
    store.insert({ id: 'trxne_cursor', object: ENTRY, created: 1 }, FA);
    const plan = explainOrdered(core, { type: ENTRY, owner: FA, limit: 10, startingAfter: 'trxne_cursor' }).join('\n');
    expect(plan).toMatch(/SEARCH objects USING INDEX objects_type_owner_seq \(type=\? AND owner=\? AND seq<\?\)/);
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('a cursor in entries ordered by effective_at seeks on that order, its place read by id in the same query', () => {
    const q = { type: ENTRY, owner: FA, limit: 10, orderBy: filterColumn(ENTRY, 'effective_at') };
    for (const cursor of [{ startingAfter: 'trxne_cursor' }, { endingBefore: 'trxne_cursor' }]) {
      const plan = explainOrdered(core, { ...q, ...cursor }).join('\n');
      expect(plan).toMatch(/SEARCH objects USING INDEX treasury_entry_by_effective_at \(owner=\? AND at[<>]\?/);
      expect(plan).toMatch(/SCALAR SUBQUERY \d+\nSEARCH objects USING INDEX sqlite_autoindex_objects_1 \(id=\?\)/);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it.each(Object.entries(JOB_QUERIES))('jobs by kind (%s) seek by kind instead of reading every job', (_name, sql) => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('treasury.received.reversal_deadline') as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/^SEARCH jobs USING (COVERING )?INDEX jobs_kind \(kind=\?\)/);
  });

  it("a start weighs the request log from an index, not by reading every row's request and response", () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${LOG_SIZE_SQL}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SCAN request_log USING COVERING INDEX request_log_bytes']);
  });

  it("a start finds the demo's webhook endpoint from an index, not by reading every endpoint's JSON", () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${DEMO_ENDPOINTS_SQL}`).all('ledger-sync') as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH objects USING INDEX webhook_endpoint_by_demo_marker (ref=?)']);
  });

  it('active entitlements seek once per feature, however many subscriptions grant them', () => {
    const plan = explainActiveEntitlements(core);
    expect(plan.filter((d) => d.startsWith('SEARCH entitlement_grants'))).toHaveLength(3);
    for (const d of plan.filter((x) => x.includes('entitlement_grants'))) expect(d).toMatch(/^SEARCH entitlement_grants USING COVERING INDEX/);
  });
});
