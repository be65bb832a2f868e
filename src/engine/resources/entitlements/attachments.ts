import type { EngineCore } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';

export const PRODUCT_FEATURE = 'product_feature';

/** Stored with the feature's id; every response embeds the Feature as it is now. */
export type StoredProductFeature = StripeObject & { entitlement_feature: string };

/** The ids of the features attached to these products. */
export function featuresOfProducts(core: EngineCore, products: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const q = stmt(core.db, `SELECT json_extract(data, '$.entitlement_feature') AS f FROM objects WHERE type = 'product_feature' AND owner = ?`);
  for (const p of products) for (const row of q.all(p) as { f: string }[]) out.add(row.f);
  return out;
}

export function attachmentOf(core: EngineCore, product: string, feature: string): string | undefined {
  const row = stmt(
    core.db,
    `SELECT id FROM objects WHERE type = 'product_feature' AND owner = ? AND json_extract(data, '$.entitlement_feature') = ?`,
  ).get(product, feature) as { id: string } | undefined;
  return row?.id;
}

/** Removes every attachment of a product that is being deleted. */
export function detachAll(core: EngineCore, product: string): void {
  for (const pf of [...core.store.iterate<StoredProductFeature>(PRODUCT_FEATURE, product)]) core.store.delete(pf.id);
}

