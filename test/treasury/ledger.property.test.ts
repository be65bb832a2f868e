import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { StripeError } from '../../src/engine/errors.js';
import { encodeForm } from '../../src/engine/http/form.js';
import { checkLedger } from '../../src/engine/ledger/check.js';
import { treasuryControls } from '../../src/engine/resources/treasury/controls.js';
import { advanceClock } from '../../src/engine/resources/sandbox/clock-controls.js';
import { ALL_FEATURES, START } from './support.js';

/**
 * The transitions Stripe documents, written out independently of the engine's
 * tables: `from>to` pairs per object type. Anything else observed is a bug.
 */
const ALLOWED: Record<string, Set<string>> = {
  'treasury.outbound_payment': new Set(['processing>posted', 'processing>failed', 'processing>canceled', 'processing>returned', 'posted>returned']),
  'treasury.outbound_transfer': new Set(['processing>posted', 'processing>failed', 'processing>canceled', 'processing>returned', 'posted>returned']),
  'treasury.inbound_transfer': new Set(['processing>succeeded', 'processing>failed', 'processing>canceled']),
  'treasury.credit_reversal': new Set(['processing>posted', 'processing>canceled']),
  'treasury.debit_reversal': new Set(['processing>succeeded', 'processing>failed']),
  'treasury.financial_account': new Set(['open>closed']),
  'treasury.transaction': new Set(['open>posted', 'open>void']),
};

let engine: Engine;
beforeAll(() => {
  engine = createEngine({ dbPath: ':memory:', clock: fixedClock(START), token: 't' });
  // Jobs run only when the test advances the clock, so every step is deterministic.
  engine.core.scheduler.stop();
});
afterAll(() => engine.stop());

