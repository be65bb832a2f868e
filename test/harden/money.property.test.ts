import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxAmount } from '../../src/engine/http/amounts.js';
import { checkLedger } from '../../src/engine/ledger/check.js';
import { applyImpact, emptyBalance } from '../../src/engine/ledger/impact.js';
import { RunningBalances } from '../../src/engine/dashboard/running-balances.js';
import { StripeError } from '../../src/engine/errors.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';

const LIMIT = maxAmount('usd');

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function account(): Promise<string> {
  return (await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} })).id;
}

describe('amounts near the limits', () => {
  it('an amount is taken up to the limit and refused past it; the balance is the exact sum of what was taken', async () => {
    const amount = fc.oneof(
      fc.constantFrom(1, LIMIT - 1, LIMIT, LIMIT + 1, 2 ** 53 - 1, 2 ** 53 + 2),
      fc.integer({ min: 1, max: LIMIT }),
      fc.bigInt({ min: BigInt(LIMIT) + 1n, max: 2n ** 63n - 1n }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(amount, { minLength: 1, maxLength: 6 }), async (amounts) => {
        const fa = await account();
        let expected = 0n;
        for (const a of amounts) {
          const res = await rawApi(server.url, 'POST', '/v1/test_helpers/treasury/received_credits', `financial_account=${fa}&amount=${a}&currency=usd&network=ach`);
          if (BigInt(a) <= BigInt(LIMIT)) {
            expect(res.status, String(a)).toBe(200);
            expected += BigInt(a);
          } else {
            expect(res.status, String(a)).toBe(400);
            expect(res.body.error).toMatchObject({ code: 'amount_too_large', param: 'amount' });
          }
        }
        const { balance } = await server.stripe.treasury.financialAccounts.retrieve(fa);
        expect(BigInt(balance.cash.usd)).toBe(expected);
        expect(checkLedger(server.engine.core, fa).ok).toBe(true);
      }),
      { numRuns: 15, seed: 42 },
    );
  });
});

describe('sums are exact past 2^53', () => {
  const core = () => server.engine.core;

  /** Writes an account and its entries straight into the store: histories the API would refuse. */
  function history(cash: (number | string)[], stored: string): string {
    const fa = `fa_exact${Math.random().toString(36).slice(2, 10)}`;
    const db = core().db;
    db.prepare(`INSERT INTO objects (id, type, owner, created, data) VALUES (?, 'treasury.financial_account', NULL, 0, ?)`).run(
      fa,
      `{"id":"${fa}","object":"treasury.financial_account","balance":{"cash":{"usd":${stored}},"inbound_pending":{"usd":0},"outbound_pending":{"usd":0}}}`,
    );
    cash.forEach((c, i) => {
      const id = `trxne_exact${fa.slice(8)}${i}`;
      db.prepare(`INSERT INTO objects (id, type, owner, created, data) VALUES (?, 'treasury.transaction_entry', ?, 0, ?)`).run(
        id,
        fa,
        `{"id":"${id}","object":"treasury.transaction_entry","currency":"usd","transaction":"trxn_none","balance_impact":{"cash":${c},"inbound_pending":0,"outbound_pending":0}}`,
      );
    });
    return fa;
  }

  it('the ledger check tells 9007199254740993 from 9007199254740992, which a float cannot', () => {
    // 2^53 - 1 + 2 = 2^53 + 1: as floats the sum and the stored value would both be 2^53.
    const fa = history([9007199254740991, 2], '9007199254740992');
    const problems = checkLedger(core(), fa).accounts[0].problems.filter((p) => p.kind === 'balance_mismatch');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe('balance.cash.usd is $90,071,992,547,409.92, but its entries sum to $90,071,992,547,409.93.');
    const right = history([9007199254740991, 2], '9007199254740993');
    expect(checkLedger(core(), right).accounts[0].problems.filter((p) => p.kind === 'balance_mismatch')).toEqual([]);
  });

  it('running balances sum three entries of 2^53 - 1, 2 and 2 to 9007199254740995 exactly', async () => {
    const fa = history([9007199254740991, 2, 2], '9007199254740995');
    const balances = new RunningBalances(core().db);
    await balances.build();
    expect(balances.totals().find((t) => t.account === fa)!.total.cash).toBe(9007199254740995n);
  });

  it('a movement that would take a balance past 2^53 - 1 is refused, not rounded', () => {
    const start = applyImpact(emptyBalance(['usd']), 'usd', { cash: Number.MAX_SAFE_INTEGER - 5, inbound_pending: 0, outbound_pending: 0 });
    expect(applyImpact(start, 'usd', { cash: 5, inbound_pending: 0, outbound_pending: 0 }).cash.usd).toBe(Number.MAX_SAFE_INTEGER);
    let err: unknown;
    try {
      applyImpact(start, 'usd', { cash: 6, inbound_pending: 0, outbound_pending: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StripeError);
    expect((err as StripeError).body.code).toBe('amount_too_large');
  });
});
