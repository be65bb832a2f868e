import { invalidRequest } from '../../errors.js';

/** Params that unset a nullable string with `""`, as Stripe's update endpoints do. */
function nullable(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  return value === '' ? null : (value as string);
}

/** Copies the given update params onto an object, `""` meaning null. */
export function assignNullable(target: Record<string, unknown>, params: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    const v = nullable(params[key]);
    if (v !== undefined) target[key] = v;
  }
}

/** Lowercases and checks a three-letter currency code. */
export function currencyParam(value: string, param = 'currency'): string {
  const c = value.toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) throw invalidRequest(`Invalid currency: ${value}. Stripe currently supports these currencies: usd, eur, gbp, …`, param);
  return c;
}

/** The `ids[]` list filter as a SQL condition. */
export function idsFilter(ids: string[] | undefined): { clause: string; params: unknown[] }[] {
  if (!ids || ids.length === 0) return [];
  return [{ clause: `id IN (${ids.map(() => '?').join(',')})`, params: ids }];
}

/** Stripe's refusal of a custom id that is taken. */
export function alreadyExists(human: string, param = 'id') {
  return invalidRequest(`${human[0].toUpperCase()}${human.slice(1)} already exists.`, param, 'resource_already_exists');
}