async function api(method: 'GET' | 'POST', path: string, params: Record<string, unknown> = {}) {
  const form = encodeForm(params);
  const res = await engine.app.inject({
    method,
    url: method === 'GET' && form ? `${path}?${form}` : path,
    headers: { authorization: 'Bearer sk_test_x', ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    payload: method === 'POST' ? form : undefined,
  });
  return { status: res.statusCode, body: res.json() };
}

function control(path: string, params: Record<string, string>, body: Record<string, unknown> = {}) {
  const route = treasuryControls.find((c) => c.method === 'POST' && c.path === path)!;
  try {
    return { status: 200, body: route.handler({ core: engine.core, body, query: {}, params }) };
  } catch (err) {
    if (err instanceof StripeError) return { status: err.status, body: err.toJSON() };
    throw err;
  }
}

type Snapshot = Map<string, { type: string; status: unknown; returned: unknown; data: string }>;

const OWNED = [
  'treasury.outbound_payment',
  'treasury.outbound_transfer',
  'treasury.inbound_transfer',
  'treasury.received_credit',
  'treasury.received_debit',
  'treasury.credit_reversal',
  'treasury.debit_reversal',
  'treasury.transaction',
  'treasury.transaction_entry',
];

/** Every Treasury object of the run's accounts (by the indexed type+owner), and the accounts themselves. */
function snapshot(accounts: string[]): Snapshot {
  const marks = accounts.map(() => '?').join(',');
  const cols = `id, type, json_extract(data, '$.status') AS status, json_extract(data, '$.returned') AS returned, data`;
  const owned = engine.core.db.prepare(`SELECT ${cols} FROM objects WHERE type = ? AND owner IN (${marks})`);
  const own = engine.core.db.prepare(`SELECT ${cols} FROM objects WHERE id IN (${marks})`);
  const rows = [...OWNED.flatMap((t) => owned.all(t, ...accounts)), ...own.all(...accounts)] as {
    id: string;
    type: string;
    status: unknown;
    returned: unknown;
    data: string;
  }[];
  return new Map(rows.map((r) => [r.id, r]));
}

function fingerprint(s: Snapshot): string {
  return [...s.values()].map((o) => o.data).join('\n');
}

/** Every change between two snapshots must be a documented transition; settled things never change. */
function assertLegalMoves(before: Snapshot, after: Snapshot): void {
  for (const [id, was] of before) {
    const now = after.get(id);
    if (!now) throw new Error(`${id} disappeared`);
    const final = was.type === 'treasury.transaction_entry' || (was.type === 'treasury.transaction' && was.status !== 'open');
    if (final && now.data !== was.data) throw new Error(`${id} changed after it was written or settled:\n${was.data}\n${now.data}`);
    if (was.status !== now.status) {
      const move = `${String(was.status)}>${String(now.status)}`;
      if (!ALLOWED[was.type]?.has(move)) throw new Error(`${was.type} ${id} moved ${move}`);
    }
    if (was.type === 'treasury.inbound_transfer' && was.returned !== now.returned) {
      if (!(was.returned === 0 && now.returned === 1 && now.status === 'succeeded')) throw new Error(`${id} returned illegally`);
    }
  }
}

/** Cash may go below zero only when an ACH return (which cannot be refused) took back an InboundTransfer. */
function cashOf(fa: string): number {
  return engine.core.store.get<{ id: string; object: string; balance: { cash: Record<string, number> } }>(fa)!.balance.cash.usd;
}

function hasReturnedInboundTransfer(fa: string): boolean {
  return engine.core.store.list('treasury.transaction_entry', { limit: 1, owner: fa, where: { type: 'inbound_transfer_return' } }).data.length > 0;
}

const amount = fc.integer({ min: 1, max: 4_000 });
const pick = fc.nat();
const account = fc.nat({ max: 2 });
const destinationPm = fc.constantFrom(
  'pm_usBankAccount_processing',
  'pm_usBankAccount_success',
  'pm_usBankAccount_accountClosed',
  'pm_usBankAccount_internalFailure',
  'pm_usBankAccount_canceledByUser',
  'pm_usBankAccount_expectedArrivalDateUpdated',
  'financial_account',
);
const command = fc.oneof(
  fc.record({ kind: fc.constant('fund' as const), account, amount }),
  fc.record({ kind: fc.constant('debit' as const), account, amount }),
  fc.record({ kind: fc.constant('outbound' as const), flow: fc.constantFrom('outbound_payments', 'outbound_transfers'), account, amount, pm: destinationPm, wire: fc.boolean() }),
  fc.record({ kind: fc.constant('outboundAction' as const), flow: fc.constantFrom('outbound_payments', 'outbound_transfers'), pick, action: fc.constantFrom('post', 'fail', 'return', 'cancel', 'track') }),
  fc.record({ kind: fc.constant('inbound' as const), account, amount, pm: fc.constantFrom('pm_usBankAccount_processing', 'pm_usBankAccount_success', 'pm_usBankAccount_insufficientFunds', 'pm_usBankAccount_dispute') }),
  fc.record({ kind: fc.constant('inboundAction' as const), pick, action: fc.constantFrom('succeed', 'fail', 'return', 'cancel') }),
  fc.record({ kind: fc.constant('reverse' as const), what: fc.constantFrom('credit', 'debit'), pick }),
  fc.record({ kind: fc.constant('resolve' as const), what: fc.constantFrom('post', 'cancel', 'won', 'lost'), pick }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.constantFrom(0, 3_600, 86_400, 3 * 86_400) }),
  fc.record({ kind: fc.constant('restrict' as const), account, direction: fc.constantFrom('inbound_flows', 'outbound_flows'), on: fc.boolean() }),
  fc.record({ kind: fc.constant('close' as const), account }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

/** Runs one command; returns the HTTP-like status. Ids it creates go into `made`. */
async function run(cmd: Command, accounts: string[], made: Record<string, string[]>): Promise<number> {
  const nth = (type: string, i: number) => (made[type]?.length ? made[type][i % made[type].length] : 'missing_id');
  const keep = (type: string, res: { status: number; body: any }) => {
    if (res.status === 200) (made[type] ??= []).push(res.body.id);
    return res.status;
  };
  const fa = 'account' in cmd ? accounts[cmd.account] : '';
  switch (cmd.kind) {
    case 'fund':
      return keep('rc', await api('POST', '/v1/test_helpers/treasury/received_credits', { financial_account: fa, amount: cmd.amount, currency: 'usd', network: 'ach' }));
    case 'debit':
      return keep('rd', await api('POST', '/v1/test_helpers/treasury/received_debits', { financial_account: fa, amount: cmd.amount, currency: 'usd', network: 'ach' }));
    case 'outbound': {
      const toAccount = cmd.pm === 'financial_account';
      const params: Record<string, unknown> = { financial_account: fa, amount: cmd.amount, currency: 'usd' };
      if (toAccount) params.destination_payment_method_data = { type: 'financial_account', financial_account: accounts[(cmd.account + 1) % 3] };
      else params.destination_payment_method = cmd.pm;
      if (cmd.wire && !toAccount) params.destination_payment_method_options = { us_bank_account: { network: 'us_domestic_wire' } };
      return keep(cmd.flow, await api('POST', `/v1/treasury/${cmd.flow}`, params));
    }
    case 'outboundAction': {
      const id = nth(cmd.flow, cmd.pick);
      if (cmd.action === 'cancel') return (await api('POST', `/v1/treasury/${cmd.flow}/${id}/cancel`)).status;
      if (cmd.action === 'track') {
        return (await api('POST', `/v1/test_helpers/treasury/${cmd.flow}/${id}`, { tracking_details: { type: 'ach', ach: { trace_id: '42' } } })).status;
      }
      return (await api('POST', `/v1/test_helpers/treasury/${cmd.flow}/${id}/${cmd.action}`)).status;
    }
    case 'inbound':
      return keep('ibt', await api('POST', '/v1/treasury/inbound_transfers', { financial_account: fa, amount: cmd.amount, currency: 'usd', origin_payment_method: cmd.pm }));
    case 'inboundAction': {
      const id = nth('ibt', cmd.pick);
      if (cmd.action === 'cancel') return (await api('POST', `/v1/treasury/inbound_transfers/${id}/cancel`)).status;
      return (await api('POST', `/v1/test_helpers/treasury/inbound_transfers/${id}/${cmd.action}`)).status;
    }
    case 'reverse':
      return cmd.what === 'credit'
        ? keep('cr', await api('POST', '/v1/treasury/credit_reversals', { received_credit: nth('rc', cmd.pick) }))
        : keep('dr', await api('POST', '/v1/treasury/debit_reversals', { received_debit: nth('rd', cmd.pick) }));
    case 'resolve': {
      if (cmd.what === 'post' || cmd.what === 'cancel') return control(`/treasury/credit_reversals/:id/${cmd.what}`, { id: nth('cr', cmd.pick) }).status;
      return control('/treasury/debit_reversals/:id/resolve', { id: nth('dr', cmd.pick) }, { outcome: cmd.what }).status;
    }
    case 'advance':
      await advanceClock(engine.core, cmd.seconds);
      return 200;
    case 'restrict':
      return (await api('POST', `/v1/treasury/financial_accounts/${fa}`, { platform_restrictions: { [cmd.direction]: cmd.on ? 'restricted' : 'unrestricted' } })).status;
    case 'close':
      return (await api('POST', `/v1/treasury/financial_accounts/${fa}/close`)).status;
  }
}

test('random sequences of flows, helpers, reversals and clock advances keep the ledger balanced and every move legal', async () => {
  const started = Date.now();
  let steps = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
      // Earlier runs' pending work (their accounts are no longer checked) would only slow this one down.
      engine.core.db.exec('DELETE FROM jobs');
      const accounts: string[] = [];
      for (let i = 0; i < 3; i++) {
        accounts.push((await api('POST', '/v1/treasury/financial_accounts', { supported_currencies: ['usd'], features: ALL_FEATURES })).body.id);
      }
      const made: Record<string, string[]> = {};
      let before = snapshot(accounts);
      for (const cmd of commands) {
        const status = await run(cmd, accounts, made);
        steps++;
        if (status >= 500) throw new Error(`${JSON.stringify(cmd)} gave ${status}`);
        const after = snapshot(accounts);
        if (status >= 400 && fingerprint(after) !== fingerprint(before)) {
          expect([...after.entries()], `refused ${JSON.stringify(cmd)} changed something`).toEqual([...before.entries()]);
        }
        assertLegalMoves(before, after);
        for (const fa of accounts) {
          const report = checkLedger(engine.core, fa);
          if (!report.ok) throw new Error(`ledger check after ${JSON.stringify(cmd)}: ${JSON.stringify(report.accounts[0].problems)}`);
          if (cashOf(fa) < 0 && !hasReturnedInboundTransfer(fa)) throw new Error(`${fa} went negative after ${JSON.stringify(cmd)}`);
        }
        before = after;
      }
    }),
    { numRuns: Number(process.env.TREASURY_PROPERTY_RUNS ?? 1_000), seed: process.env.TREASURY_PROPERTY_SEED ? Number(process.env.TREASURY_PROPERTY_SEED) : undefined },
  );
  console.log(`treasury property: ${steps} steps in ${Date.now() - started} ms`);
}, 120_000);
