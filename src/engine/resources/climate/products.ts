import type { Operation } from '../../context.js';
import { listObjects } from '../../http/list.js';
import { CLIMATE_PRODUCT, CLIMATE_SUPPLIER, loadClimateProduct, loadSupplier } from './catalogue.js';

/** The catalogue: products and suppliers, retrieve and list. */
export const catalogueOperations: Operation[] = [
  { method: 'GET', path: '/v1/climate/products', handler: (ctx) => listObjects(ctx, CLIMATE_PRODUCT, '/v1/climate/products') },
  { method: 'GET', path: '/v1/climate/products/{product}', handler: (ctx) => loadClimateProduct(ctx.core, ctx.path.product) },
  { method: 'GET', path: '/v1/climate/suppliers', handler: (ctx) => listObjects(ctx, CLIMATE_SUPPLIER, '/v1/climate/suppliers') },
  { method: 'GET', path: '/v1/climate/suppliers/{supplier}', handler: (ctx) => loadSupplier(ctx.core, ctx.path.supplier) },
];
