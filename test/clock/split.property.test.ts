import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { START, startTreasury, type TreasuryServer } from '../treasury/support.js';
import { startFlakyReceiver, type FlakyReceiver } from './support.js';

const DAY = 86_400;
const RUNS = Number(process.env.CLOCK_PROPERTY_RUNS ?? 12);

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open.splice(0)) await o.close();
});

function bank(accountNumber: string) {
  return { type: 'us_bank_account', us_bank_account: { routing_number: '110000000', account_number: accountNumber, account_holder_type: 'company' } };
}

/** The same small world in a fresh sandbox: every Treasury timer kind, and an endpoint whose receiver fails each event twice. */
async function world(): Promise<{ s: TreasuryServer; receiver: FlakyReceiver }> {
  const s = await startTreasury();
  const receiver = await startFlakyReceiver(2);
  open.push(s, receiver);
  const { stripe } = s;
  await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
  const fa = await s.account();
  await s.fund(fa.id, 1_000_000);
  for (const account of ['000123456789', '000000000234', '000111111113', '000123457890']) {
    await stripe.treasury.outboundPayments.create({
      financial_account: fa.id, amount: 1_000, currency: 'usd', destination_payment_method_data: bank(account) as never,
    });
  }
  await stripe.treasury.outboundPayments.create({
    financial_account: fa.id, amount: 2_000, currency: 'usd', destination_payment_method_data: bank('000123456789') as never,
    destination_payment_method_options: { us_bank_account: { network: 'us_domestic_wire' } },
  });
  // A wire arrives the same business day: its job is due at once. Run it now, so the setup's order
  // does not depend on when the real-time timer fires.
  await s.advance(0);
  for (const pm of ['pm_usBankAccount', 'pm_usBankAccount_dispute', 'pm_usBankAccount_insufficientFunds']) {
    await stripe.treasury.inboundTransfers.create({ financial_account: fa.id, amount: 3_000, currency: 'usd', origin_payment_method: pm });
  }
  const debit = await stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa.id, amount: 500, currency: 'usd', network: 'ach' });
  await stripe.treasury.debitReversals.create({ received_debit: debit.id });
  const credit = await s.fund(fa.id, 700);
  await stripe.treasury.creditReversals.create({ received_credit: credit.id });
  await s.engine.drainWebhooks();
  return { s, receiver };
}

const IGNORED = new Set(['account_number_last4', 'account_number', 'url', 'idempotency_key', 'fingerprint']);
const ID = /\b[a-z]+(?:_[a-z]+)*_[A-Za-z0-9]{10,}\b/g;

/**
 * The sandbox's state with ids replaced by stable names (type and creation
 * rank) and wall-clock facts (latency, signature headers, request ids) left out.
 */
function snapshot(s: TreasuryServer): unknown {
  const db = s.engine.core.db;
  const rows = db.prepare('SELECT id, type, data FROM objects ORDER BY seq').all() as { id: string; type: string; data: string }[];
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const n = (counts.get(r.type) ?? 0) + 1;
    counts.set(r.type, n);
    names.set(r.id, `${r.type}#${n}`);
  }
  const norm = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(ID, (id) => names.get(id) ?? '<id>');
    if (Array.isArray(v)) return v.map((x) => norm(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        // Random per sandbox, not time: account numbers, the receiver's port, the SDK's idempotency keys.
        if (IGNORED.has(k)) continue;
        out[k] = norm(x);
      }
      return out;
    }
    return v;
  };
  const deliveries = db
    .prepare('SELECT event_id, endpoint_id, status, attempt_count, next_attempt_ms, created_ms, last_status FROM deliveries')
    .all()
    .map((d) => norm(d))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const attempts = db
    .prepare('SELECT event_id, endpoint_id, at_ms, response_status, error FROM delivery_attempts')
    .all()
    .map((a) => norm(a))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const jobs = (db.prepare('SELECT run_at_ms, kind, payload FROM jobs ORDER BY run_at_ms, id').all() as { payload: string }[]).map((j) =>
    norm({ ...j, payload: JSON.parse(j.payload) }),
  );
  return { now: s.engine.core.clock.nowMs(), objects: rows.map((r) => norm({ type: r.type, data: JSON.parse(r.data) })), deliveries, attempts, jobs };
}

/** A total advance of up to eight days, and where to cut it. */
const plan = fc
  .integer({ min: 0, max: 8 * DAY })
  .chain((total) => fc.tuple(fc.constant(total), fc.uniqueArray(fc.integer({ min: 0, max: total }), { maxLength: 6 })));

test('any split of an advance into smaller advances gives the same final state', async () => {
  await fc.assert(
    fc.asyncProperty(plan, async ([total, cuts]) => {
      const whole = await world();
      const split = await world();
      await whole.s.advance(total);
      const points = [...cuts].sort((a, b) => a - b);
      let at = 0;
      for (const p of [...points, total]) {
        await split.s.advance(p - at);
        at = p;
      }
      const a = snapshot(whole.s) as { now: number; attempts: unknown[] };
      const b = snapshot(split.s);
      expect(a.now).toBe((START + total) * 1000);
      expect(b).toEqual(a);
      for (const w of [whole, split]) {
        await w.s.close();
        await w.receiver.close();
      }
    }),
    { numRuns: RUNS, seed: process.env.CLOCK_PROPERTY_SEED ? Number(process.env.CLOCK_PROPERTY_SEED) : undefined },
  );
}, 180_000);
