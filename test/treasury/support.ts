import type Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { treasuryModule } from '../../src/engine/resources/treasury/index.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startServer, type TestServer } from '../support/server.js';

/** Features a test account asks for: everything money movement needs. */
export const ALL_FEATURES = {
  financial_addresses: { aba: { requested: true } },
  inbound_transfers: { ach: { requested: true } },
  intra_stripe_flows: { requested: true },
  outbound_payments: { ach: { requested: true }, us_domestic_wire: { requested: true } },
  outbound_transfers: { ach: { requested: true }, us_domestic_wire: { requested: true } },
} as const;

// Thursday 2026-01-01 00:00 UTC: tests that count business days start from a known weekday.
export const START = 1_767_225_600;

export interface TreasuryServer extends TestServer {
  /** Moves the sandbox clock forward and runs what falls due. */
  advance(seconds: number): Promise<void>;
  /** A new open account with every money-moving feature active. */
  account(params?: Partial<Stripe.Treasury.FinancialAccountCreateParams>): Promise<Stripe.Treasury.FinancialAccount>;
  /** Puts cash in an account with a received credit (the sandbox's way to fund one). */
  fund(fa: string, amount: number): Promise<Stripe.Treasury.ReceivedCredit>;
  /** The account's usd sub-balances now. */
  balance(fa: string): Promise<{ cash: number; inbound_pending: number; outbound_pending: number }>;
  /** Every entry of a transaction, oldest first, as [type, impact] pairs. */
  entries(fa: string, transaction: string): Promise<[string, Stripe.Treasury.Transaction.BalanceImpact][]>;
  /** Asserts the ledger check passes. */
  ledgerOk(): Promise<void>;
}

/** Starts a server on a fixed sandbox clock, with Treasury helpers. */
export async function startTreasury(): Promise<TreasuryServer> {
  const server = await startServer({ clock: fixedClock(START) });
  const { stripe } = server;
  return {
    ...server,
    async advance(seconds) {
      const res = await server.control('POST', '/clock/advance', { seconds });
      if (res.status !== 200) throw new Error(`clock advance failed: ${JSON.stringify(res.body)}`);
    },
    account: (params = {}) =>
      stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: ALL_FEATURES, ...params }),
    fund: (fa, amount) =>
      stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa, amount, currency: 'usd', network: 'ach' }),
    async balance(fa) {
      const { balance } = await stripe.treasury.financialAccounts.retrieve(fa);
      return { cash: balance.cash.usd, inbound_pending: balance.inbound_pending.usd, outbound_pending: balance.outbound_pending.usd };
    },
    async entries(fa, transaction) {
      const list = await stripe.treasury.transactionEntries.list({ financial_account: fa, transaction, limit: 100 });
      return list.data.reverse().map((e) => [e.type, e.balance_impact]);
    },
    async ledgerOk() {
      const res = await server.control('GET', '/ledger/check');
      if (!res.body.ok) throw new Error(`ledger check failed: ${JSON.stringify(res.body, null, 2)}`);
    },
  };
}

/** A balance impact with the usual zeros. */
export function impact(cash = 0, inbound_pending = 0, outbound_pending = 0) {
  return { cash, inbound_pending, outbound_pending };
}

const TEMPLATES = (treasuryModule.operations ?? []).map((op) => ({
  method: op.method,
  template: op.path,
  pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/**
 * Checks every successful Treasury response this server sent (from its
 * request log) against the OpenAPI schema of its operation. Returns how many.
 */
export function expectEveryResponseMatchesSpec(server: TestServer): number {
  server.engine.flushLog();
  const rows = server.engine.core.db
    .prepare(
      `SELECT method, path, response FROM request_log
       WHERE status = 200 AND (path LIKE '/v1/treasury/%' OR path LIKE '/v1/test_helpers/treasury/%') ORDER BY seq`,
    )
    .all() as { method: string; path: string; response: string }[];
  for (const row of rows) {
    const op = TEMPLATES.find((t) => t.method === row.method && t.pattern.test(row.path));
    if (!op) throw new Error(`no Treasury operation serves ${row.method} ${row.path}`);
    expectMatchesSpec(row.method, op.template, asVendoredApi(JSON.parse(row.response)));
  }
  return rows.length;
}

/**
 * The vendored 2024-04-10 description predates one shape the newer API
 * (2026-10-28, DIGEST N-diff) sends: an OutboundTransfer to a FinancialAccount
 * has `destination_payment_method_details.type = financial_account`. Validate
 * the rest of such a response by reading that one enum value as the old one.
 */
function asVendoredApi(body: any): any {
  if (body?.object === 'list') return { ...body, data: body.data.map(asVendoredApi) };
  const details = body?.destination_payment_method_details;
  if (body?.object === 'treasury.outbound_transfer' && details?.type === 'financial_account') {
    return { ...body, destination_payment_method_details: { ...details, type: 'us_bank_account' } };
  }
  return body;
}
