import type { Operation, RequestContext } from '../../context.js';
import { loadRaw } from '../../http/raw-json.js';
import { requestEmitter } from './common.js';
import { applyOutbound, type OutboundFlow, type OutboundKind } from './outbound-flow.js';
import type { OutboundAction } from './transitions.js';

interface OutboundRoutes {
  kind: OutboundKind;
  /** `outbound_payments` or `outbound_transfers`. */
  resource: string;
  /** The path param's name in the description (`id`, `outbound_transfer`). */
  param: string;
  /** What Stripe's 404 calls it (`outbound payment`). */
  human: string;
  load(ctx: RequestContext): OutboundFlow;
  create(ctx: RequestContext): unknown;
  list(ctx: RequestContext): unknown;
}

/**
 * The operations OutboundPayments and OutboundTransfers share: create,
 * retrieve, list, cancel, and the tracking/post/fail/return test helpers.
 */
export function outboundOperations(r: OutboundRoutes): Operation[] {
  const base = `/v1/treasury/${r.resource}`;
  const helpers = `/v1/test_helpers/treasury/${r.resource}`;
  const act = (action: OutboundAction) => (ctx: RequestContext) =>
    applyOutbound(ctx.core, r.kind, requestEmitter(ctx), r.load(ctx), action, {
      returnCode: ctx.params.returned_details?.code,
      trackingDetails: ctx.params.tracking_details,
    });
  return [
    { method: 'POST', path: base, handler: r.create },
    { method: 'GET', path: base, handler: r.list },
    { method: 'GET', path: `${base}/{${r.param}}`, handler: (ctx) => loadRaw(ctx.core, r.kind.type, ctx.path[r.param], r.human, r.param) },
    { method: 'POST', path: `${base}/{${r.param}}/cancel`, handler: act('cancel') },
    { method: 'POST', path: `${helpers}/{${r.param}}`, handler: act('track') },
    { method: 'POST', path: `${helpers}/{${r.param}}/post`, handler: act('post') },
    { method: 'POST', path: `${helpers}/{${r.param}}/fail`, handler: act('fail') },
    { method: 'POST', path: `${helpers}/{${r.param}}/return`, handler: act('return') },
  ];
}
