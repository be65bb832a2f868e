import type { ResourceModule } from '../../context.js';
import { onBilling } from '../billing/hooks.js';
import { activeEntitlementOperations } from './active-entitlements.js';
import { entitlementControls } from './controls.js';
import { featureOperations } from './features.js';
import { productFeatureOperations } from './product-features.js';
import { entitlementsListener } from './sync.js';

/** Entitlements: features, product features, and active entitlements derived from subscriptions. */
export const entitlementsModule: ResourceModule = {
  name: 'entitlements',
  operations: [...featureOperations, ...productFeatureOperations, ...activeEntitlementOperations],
  controls: entitlementControls,
  setup: (core) => onBilling(core, entitlementsListener),
};
