import type { FastifyInstance } from 'fastify';
import type { EngineCore } from '../context.js';
import { invalidRequest } from '../errors.js';
import { encodeForm } from '../http/form.js';
import { initiatingDetails, receiveCredit } from '../resources/treasury/received-credits.js';
import { receiveDebit } from '../resources/treasury/received-debits.js';
import { advanceClock } from '../resources/sandbox/clock-controls.js';
import { atomically } from '../store/statements.js';

const CHUNK = 2000;
const MAX_ENTRIES = 1_000_000;
const SECONDS_BETWEEN = 7;

/**
 * Writes a long money history into one financial account — alternating ACH
 * credits and smaller debits, through the same Treasury code the API uses
 * (real ReceivedCredits, ReceivedDebits, Transactions and entries; no events) —
 * for load-testing the timeline. The sandbox clock moves a few seconds per
 * entry so the history spreads over time.
 */
export async function seedHistory(
  core: EngineCore,
  app: FastifyInstance,
  body: { entries?: unknown; financial_account?: unknown },
): Promise<{ financial_account: string; entries: number; ms: number }> {
  const entries = Number(body.entries ?? 10_000);
  if (!Number.isInteger(entries) || entries < 1 || entries > MAX_ENTRIES) {
    throw invalidRequest(`entries must be an integer from 1 to ${MAX_ENTRIES}.`, 'entries');
  }
  const started = core.clock.wallMs();
  const account = typeof body.financial_account === 'string' ? body.financial_account : await createAccount(app);
  // Bulk history emits no events: 100,000 events would double the work and flood any webhook endpoint.
  const emit = () => {};
  const initiating = initiatingDetails(undefined);
  for (let done = 0; done < entries; ) {
    const n = Math.min(CHUNK, entries - done);
    atomically(core.db, () => {
      for (let i = 0; i < n; i++) {
        const k = done + i;
        // Two credits for each debit, the debit smaller: the balance only grows, so no debit is refused.
        const common = { financialAccount: account, currency: 'usd', initiating, network: 'ach' as const };
        if (k % 3 === 2) receiveDebit(core, emit, { ...common, amount: 1_000 + ((k * 37) % 9_000), description: `Card processor fee ${k}` });
        else receiveCredit(core, emit, { ...common, amount: 10_000 + ((k * 7919) % 90_000), description: `Customer payment ${k}` });
        core.clock.advance(SECONDS_BETWEEN);
      }
    });
    done += n;
    // Let other requests (and the UI's stream) breathe between chunks.
    await new Promise((r) => setImmediate(r));
  }
  await advanceClock(core, 0);
  core.changes.publish({ kind: 'object', type: 'treasury.transaction_entry', id: account });
  return { financial_account: account, entries, ms: core.clock.wallMs() - started };
}

async function createAccount(app: FastifyInstance): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/treasury/financial_accounts',
    headers: { authorization: 'Bearer sk_test_counterfoil', 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ supported_currencies: ['usd'], nickname: 'Load test account', features: { financial_addresses: { aba: { requested: true } } } }),
  });
  const body = res.json() as { id?: string; error?: { message: string } };
  if (!body.id) throw invalidRequest(`Could not create the load-test account: ${body.error?.message ?? res.statusCode}`);
  return body.id;
}
