import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/engine/store/db.js';
import { expectEveryResponseMatchesSpec, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
let db: Db;
beforeAll(async () => {
  s = await startTreasury();
  db = s.engine.core.db;
});
afterAll(() => s.close());

function setJson(id: string, path: string, value: number) {
  db.prepare(`UPDATE objects SET data = json_set(data, '$.${path}', ?) WHERE id = ?`).run(value, id);
}

async function check(fa?: string) {
  const res = await s.control('GET', `/ledger/check${fa ? `?financial_account=${fa}` : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function accountWithHistory() {
  const fa = (await s.account()).id;
  const rc = await s.fund(fa, 5_000);
  const obp = await s.stripe.treasury.outboundPayments.create({ financial_account: fa, amount: 1_000, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
  await s.stripe.testHelpers.treasury.outboundPayments.post(obp.id);
  return { fa, rc, obp };
}

describe('ledger check', () => {
  test('a real history passes, reported per account with its counts', async () => {
    const { fa } = await accountWithHistory();
    const report = await check(fa);
    expect(report).toMatchObject({ ok: true, problem_count: 0 });
    expect(report.accounts).toEqual([{ financial_account: fa, ok: true, transactions: 2, entries: 3, problems: [] }]);
  });

  test('a balance that is not the sum of its entries is reported with both numbers', async () => {
    const { fa } = await accountWithHistory();
    setJson(fa, 'balance.cash.usd', 4_001);
    const report = await check();
    expect(report.ok).toBe(false);
    const mine = report.accounts.find((a: { financial_account: string }) => a.financial_account === fa);
    expect(mine.problems).toEqual([
      expect.objectContaining({ kind: 'balance_mismatch', currency: 'usd', sub_balance: 'cash', expected: 4_000, actual: 4_001 }),
    ]);
    setJson(fa, 'balance.cash.usd', 4_000);
    expect((await check(fa)).ok).toBe(true);
  });

  test('entries are append-only and a settled transaction is final, in the database itself', async () => {
    const { fa, obp } = await accountWithHistory();
    const [entry] = (await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 1 })).data;
    expect(() => setJson(entry.id, 'balance_impact.cash', 1)).toThrow(/append-only/);
    expect(() => setJson(obp.transaction as string, 'amount', 1)).toThrow(/cannot change/);
  });

  test('a settled transaction changed behind the ledger\'s back is caught by its seal', async () => {
    const { fa, obp } = await accountWithHistory();
    const original = (db.prepare('SELECT data FROM objects WHERE id = ?').get(obp.transaction) as { data: string }).data;
    db.exec('DROP TRIGGER treasury_settled_transactions_final');
    try {
      setJson(obp.transaction as string, 'amount', -999);
      const problems = (await check(fa)).accounts[0].problems;
      expect(problems).toEqual([expect.objectContaining({ kind: 'settled_transaction_changed', transaction: obp.transaction })]);
      setJson(obp.transaction as string, 'balance_impact.cash', -999);
      const kinds = (await check(fa)).accounts[0].problems.map((p: { kind: string }) => p.kind).sort();
      expect(kinds).toEqual(['settled_transaction_changed', 'transaction_impact_mismatch']);
    } finally {
      db.prepare('UPDATE objects SET data = ? WHERE id = ?').run(original, obp.transaction);
      db.exec(`CREATE TRIGGER treasury_settled_transactions_final BEFORE UPDATE ON objects
        WHEN OLD.type = 'treasury.transaction' AND json_extract(OLD.data, '$.status') IN ('posted', 'void')
        BEGIN SELECT RAISE(ABORT, 'a posted or void treasury transaction cannot change'); END`);
    }
    expect((await check(fa)).ok).toBe(true);
  });

  test('an entry slipped into a posted transaction is caught', async () => {
    const { fa, rc } = await accountWithHistory();
    const [entry] = (await s.stripe.treasury.transactionEntries.list({ financial_account: fa, transaction: rc.transaction as string })).data;
    db.prepare('INSERT INTO objects (id, type, owner, created, data) VALUES (?, ?, ?, ?, ?)').run(
      'trxne_forged',
      'treasury.transaction_entry',
      fa,
      entry.created,
      JSON.stringify({ ...entry, id: 'trxne_forged' }),
    );
    const kinds = (await check(fa)).accounts[0].problems.map((p: { kind: string }) => p.kind).sort();
    expect(kinds).toEqual(['balance_mismatch', 'settled_transaction_entries_changed', 'transaction_impact_mismatch']);
    db.prepare('DELETE FROM objects WHERE id = ?').run('trxne_forged');
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
