import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { applyMetadata } from '../../metadata.js';
import { previousAttributes, requestEmitter, save } from '../treasury/common.js';
import { createPrice, createProduct, loadPrice, loadProduct, PRICE, PRODUCT, type Product } from './catalog.js';
import { assignNullable, idsFilter } from './common.js';
import { notifyBilling } from './hooks.js';

function create(ctx: RequestContext): Product {
  const emit = requestEmitter(ctx);
  const { default_price_data: priceData, ...p } = ctx.params;
  const product = createProduct(ctx.core, emit, p);
  if (!priceData) return product;
  const price = createPrice(ctx.core, emit, priceData, product.id, 'default_price_data[');
  return save(ctx.core, { ...product, default_price: price.id });
}

const NULLABLE = ['description', 'statement_descriptor', 'tax_code', 'unit_label', 'url'] as const;

function update(ctx: RequestContext): Product {
  const core = ctx.core;
  const before = loadProduct(core, ctx.path.id);
  const p = ctx.params;
  const product: Product = { ...before };
  if (p.name !== undefined) product.name = p.name;
  if (p.active !== undefined) product.active = p.active;
  if (p.shippable !== undefined) product.shippable = p.shippable;
  if (p.images !== undefined) product.images = p.images === '' ? [] : p.images;
  if (p.marketing_features !== undefined) {
    product.marketing_features = p.marketing_features === '' ? [] : p.marketing_features.map((f: { name: string }) => ({ name: f.name }));
  }
  if (p.package_dimensions !== undefined) product.package_dimensions = p.package_dimensions === '' ? null : p.package_dimensions;
  if (p.default_price !== undefined) {
    if (p.default_price === '') product.default_price = null;
    else {
      const price = loadPrice(core, p.default_price, 'default_price');
      if (price.product !== product.id) {
        throw invalidRequest(`The price \`${price.id}\` does not belong to product \`${product.id}\`.`, 'default_price');
      }
      product.default_price = price.id;
    }
  }
  assignNullable(product, p, NULLABLE);
  product.metadata = applyMetadata(before.metadata as Record<string, string>, p.metadata);
  const prev = previousAttributes(before, product);
  if (Object.keys(prev).length === 0) return before;
  product.updated = core.clock.now();
  save(core, product);
  ctx.emit('product.updated', product, prev);
  return product;
}

function remove(ctx: RequestContext) {
  const core = ctx.core;
  const product = loadProduct(core, ctx.path.id);
  if (core.store.count(PRICE, product.id) > 0) {
    throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.', 'id');
  }
  notifyBilling(core, (l) => l.productDeleted?.(core, ctx.request, product.id));
  core.store.delete(product.id);
  core.changes.publish({ kind: 'object', type: PRODUCT, id: product.id });
  ctx.emit('product.deleted', product);
  return { id: product.id, object: PRODUCT, deleted: true };
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, boolean | string> = {};
  if (p.active !== undefined) where.active = p.active;
  if (p.shippable !== undefined) where.shippable = p.shippable;
  if (p.url !== undefined) where.url = p.url;
  return listObjects(ctx, PRODUCT, '/v1/products', { where, sql: idsFilter(p.ids) });
}

/** Products: create (with a default price), retrieve, update, list, delete. */
export const productOperations: Operation[] = [
  { method: 'POST', path: '/v1/products', handler: create },
  { method: 'GET', path: '/v1/products', handler: list },
  { method: 'GET', path: '/v1/products/{id}', handler: (ctx) => loadProduct(ctx.core, ctx.path.id) },
  { method: 'POST', path: '/v1/products/{id}', handler: update },
  { method: 'DELETE', path: '/v1/products/{id}', handler: remove },
];
