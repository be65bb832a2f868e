import catalogueJson from '../../../../resources/climate/catalogue.json';
import type { EngineCore } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import type { TonPrice } from './pricing.js';

export const CLIMATE_PRODUCT = 'climate.product';
export const CLIMATE_SUPPLIER = 'climate.supplier';

export type Supplier = StripeObject & { name: string; locations: Record<string, unknown>[] };
export type ClimateProduct = StripeObject & {
  name: string;
  delivery_year: number | null;
  metric_tons_available: string;
  current_prices_per_metric_ton: Record<string, TonPrice>;
  suppliers: Supplier[];
};

interface Catalogue {
  created: number;
  suppliers: ({ origin: string; id: string } & Record<string, unknown>)[];
  products: ({ origin: string; id: string; suppliers: string[] } & Record<string, unknown>)[];
}

const catalogue = catalogueJson as unknown as Catalogue;

const SUPPLIERS = new Map<string, Supplier>(
  catalogue.suppliers.map(({ origin: _origin, ...s }) => [s.id, { ...s, object: CLIMATE_SUPPLIER, livemode: false } as unknown as Supplier]),
);

/**
 * The shipped catalogue as it starts. A product is stored only once it
 * changes (an order takes tons, a new price), so reads never write and a
 * sandbox nobody used for Climate holds no Climate objects.
 */
const PRODUCTS = new Map<string, ClimateProduct>(
  catalogue.products.map(({ origin: _origin, suppliers, ...p }) => [
    p.id,
    { ...p, object: CLIMATE_PRODUCT, created: catalogue.created, livemode: false, suppliers: suppliers.map((id) => SUPPLIERS.get(id)!) } as unknown as ClimateProduct,
  ]),
);

/** The product as it is now: its stored state once changed, else the catalogue's. */
export function findClimateProduct(core: EngineCore, id: string): ClimateProduct | undefined {
  return core.store.get<ClimateProduct>(id, CLIMATE_PRODUCT) ?? PRODUCTS.get(id);
}

export function loadClimateProduct(core: EngineCore, id: string, param = 'product'): ClimateProduct {
  const product = findClimateProduct(core, id);
  if (!product) throw resourceMissing('product', id, param);
  return product;
}

export function loadSupplier(_core: EngineCore, id: string, param = 'supplier'): Supplier {
  const supplier = SUPPLIERS.get(id);
  if (!supplier) throw resourceMissing('supplier', id, param);
  return supplier;
}

/** The supplier objects for ids, as products embed them. */
export function suppliersFor(core: EngineCore, ids: string[], param = 'suppliers'): Supplier[] {
  return ids.map((id) => loadSupplier(core, id, param));
}

/** Every product, newest first (added products before the shipped ones, which keep the catalogue's order). */
export function allProducts(core: EngineCore): ClimateProduct[] {
  const stored = (stmt(core.db, `SELECT data FROM objects WHERE type = 'climate.product' ORDER BY seq DESC`).all() as { data: string }[]).map(
    (r) => JSON.parse(r.data) as ClimateProduct,
  );
  const byId = new Map(stored.map((p) => [p.id, p]));
  const added = stored.filter((p) => !PRODUCTS.has(p.id));
  return [...added, ...[...PRODUCTS.values()].map((p) => byId.get(p.id) ?? p)];
}

/** Every supplier, in the catalogue's order. */
export function allSuppliers(): Supplier[] {
  return [...SUPPLIERS.values()];
}

/** Stores a product's new state (the first change of a shipped product inserts it). */
export function saveProduct(core: EngineCore, product: ClimateProduct): ClimateProduct {
  if (core.store.get(product.id, CLIMATE_PRODUCT)) core.store.update(product);
  else core.store.insert(product, null);
  core.changes.publish({ kind: 'object', type: CLIMATE_PRODUCT, id: product.id });
  return product;
}
