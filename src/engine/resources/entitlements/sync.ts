import type { EngineCore } from '../../context.js';
import type { BillingListener, Cause } from '../billing/hooks.js';
import { productsOf, SUBSCRIPTION_TYPE, type Subscription } from '../billing/subscription-shape.js';
import { GRANTING } from '../billing/transitions.js';
import { grantedBy, setGrants, sourcesGranting, sourcesOf } from './grants.js';
import { detachAll, featuresOfProducts } from './attachments.js';

/** The source name of the sandbox's grant control for one product. */
export function controlSource(product: string): string {
  return `product:${product}`;
}

function productOfSource(source: string): string | undefined {
  return source.startsWith('product:') ? source.slice('product:'.length) : undefined;
}

/**
 * What a subscription grants follows Stripe's timing: at the start of each
 * period it grants its products' features as they are then; a feature attached
 * mid-period waits for the next one, while products newly added to the
 * subscription grant at once. Only trialing and active subscriptions grant.
 */
export const entitlementsListener: BillingListener = {
  subscriptionChanged(core, cause, sub, change) {
    const granting = GRANTING.includes(sub.status) && change.kind !== 'ended';
    let features: Set<string> = new Set();
    if (granting && change.kind === 'reset') features = featuresOfProducts(core, productsOf(sub));
    if (granting && change.kind === 'items') {
      const current = featuresOfProducts(core, productsOf(sub));
      features = new Set([...grantedBy(core, sub.customer, sub.id).filter((f) => current.has(f)), ...featuresOfProducts(core, change.addedProducts)]);
    }
    setGrants(core, cause, sub.customer, sub.id, features);
  },
  productDeleted(core, cause, product) {
    detachAll(core, product);
    const source = controlSource(product);
    for (const { customer } of core.db.prepare('SELECT DISTINCT customer FROM entitlement_grants WHERE source = ?').all(source) as { customer: string }[]) {
      setGrants(core, cause, customer, source, []);
    }
  },
  customerDeleted(core, cause, customer) {
    for (const source of sourcesOf(core, customer)) setGrants(core, cause, customer, source, []);
  },
};

/** A feature left a product: every source that granted it through that product stops granting it now. */
export function featureDetached(core: EngineCore, cause: Cause, feature: string): void {
  for (const { customer, source } of sourcesGranting(core, feature)) {
    const sub = core.store.get<Subscription>(source, SUBSCRIPTION_TYPE);
    const control = productOfSource(source);
    const products = sub ? productsOf(sub) : control ? [control] : [];
    const still = featuresOfProducts(core, products);
    setGrants(core, cause, customer, source, grantedBy(core, customer, source).filter((f) => still.has(f)));
  }
}
