import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { applyMetadata } from '../../metadata.js';
import { stmt } from '../../store/statements.js';
import { previousAttributes, requestEmitter, save } from '../treasury/common.js';
import { createPrice, createProduct, loadPrice, loadProduct, PRICE, type Price } from './catalog.js';

function create(ctx: RequestContext): Price {
  const emit = requestEmitter(ctx);
  const { product, product_data: productData, ...p } = ctx.params;
  if ((product === undefined) === (productData === undefined)) {
    throw invalidRequest('You must specify exactly one of `product` or `product_data`.', product === undefined ? 'product' : 'product_data');
  }
  const productId = product !== undefined ? loadProduct(ctx.core, product, 'product').id : createProduct(ctx.core, emit, productData, 'product_data[').id;
  return createPrice(ctx.core, emit, p, productId);
}

function update(ctx: RequestContext): Price {
  const core = ctx.core;
  const before = loadPrice(core, ctx.path.price);
  const p = ctx.params;
  const price: Price = { ...before };
  if (p.active !== undefined) price.active = p.active;
  if (p.nickname !== undefined) price.nickname = p.nickname === '' ? null : p.nickname;
  if (p.tax_behavior !== undefined) price.tax_behavior = p.tax_behavior;
  if (p.lookup_key !== undefined) {
    const key = p.lookup_key === '' ? null : p.lookup_key;
    if (key !== null && key !== before.lookup_key) {
      const holder = stmt(core.db, `SELECT id FROM objects WHERE type = 'price' AND json_extract(data, '$.lookup_key') = ?`).get(key) as
        | { id: string }
        | undefined;
      if (holder && p.transfer_lookup_key !== true) throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
      if (holder) {
        const other = loadPrice(core, holder.id);
        save(core, { ...other, lookup_key: null });
        ctx.emit('price.updated', { ...other, lookup_key: null }, { lookup_key: key });
      }
    }
    price.lookup_key = key;
  }
  price.metadata = applyMetadata(before.metadata as Record<string, string>, p.metadata);
  const prev = previousAttributes(before, price);
  if (Object.keys(prev).length === 0) return before;
  save(core, price);
  ctx.emit('price.updated', price, prev);
  return price;
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, boolean | string> = {};
  if (p.active !== undefined) where.active = p.active;
  if (p.currency !== undefined) where.currency = String(p.currency).toLowerCase();
  if (p.type !== undefined) where.type = p.type;
  if (p.recurring?.interval !== undefined) where['recurring.interval'] = p.recurring.interval;
  if (p.recurring?.usage_type !== undefined) where['recurring.usage_type'] = p.recurring.usage_type;
  const keys: string[] = p.lookup_keys ?? [];
  const sql = keys.length ? [{ clause: `json_extract(data, '$.lookup_key') IN (${keys.map(() => '?').join(',')})`, params: keys }] : [];
  return listObjects(ctx, PRICE, '/v1/prices', { where, sql, ...(p.product !== undefined ? { owner: p.product } : {}) });
}

/** Prices, one-time and recurring: create, retrieve, update, list. */
export const priceOperations: Operation[] = [
  { method: 'POST', path: '/v1/prices', handler: create },
  { method: 'GET', path: '/v1/prices', handler: list },
  { method: 'GET', path: '/v1/prices/{price}', handler: (ctx) => loadPrice(ctx.core, ctx.path.price) },
  { method: 'POST', path: '/v1/prices/{price}', handler: update },
];
