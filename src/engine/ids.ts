import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The id prefix of every object type the engine creates: one place per fact. */
export const ID_PREFIXES = {
  'treasury.financial_account': 'fa',
  'treasury.transaction': 'trxn',
  'treasury.transaction_entry': 'trxne',
  'treasury.outbound_payment': 'obp',
  'treasury.outbound_transfer': 'obt',
  'treasury.inbound_transfer': 'ibt',
  'treasury.received_credit': 'rc',
  'treasury.received_debit': 'rd',
  'treasury.credit_reversal': 'credrev',
  'treasury.debit_reversal': 'debrev',
  'forwarding.request': 'fwdreq',
  'identity.verification_session': 'vs',
  'identity.verification_report': 'vr',
  'crypto.onramp_session': 'cos',
  'tax.calculation': 'taxcalc',
  'tax.calculation_line_item': 'tax_li',
  'tax.registration': 'taxreg',
  'tax.transaction': 'tax',
  'tax.transaction_line_item': 'tax_li',
  'financial_connections.session': 'fcsess',
  'financial_connections.account': 'fca',
  'financial_connections.account_ownership': 'fcaowns',
  'financial_connections.account_owner': 'fcaown',
  'financial_connections.transaction': 'fctxn',
  'financial_connections.transaction_refresh': 'fctxnref',
  webhook_endpoint: 'we',
  event: 'evt',
  payment_method: 'pm',
  customer: 'cus',
  product: 'prod',
  price: 'price',
  subscription: 'sub',
  subscription_item: 'si',
  'entitlements.feature': 'feat_test',
  'entitlements.active_entitlement': 'ent_test',
  product_feature: 'prodft',
  'climate.order': 'climorder',
  'climate.product': 'climsku',
  'climate.supplier': 'climsup',
  file: 'file',
  'reporting.report_run': 'frr',
  scheduled_query_run: 'sqr',
  // Not Stripe objects: the sandbox's own records.
  request: 'req',
  webhook_secret: 'whsec',
  delivery: 'whdel',
  attempt: 'whatt',
  forwarding_config: 'fwdcfg',
  'sigma.scheduled_query': 'sq',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// Random bytes are drawn in blocks: one system call serves many ids.
let pool = randomBytes(4096);
let poolAt = 0;

/** A random base62 tail, the length of Stripe's (24 characters). */
export function randomTail(length = 24): string {
  if (poolAt + length > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[pool[poolAt + i] % 62];
  poolAt += length;
  return out;
}

/** `n` in base62, `width` characters wide (zero-padded on the left). */
function base62(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/**
 * A fresh id for an object of the given kind, e.g. `obp_1Pgc7H…`. Like Stripe's,
 * an id starts with the moment it was made (milliseconds, 7 base62 characters,
 * enough until 2081) and ends with 16 random characters: ids of one kind made
 * one after another sort together, so each new row lands at the end of the
 * id index instead of on a random page of it (fewer pages written per commit).
 */
export function newId(kind: IdKind): string {
  // Stripe's test-mode ids start with a digit-and-letters marker; "1" keeps the look.
  return `${ID_PREFIXES[kind]}_1${base62(Date.now(), 7)}${randomTail(16)}`;
}

/**
 * A stable id for an object the engine derives rather than stores (an active
 * entitlement is one per customer × feature): the same seed always gives the same id.
 */
export function derivedId(kind: IdKind, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let tail = '';
  for (let i = 0; i < 23; i++) tail += ALPHABET[digest[i] % 62];
  return `${ID_PREFIXES[kind]}_1${tail}`;
}

/** The object kind an id belongs to, from its prefix, if the engine knows it. */
export function kindOfId(id: string): IdKind | undefined {
  const prefix = id.slice(0, id.lastIndexOf('_'));
  return PREFIX_TO_KIND.get(prefix);
}

const PREFIX_TO_KIND = new Map<string, IdKind>(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as IdKind]),
);
