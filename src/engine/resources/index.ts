import type { ResourceModule } from '../context.js';
import { dashboardModule } from '../dashboard/index.js';
import { eventOperations } from './events/events.js';
import { filesModule } from './files/index.js';
import { forwardingModule } from './forwarding/index.js';
import { paymentMethodsModule } from './payment-methods/index.js';
import { reportingModule } from './reporting/index.js';
import { clockControls } from './sandbox/clock-controls.js';
import { sigmaModule } from './sigma/index.js';
import { settingsControls } from './sandbox/settings-controls.js';
import { webhookControls } from './sandbox/webhook-controls.js';
import { treasuryModule } from './treasury/index.js';
import { webhookEndpointOperations } from './webhooks/webhook-endpoints.js';

/** Every API group and control set the engine serves. New groups add one line. */
export const MODULES: ResourceModule[] = [
  { name: 'webhooks', operations: webhookEndpointOperations, controls: webhookControls },
  { name: 'events', operations: eventOperations },
  { name: 'sandbox', controls: [...clockControls, ...settingsControls] },
  paymentMethodsModule,
  treasuryModule,
  forwardingModule,
  filesModule,
  reportingModule,
  sigmaModule,
  dashboardModule(),
];
