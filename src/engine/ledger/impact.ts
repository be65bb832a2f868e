import { addExact } from './exact.js';

/** The three sub-balances a money movement can change, in minor units of one currency. */
export interface BalanceImpact {
  cash: number;
  inbound_pending: number;
  outbound_pending: number;
}

/** A FinancialAccount's balance: each sub-balance per currency (`{cash: {usd: 1000}}`). */
export type Balance = Record<keyof BalanceImpact, Record<string, number>>;

export const SUB_BALANCES: readonly (keyof BalanceImpact)[] = ['cash', 'inbound_pending', 'outbound_pending'];

/** An impact with every sub-balance given (missing ones are zero). */
export function impact(partial: Partial<BalanceImpact> = {}): BalanceImpact {
  return { cash: partial.cash ?? 0, inbound_pending: partial.inbound_pending ?? 0, outbound_pending: partial.outbound_pending ?? 0 };
}

/** The sum of two impacts (exact, or Stripe's error past 2^53). */
export function addImpact(a: BalanceImpact, b: BalanceImpact): BalanceImpact {
  return {
    cash: addExact(a.cash, b.cash, 'transaction amount'),
    inbound_pending: addExact(a.inbound_pending, b.inbound_pending, 'transaction amount'),
    outbound_pending: addExact(a.outbound_pending, b.outbound_pending, 'transaction amount'),
  };
}

/** True when the impact changes nothing. */
export function isZeroImpact(a: BalanceImpact): boolean {
  return a.cash === 0 && a.inbound_pending === 0 && a.outbound_pending === 0;
}

/** True when both impacts are equal sub-balance by sub-balance. */
export function sameImpact(a: BalanceImpact, b: BalanceImpact): boolean {
  return SUB_BALANCES.every((k) => a[k] === b[k]);
}

/** A zero balance in each of the given currencies. */
export function emptyBalance(currencies: readonly string[]): Balance {
  const zero = () => Object.fromEntries(currencies.map((c) => [c, 0]));
  return { cash: zero(), inbound_pending: zero(), outbound_pending: zero() };
}

/** The balance after an impact in one currency (a new object; the input is not changed). */
export function applyImpact(balance: Balance, currency: string, delta: BalanceImpact): Balance {
  const next: Balance = { ...balance, cash: { ...balance.cash }, inbound_pending: { ...balance.inbound_pending }, outbound_pending: { ...balance.outbound_pending } };
  for (const k of SUB_BALANCES) {
    if (!Number.isSafeInteger(delta[k])) throw new Error(`non-integer balance impact ${k}=${delta[k]}`);
    next[k][currency] = addExact(next[k][currency] ?? 0, delta[k], `financial account's ${k} balance`);
  }
  return next;
}

/** True when every sub-balance of every currency is zero. */
export function isZeroBalance(balance: Balance): boolean {
  return SUB_BALANCES.every((k) => Object.values(balance[k]).every((v) => v === 0));
}
