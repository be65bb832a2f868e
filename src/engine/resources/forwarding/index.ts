import type { ResourceModule } from '../../context.js';
import { forgetOpenedConfigs } from './config-store.js';
import { forwardingConfigControls } from './controls.js';
import { forwardingOperations } from './requests.js';

export type { ForwardingRequest } from './requests.js';
export type { ForwardingConfig } from './config-types.js';

/** Forwarding: the Stripe API (create really sends) and the destination configs that allow it. */
export const forwardingModule: ResourceModule = {
  name: 'forwarding',
  operations: forwardingOperations,
  controls: forwardingConfigControls,
  setup(core) {
    // A reset or a snapshot load replaces the configs table under the cache.
    core.changes.subscribe((c) => {
      if (c.kind === 'reset') forgetOpenedConfigs(core);
    });
  },
};
