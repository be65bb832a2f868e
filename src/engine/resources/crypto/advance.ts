import { createHash } from 'node:crypto';
import type { EngineCore } from '../../context.js';
import { previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { RATES, decimalsOf, isPair, networkKey, parseAmount } from './catalog.js';
import { onrampError } from './errors.js';
import { price } from './pricing.js';
import { UPDATED_EVENT, type OnrampSession, type OnrampStatus, type TransactionDetails } from './shape.js';
import { ONRAMP_STATES } from './transitions.js';
import { isValidAddress } from './wallets.js';

/** How long after payment the sandbox confirms delivery, in sandbox seconds. */
export const DELIVERY_SECONDS = 30;
export const DELIVER_JOB = 'crypto.onramp_session.deliver';

/** What the customer picks in the widget before paying; anything left out keeps the session's value or its default. */
export interface Choices {
  destination_currency?: string;
  destination_network?: string;
  source_currency?: string;
  source_amount?: string;
  destination_amount?: string;
  wallet_address?: string;
}

const CHOICE_KEYS: (keyof Choices)[] = ['destination_currency', 'destination_network', 'source_currency', 'source_amount', 'destination_amount', 'wallet_address'];

/** Reads choices from a control or page body; unknown keys other than `status` are refused. */
export function choicesOf(body: Record<string, unknown>): Choices {
  const out: Choices = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'status') continue;
    if (!CHOICE_KEYS.includes(k as keyof Choices)) throw onrampError('parameter_unknown', `Received unknown parameter: ${k}`, k);
    if (typeof v !== 'string' || v === '') throw onrampError('parameter_invalid_string', `Invalid string: ${JSON.stringify(v)}`, k);
    out[k as keyof Choices] = v;
  }
  return out;
}

/** The pair the customer buys: chosen, already set, or the first of the session's lists that can be delivered. */
function pairOf(td: TransactionDetails, c: Choices): { currency: string; network: string } {
  const currency = c.destination_currency ?? (c.destination_network ? undefined : td.destination_currency ?? undefined);
  const network = c.destination_network ?? (c.destination_currency ? undefined : td.destination_network ?? undefined);
  if (currency && !td.destination_currencies.includes(currency)) {
    throw onrampError('crypto_onramp_conflicting_destination_currency', `${currency} is not one of this session's destination_currencies.`, 'destination_currency');
  }
  if (network && !td.destination_networks.includes(network)) {
    throw onrampError('crypto_onramp_conflicting_destination_network', `${network} is not one of this session's destination_networks.`, 'destination_network');
  }
  const n = network ?? td.destination_networks.find((x) => !currency || isPair(currency, x));
  const cur = currency ?? td.destination_currencies.find((x) => n && isPair(x, n));
  if (!n || !cur || !isPair(cur, n)) {
    throw onrampError('crypto_onramp_invalid_destination_currency_and_network_pair', `${cur ?? currency} cannot be delivered on ${n ?? network}.`, 'destination_currency');
  }
  return { currency: cur, network: n };
}

/** Applies the customer's choices and prices the purchase from the rate table. */
function priced(td: TransactionDetails, c: Choices): TransactionDetails {
  const { currency, network } = pairOf(td, c);
  const source = c.source_currency ?? td.source_currency ?? 'usd';
  if (!RATES.fiat_usd[source]) throw onrampError('crypto_onramp_invalid_source_currency', `${source} is not a supported source currency.`, 'source_currency');
  if (c.source_amount !== undefined && c.destination_amount !== undefined) {
    throw onrampError('crypto_onramp_invalid_source_destination_pair', 'source_amount and destination_amount are mutually exclusive: set only one of them.', 'destination_amount');
  }
  const sourceText = c.source_amount ?? (c.destination_amount === undefined ? td.source_amount : null);
  const destinationText = c.destination_amount ?? (c.source_amount === undefined && !td.source_amount ? td.destination_amount : null);
  const sourceAmount = sourceText ? parseAmount(sourceText, RATES.source_decimals) : undefined;
  if (sourceAmount === null) throw onrampError('crypto_onramp_invalid_source_amount', 'source_amount must be a positive amount with no fractions of a cent.', 'source_amount');
  const destinationAmount = destinationText && !sourceText ? parseAmount(destinationText, decimalsOf(currency)) : undefined;
  if (destinationAmount === null) throw onrampError('crypto_onramp_invalid_destination_amount', `destination_amount must be a positive amount with at most ${decimalsOf(currency)} decimal places.`, 'destination_amount');
  const locked = td.wallet_addresses?.[networkKey(network)] as string | null | undefined;
  const wallet = c.wallet_address ?? td.wallet_address ?? locked ?? RATES.test_wallets[network];
  if (td.lock_wallet_address && locked && wallet !== locked) {
    throw onrampError('crypto_onramp_wallet_address_locked', `The wallet address for ${network} is locked to ${locked}.`, 'wallet_address');
  }
  if (!isValidAddress(network, wallet)) throw onrampError('crypto_onramp_invalid_wallet_address', `'${wallet}' is not a valid ${network} address.`, 'wallet_address');
  const p = price({ source, currency, network, sourceAmount: sourceAmount ?? undefined, destinationAmount: destinationAmount ?? undefined });
  return {
    ...td,
    destination_currency: currency,
    destination_network: network,
    source_currency: source,
    source_amount: p.source_amount,
    destination_amount: p.destination_amount,
    fees: { network_fee_amount: p.network_fee, transaction_fee_amount: p.transaction_fee },
    wallet_address: wallet,
  };
}

/** A transaction hash in the network's own form, derived from the session so a replay is identical. */
function transactionId(network: string, sessionId: string): string {
  const digest = createHash('sha256').update(`counterfoil:${sessionId}`).digest('hex');
  if (network === 'bitcoin' || network === 'stellar') return digest;
  if (network === 'solana') return Buffer.from(createHash('sha512').update(sessionId).digest()).toString('base64url');
  return `0x${digest}`;
}

/**
 * Moves a session to the next status the table allows, with the customer's
 * choices where the widget would take them: onboarding and payment price the
 * purchase (payment locks it), delivery sets `transaction_id`. Every change
 * sends `crypto.onramp_session_updated`.
 */
export function advance(core: EngineCore, emit: Emit, before: OnrampSession, to: OnrampStatus, choices: Choices = {}): OnrampSession {
  if (to === 'initialized' || !(to in ONRAMP_STATES)) {
    throw onrampError('parameter_invalid', `status must be one of requires_payment, rejected, fulfillment_processing or fulfillment_complete.`, 'status');
  }
  const status = transition(ONRAMP_STATES, 'crypto onramp session', before, to);
  const pricing = to === 'requires_payment' || to === 'fulfillment_processing';
  if (!pricing && Object.keys(choices).length > 0) {
    throw onrampError('parameter_unknown', `Choices can only be made on the way to requires_payment or fulfillment_processing.`, Object.keys(choices)[0]);
  }
  let td = before.transaction_details;
  if (pricing) td = priced(td, choices);
  if (to === 'fulfillment_complete') td = { ...td, transaction_id: transactionId(td.destination_network ?? 'ethereum', before.id) };
  const session: OnrampSession = { ...before, status, transaction_details: td };
  save(core, session);
  if (to === 'fulfillment_processing') core.scheduler.schedule(DELIVER_JOB, core.clock.now() + DELIVERY_SECONDS, { id: session.id });
  if (to === 'fulfillment_complete') core.scheduler.cancel(DELIVER_JOB, (p) => p.id === session.id);
  emit(UPDATED_EVENT, session, previousAttributes(before, session));
  return session;
}
