import { createHash } from 'node:crypto';
import type { Operation, RequestContext } from '../../context.js';
import { DESTINATION_CURRENCIES, NETWORKS, RATES, isPair, networkKey, parseAmount, type Decimal } from './catalog.js';
import { onrampError } from './errors.js';
import { price } from './pricing.js';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

interface QuoteRequest {
  source_currency?: string;
  source_amount?: string;
  destination_amount?: string;
  destination_currencies?: string[];
  destination_networks?: string[];
}

/** The request's amounts, checked as the onramp checks them. */
function amountsOf(q: QuoteRequest, currencies: string[], networks: string[]): { sourceAmount?: Decimal; destinationAmount?: Decimal } {
  if (q.source_amount !== undefined && q.destination_amount !== undefined) {
    throw onrampError('crypto_onramp_invalid_source_destination_pair', 'source_amount and destination_amount are mutually exclusive: set only one of them.', 'destination_amount');
  }
  if (q.destination_amount !== undefined) {
    if (currencies.length !== 1 || networks.length !== 1) {
      throw onrampError(
        'crypto_onramp_incomplete_destination_currency_and_network_pair',
        'A quote for a destination_amount needs exactly one destination currency and one destination network.',
        currencies.length !== 1 ? 'destination_currencies' : 'destination_networks',
      );
    }
    if (!isPair(currencies[0], networks[0])) {
      throw onrampError('crypto_onramp_invalid_destination_currency_and_network_pair', `${currencies[0]} cannot be delivered on ${networks[0]}.`, 'destination_currencies');
    }
    const d = parseAmount(q.destination_amount, RATES.crypto[currencies[0]].decimals);
    if (!d) throw onrampError('crypto_onramp_invalid_destination_amount', `destination_amount must be a positive amount with at most ${RATES.crypto[currencies[0]].decimals} decimal places for ${currencies[0]}.`, 'destination_amount');
    return { destinationAmount: d };
  }
  const text = q.source_amount ?? RATES.default_source_amount;
  const s = parseAmount(text, RATES.source_decimals);
  if (!s) throw onrampError('crypto_onramp_invalid_source_amount', 'source_amount must be a positive amount with at most 2 decimal places.', 'source_amount');
  return { sourceAmount: s };
}

/**
 * Quotes every deliverable currency × network pair of the request from the
 * sandbox rate table. A requested network with no pair is `[]`; a network not
 * requested is `null`.
 */
export function quote(ctx: RequestContext, q: QuoteRequest) {
  const source = q.source_currency ?? 'usd';
  const currencies = q.destination_currencies ?? DESTINATION_CURRENCIES;
  const networks = q.destination_networks ?? RATES.default_destination_networks;
  const amounts = amountsOf(q, currencies, networks);
  const fetchedAt = ctx.core.clock.nowMs() / 1000;
  const quotes: Record<string, unknown[] | null> = {};
  let sourceAmount = amounts.sourceAmount ? amounts.sourceAmount.toFixed(RATES.source_decimals) : null;
  for (const network of NETWORKS) {
    if (!networks.includes(network)) {
      quotes[networkKey(network)] = null;
      continue;
    }
    quotes[networkKey(network)] = currencies
      .filter((currency) => isPair(currency, network))
      .map((currency) => {
        const p = price({ source, currency, network, ...amounts });
        sourceAmount = p.source_amount;
        return {
          id: hex(`${source}|${p.source_amount}|${currency}|${network}|${fetchedAt}`),
          destination_currency: currency,
          destination_amount: p.destination_amount,
          destination_network: network,
          fees: { network_fee_monetary: p.network_fee, transaction_fee_monetary: p.transaction_fee },
          source_total_amount: p.source_total_amount,
        };
      });
  }
  return {
    id: hex(`${JSON.stringify(q)}|${fetchedAt}`),
    object: 'crypto.onramp.quotes',
    destination_network_quotes: quotes,
    livemode: false,
    rate_fetched_at: fetchedAt,
    source_amount: sourceAmount ?? RATES.default_source_amount,
    source_currency: source,
  };
}

/** The beta path also took the beta names of the amounts. */
function betaParams(p: Record<string, any>): QuoteRequest {
  const { source_exchange_amount, destination_exchange_amount, ...rest } = p;
  return { ...rest, source_amount: rest.source_amount ?? source_exchange_amount, destination_amount: rest.destination_amount ?? destination_exchange_amount };
}

/** `GET /v1/crypto/onramp_quotes`, and the beta path `/v1/crypto/onramp/quotes` it was renamed from. */
export const quoteOperations: Operation[] = [
  { method: 'GET', path: '/v1/crypto/onramp_quotes', handler: (ctx) => quote(ctx, ctx.params) },
  { method: 'GET', path: '/v1/crypto/onramp/quotes', handler: (ctx) => quote(ctx, betaParams(ctx.params)) },
];
