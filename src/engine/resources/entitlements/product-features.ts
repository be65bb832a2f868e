import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { listQuery } from '../../http/list.js';
import { newId } from '../../ids.js';
import { loadProduct } from '../billing/catalog.js';
import { insert } from '../treasury/common.js';
import { FEATURE, loadFeature, type Feature } from './features.js';
import { attachmentOf, PRODUCT_FEATURE, type StoredProductFeature } from './attachments.js';
import { featureDetached } from './sync.js';


function render(core: EngineCore, pf: StoredProductFeature) {
  return { ...pf, entitlement_feature: core.store.get<Feature>(pf.entitlement_feature, FEATURE) };
}

function attach(ctx: RequestContext) {
  const core = ctx.core;
  const product = loadProduct(core, ctx.path.product, 'product');
  const feature = loadFeature(core, ctx.params.entitlement_feature, 'entitlement_feature');
  if (!feature.active) throw invalidRequest(`The feature \`${feature.id}\` is archived and cannot be attached to a product.`, 'entitlement_feature');
  const existing = attachmentOf(core, product.id, feature.id);
  if (existing) {
    throw invalidRequest(`The feature \`${feature.id}\` is already attached to product \`${product.id}\` (\`${existing}\`).`, 'entitlement_feature');
  }
  const pf: StoredProductFeature = { id: newId('product_feature'), object: PRODUCT_FEATURE, entitlement_feature: feature.id, livemode: false };
  // Existing subscriptions pick the feature up at their next period, as at Stripe (see sync.ts).
  return render(core, insert(core, pf, product.id));
}

function loadAttachment(ctx: RequestContext): StoredProductFeature {
  const product = loadProduct(ctx.core, ctx.path.product, 'product');
  const pf = ctx.core.store.get<StoredProductFeature>(ctx.path.id, PRODUCT_FEATURE);
  if (!pf || attachmentOf(ctx.core, product.id, pf.entitlement_feature) !== pf.id) throw resourceMissing('product feature', ctx.path.id, 'id');
  return pf;
}

function detach(ctx: RequestContext) {
  const pf = loadAttachment(ctx);
  ctx.core.store.delete(pf.id);
  ctx.core.changes.publish({ kind: 'object', type: PRODUCT_FEATURE, id: pf.id });
  featureDetached(ctx.core, ctx.request, pf.entitlement_feature);
  return { id: pf.id, object: PRODUCT_FEATURE, deleted: true };
}

function list(ctx: RequestContext) {
  const product = loadProduct(ctx.core, ctx.path.product, 'product');
  const page = ctx.core.store.list<StoredProductFeature>(PRODUCT_FEATURE, listQuery(ctx, { owner: product.id }));
  return { object: 'list', data: page.data.map((pf) => render(ctx.core, pf)), has_more: page.has_more, url: `/v1/products/${product.id}/features` };
}

const BASE = '/v1/products/{product}/features';

/** A product's features: attach, list, retrieve, detach. */
export const productFeatureOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: attach },
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{id}`, handler: (ctx) => render(ctx.core, loadAttachment(ctx)) },
  { method: 'DELETE', path: `${BASE}/{id}`, handler: detach },
];
