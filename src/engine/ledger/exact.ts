import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { invalidRequest } from '../errors.js';
import type { BalanceImpact } from './impact.js';

const SUBS: readonly string[] = ['cash', 'inbound_pending', 'outbound_pending'];

/**
 * Exact integer money. Amounts and balances are stored as JSON integers;
 * sums over them (the ledger check, running balances) are taken as BigInt
 * from SQLite's 64-bit integers, so no history, however long or large, is
 * ever rounded by float accumulation.
 */

/** A sub-balance triple as BigInt. */
export type ExactImpact = Record<keyof BalanceImpact, bigint>;

export function zeroExact(): ExactImpact {
  return { cash: 0n, inbound_pending: 0n, outbound_pending: 0n };
}

/** A stored integer as BigInt (SQLite with safe integers hands back bigint; null is zero). */
export function big(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return 0n;
}

/** A BigInt sum for the API and the dashboard, which speak JSON numbers; exact while within 2^53. */
export function toNumber(v: bigint): number {
  return Number(v);
}

/**
 * `a + b` for two balances, refusing a result past 2^53 - 1: beyond that a
 * JSON number (what the API returns, what the SDKs parse) no longer counts
 * every unit. Stripe's per-movement limit keeps this out of reach of any
 * real history; a hostile one gets Stripe's error instead of a wrong balance.
 */
export function addExact(a: number, b: number, what: string): number {
  const sum = BigInt(a) + BigInt(b);
  if (sum > BigInt(Number.MAX_SAFE_INTEGER) || sum < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw invalidRequest(`This would take the ${what} past ${Number.MAX_SAFE_INTEGER}, more than a balance can hold.`, 'amount', 'amount_too_large');
  }
  return Number(sum);
}

/** An account's stored balance read from SQLite's JSON as 64-bit integers: `{cash: {usd: 10n}, …}`. */
export function storedBalanceExact(db: Db, accountId: string): Record<keyof BalanceImpact, Map<string, bigint>> {
  const rows = stmt(
    db,
    SUBS.map(
      (k) => `SELECT '${k}' AS sub, j.key AS currency, j.value AS value FROM objects, json_each(objects.data, '$.balance.${k}') j
              WHERE objects.id = ?`,
    ).join(' UNION ALL '),
  )
    .safeIntegers(true)
    .all(accountId, accountId, accountId) as { sub: keyof BalanceImpact; currency: string; value: unknown }[];
  const out = { cash: new Map(), inbound_pending: new Map(), outbound_pending: new Map() } as Record<keyof BalanceImpact, Map<string, bigint>>;
  for (const r of rows) out[r.sub].set(r.currency, big(r.value));
  return out;
}
