import type { ResourceModule } from '../../context.js';
import { forwardingConfigControls } from './controls.js';
import { forwardingOperations } from './requests.js';

export type { ForwardingRequest } from './requests.js';
export type { ForwardingConfig } from './config-types.js';

/** Forwarding: the Stripe API (create really sends) and the destination configs that allow it. */
export const forwardingModule: ResourceModule = {
  name: 'forwarding',
  operations: forwardingOperations,
  controls: forwardingConfigControls,
};
