import type { Balance } from '../../ledger/impact.js';
import type { StripeObject } from '../../store/objects.js';

export type FeatureName =
  | 'card_issuing'
  | 'deposit_insurance'
  | 'financial_addresses.aba'
  | 'inbound_transfers.ach'
  | 'intra_stripe_flows'
  | 'outbound_payments.ach'
  | 'outbound_payments.us_domestic_wire'
  | 'outbound_transfers.ach'
  | 'outbound_transfers.us_domestic_wire';

export type FlowDirection = 'inbound_flows' | 'outbound_flows';

export interface FinancialAccount extends StripeObject {
  object: 'treasury.financial_account';
  active_features: FeatureName[];
  balance: Balance;
  country: string;
  created: number;
  financial_addresses: FinancialAddress[];
  livemode: false;
  metadata: Record<string, string>;
  nickname: string | null;
  pending_features: FeatureName[];
  platform_restrictions: Record<FlowDirection, 'restricted' | 'unrestricted'>;
  restricted_features: FeatureName[];
  status: 'open' | 'closed';
  status_details: { closed: { reasons: ('account_rejected' | 'closed_by_platform' | 'other')[] } | null };
  supported_currencies: string[];
}

export interface FinancialAddress {
  type: 'aba';
  aba: { account_holder_name: string; account_number_last4: string; bank_name: string; routing_number: string };
  supported_networks: ('ach' | 'us_domestic_wire')[];
}

/**
 * Every feature, the param path that requests it, and which platform
 * restriction stops it (a feature moving money both ways is stopped by either).
 */
export const FEATURES: readonly { name: FeatureName; path: string[]; stoppedBy: FlowDirection[] }[] = [
  { name: 'card_issuing', path: ['card_issuing'], stoppedBy: ['outbound_flows'] },
  { name: 'deposit_insurance', path: ['deposit_insurance'], stoppedBy: [] },
  { name: 'financial_addresses.aba', path: ['financial_addresses', 'aba'], stoppedBy: ['inbound_flows'] },
  { name: 'inbound_transfers.ach', path: ['inbound_transfers', 'ach'], stoppedBy: ['inbound_flows'] },
  { name: 'intra_stripe_flows', path: ['intra_stripe_flows'], stoppedBy: ['inbound_flows', 'outbound_flows'] },
  { name: 'outbound_payments.ach', path: ['outbound_payments', 'ach'], stoppedBy: ['outbound_flows'] },
  { name: 'outbound_payments.us_domestic_wire', path: ['outbound_payments', 'us_domestic_wire'], stoppedBy: ['outbound_flows'] },
  { name: 'outbound_transfers.ach', path: ['outbound_transfers', 'ach'], stoppedBy: ['outbound_flows'] },
  { name: 'outbound_transfers.us_domestic_wire', path: ['outbound_transfers', 'us_domestic_wire'], stoppedBy: ['outbound_flows'] },
];

/** Every requested feature of an account, whatever its status. */
export function requestedFeatures(fa: FinancialAccount): FeatureName[] {
  const set = new Set([...fa.active_features, ...fa.pending_features, ...fa.restricted_features]);
  return FEATURES.map((f) => f.name).filter((n) => set.has(n));
}

/** Why a requested feature is restricted now, or null when it is active. */
export function restrictionOf(fa: FinancialAccount, name: FeatureName) {
  if (fa.status === 'closed') return { code: 'financial_account_closed' as const, resolution: null, restriction: undefined };
  const spec = FEATURES.find((f) => f.name === name)!;
  const by = spec.stoppedBy.find((d) => fa.platform_restrictions[d] === 'restricted');
  return by ? { code: 'restricted_by_platform' as const, resolution: 'remove_restriction' as const, restriction: by } : null;
}

/**
 * Recomputes the feature arrays from what is requested: in test mode a
 * requested feature is active at once unless the platform or a closure restricts it.
 */
export function withFeatures(fa: FinancialAccount, requested: FeatureName[]): FinancialAccount {
  const active: FeatureName[] = [];
  const restricted: FeatureName[] = [];
  for (const name of FEATURES.map((f) => f.name)) {
    if (!requested.includes(name)) continue;
    (restrictionOf(fa, name) ? restricted : active).push(name);
  }
  return { ...fa, active_features: active, pending_features: [], restricted_features: restricted };
}

/** The `treasury.financial_account_features` object Stripe shows for an account. */
export function featuresObject(fa: FinancialAccount): Record<string, unknown> {
  const out: Record<string, any> = { object: 'treasury.financial_account_features' };
  for (const f of FEATURES) {
    if (![...fa.active_features, ...fa.restricted_features, ...fa.pending_features].includes(f.name)) continue;
    const why = restrictionOf(fa, f.name);
    const status = {
      requested: true,
      status: fa.active_features.includes(f.name) ? 'active' : fa.pending_features.includes(f.name) ? 'pending' : 'restricted',
      status_details: why
        ? [{ code: why.code, resolution: why.resolution, ...(why.restriction ? { restriction: why.restriction } : {}) }]
        : [],
    };
    let node = out;
    for (const key of f.path.slice(0, -1)) node = node[key] ??= {};
    node[f.path[f.path.length - 1]] = status;
  }
  return out;
}

/** True when the account can use a feature right now. */
export function hasActiveFeature(fa: FinancialAccount, name: FeatureName): boolean {
  return fa.status === 'open' && fa.active_features.includes(name);
}
