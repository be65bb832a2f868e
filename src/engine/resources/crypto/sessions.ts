import type { Operation, RequestContext } from '../../context.js';
import { baseUrlOf, linkToken } from '../../http/hosted.js';
import { listObjects } from '../../http/list.js';
import { newId, randomTail } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { insert, load } from '../treasury/common.js';
import { parseAmount } from './catalog.js';
import { checkCreate } from './create-checks.js';
import { price } from './pricing.js';
import { ONRAMP_SESSION, type OnrampSession } from './shape.js';

const BASE = '/v1/crypto/onramp_sessions';

/** The path of a session's hosted widget, from its redirect_url. */
export const HOSTED_ONRAMP = '/hosted/crypto/onramp/';

function create(ctx: RequestContext): OnrampSession {
  const p = ctx.params;
  const checked = checkCreate(ctx.core, p);
  const id = newId('crypto.onramp_session');
  let sourceAmount: string | null = p.source_amount ?? null;
  let destinationAmount: string | null = p.destination_amount ?? null;
  // The onramp computes the other amount when it knows the pair and the fiat currency.
  if (p.destination_currency && p.source_currency && (sourceAmount || destinationAmount)) {
    const priced = price({
      source: p.source_currency,
      currency: p.destination_currency,
      network: p.destination_network,
      sourceAmount: sourceAmount ? parseAmount(sourceAmount, 2)! : undefined,
      destinationAmount: destinationAmount ? parseAmount(destinationAmount, 36)! : undefined,
    });
    sourceAmount = priced.source_amount;
    destinationAmount = priced.destination_amount;
  }
  const session: OnrampSession = {
    id,
    object: ONRAMP_SESSION,
    client_secret: `${id}_secret_${randomTail(32)}`,
    created: ctx.core.clock.now(),
    kyc_details_provided: Boolean(p.customer_information || p.kyc_details),
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    redirect_url: `${baseUrlOf(ctx.core)}${HOSTED_ONRAMP}${linkToken('cos_')}`,
    status: 'initialized',
    transaction_details: {
      destination_amount: destinationAmount,
      destination_currencies: checked.currencies,
      destination_currency: p.destination_currency ?? null,
      destination_network: p.destination_network ?? null,
      destination_networks: checked.networks,
      fees: null,
      lock_wallet_address: p.lock_wallet_address ?? false,
      settlement_speed: p.settlement_speed ?? null,
      source_amount: sourceAmount,
      source_currency: p.source_currency ?? null,
      transaction_id: null,
      wallet_address: null,
      wallet_addresses: checked.walletAddresses,
    },
  };
  insert(ctx.core, session, null);
  // Stripe sends no event for a new session: `crypto.onramp_session_updated` starts with the first change.
  return session;
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  if (p.status !== undefined) where.status = p.status;
  if (p.destination_currency !== undefined) where['transaction_details.destination_currency'] = p.destination_currency;
  if (p.destination_network !== undefined) where['transaction_details.destination_network'] = p.destination_network;
  return listObjects(ctx, ONRAMP_SESSION, BASE, { where });
}

/** OnrampSession (preview API): create, retrieve, list. */
export const onrampSessionOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{session}`, handler: (ctx) => load<OnrampSession>(ctx.core, ONRAMP_SESSION, ctx.path.session, 'crypto onramp session', 'session') },
];
