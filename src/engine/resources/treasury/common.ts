import type { EngineCore, RequestContext } from '../../context.js';
import { StripeError, invalidRequest, resourceMissing } from '../../errors.js';
import { formatMoney } from '../../money.js';
import type { StripeObject } from '../../store/objects.js';
import type { FinancialAccount } from './financial-account-shape.js';

/** Emits an event for a change; requests stamp themselves on it, clock-driven changes do not. */
export type Emit = (type: string, object: StripeObject, previousAttributes?: Record<string, unknown>) => void;

/** The emitter of an API request. */
export function requestEmitter(ctx: RequestContext): Emit {
  return (type, object, prev) => ctx.emit(type, object, prev);
}

/** The emitter for changes the sandbox makes on its own (scheduled jobs, controls). */
export function sandboxEmitter(core: EngineCore): Emit {
  return (type, object, prev) => {
    core.emitEvent(type, object, { previousAttributes: prev, request: null });
  };
}

/** Loads an object of a type or fails with Stripe's 404 naming it as Stripe does in prose. */
export function load<T extends StripeObject>(core: EngineCore, type: string, id: string, human: string, param = 'id'): T {
  const obj = core.store.get<T>(id, type);
  if (!obj) throw resourceMissing(human, id, param);
  return obj;
}

/** Stores a changed object, publishes the change for the UI and returns it. */
export function save<T extends StripeObject>(core: EngineCore, obj: T): T {
  core.store.update(obj);
  core.changes.publish({ kind: 'object', type: obj.object, id: obj.id });
  return obj;
}

/** Inserts a new object owned by its FinancialAccount and publishes it. */
export function insert<T extends StripeObject>(core: EngineCore, obj: T, financialAccount: string | null): T {
  core.store.insert(obj, financialAccount);
  core.changes.publish({ kind: 'object', type: obj.object, id: obj.id });
  return obj;
}

/**
 * The fields of `after` that differ from `before`, with their old values, as an
 * event's previous_attributes: nested objects list only their changed keys, as Stripe's do.
 */
export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = before[key];
    const now = after[key];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    const nested = isPlainObject(was) && isPlainObject(now);
    out[key] = nested ? previousAttributes(was, now) : (was ?? null);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Amounts must be positive integers in minor units. */
export function requirePositiveAmount(amount: number, param = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw invalidRequest('Invalid positive integer', param, 'parameter_invalid_integer');
  }
}

/** The account must hold this currency; returns it lowercased, as Stripe stores currencies. */
export function requireCurrency(account: FinancialAccount, given: string): string {
  const currency = given.toLowerCase();
  if (!account.supported_currencies.includes(currency)) {
    throw invalidRequest(
      `The currency \`${currency}\` is not supported by FinancialAccount ${account.id}; it supports ${account.supported_currencies.join(', ')}.`,
      'currency',
    );
  }
  return currency;
}

/** Money cannot leave an account that does not hold it: Stripe's insufficient_funds error. */
export function requireCash(account: FinancialAccount, currency: string, amount: number, flow: string): void {
  const cash = account.balance.cash[currency] ?? 0;
  if (cash < amount) {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'insufficient_funds',
      param: 'amount',
      message: `The FinancialAccount ${account.id} has insufficient funds for this ${flow}: it has ${formatMoney(cash, currency)} in cash and the ${flow} needs ${formatMoney(amount, currency)}.`,
      doc_url: 'https://stripe.com/docs/error-codes/insufficient-funds',
    });
  }
}
