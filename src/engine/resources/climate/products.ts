import type { Operation } from '../../context.js';
import { listInMemory } from '../../http/list.js';
import { allProducts, allSuppliers, loadClimateProduct, loadSupplier } from './catalogue.js';

/** The catalogue: products and suppliers, retrieve and list. */
export const catalogueOperations: Operation[] = [
  { method: 'GET', path: '/v1/climate/products', handler: (ctx) => listInMemory(ctx, allProducts(ctx.core), '/v1/climate/products', 'product') },
  { method: 'GET', path: '/v1/climate/products/{product}', handler: (ctx) => loadClimateProduct(ctx.core, ctx.path.product) },
  { method: 'GET', path: '/v1/climate/suppliers', handler: (ctx) => listInMemory(ctx, allSuppliers(), '/v1/climate/suppliers', 'supplier') },
  { method: 'GET', path: '/v1/climate/suppliers/{supplier}', handler: (ctx) => loadSupplier(ctx.core, ctx.path.supplier) },
];
