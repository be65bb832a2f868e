import catalogueJson from '../../../../resources/climate/catalogue.json';
import type { EngineCore } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { load } from '../treasury/common.js';
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
  suppliers: ({ origin: string; id: string } & Record<string, unknown>)[];
  products: ({ origin: string; id: string; suppliers: string[] } & Record<string, unknown>)[];
}

const catalogue = catalogueJson as unknown as Catalogue;

export function loadClimateProduct(core: EngineCore, id: string, param = 'product'): ClimateProduct {
  return load<ClimateProduct>(core, CLIMATE_PRODUCT, id, 'product', param);
}

export function loadSupplier(core: EngineCore, id: string, param = 'supplier'): Supplier {
  return load<Supplier>(core, CLIMATE_SUPPLIER, id, 'supplier', param);
}

/** The supplier objects for ids, as products embed them. */
export function suppliersFor(core: EngineCore, ids: string[], param = 'suppliers'): Supplier[] {
  return ids.map((id) => loadSupplier(core, id, param));
}

/**
 * Puts the shipped catalogue in the store the first time Climate is used on a
 * database (products then carry their own availability and prices), so a
 * sandbox nobody used for Climate stays empty. No events: the catalogue was
 * there before anyone listened.
 */
export function ensureCatalogue(core: EngineCore): void {
  // One indexed lookup: a write that seeded it may have been rolled back with its request, so no in-memory flag.
  const last = catalogue.products[catalogue.products.length - 1];
  if (core.store.get(last.id)) return;
  core.db.transaction(() => {
    const now = core.clock.now();
    for (const { origin: _origin, ...s } of catalogue.suppliers) {
      if (!core.store.get(s.id)) core.store.insert({ ...s, object: CLIMATE_SUPPLIER, livemode: false } as unknown as Supplier);
    }
    for (const { origin: _origin, suppliers, ...p } of catalogue.products) {
      if (core.store.get(p.id)) continue;
      core.store.insert({ ...p, object: CLIMATE_PRODUCT, created: now, livemode: false, suppliers: suppliersFor(core, suppliers) } as unknown as ClimateProduct);
    }
  })();
}
