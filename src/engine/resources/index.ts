import type { ResourceModule } from '../context.js';
import { billingModule } from './billing/index.js';
import { climateModule } from './climate/index.js';
import { dashboardModule } from '../dashboard/index.js';
import { eventOperations } from './events/events.js';
import { cryptoModule } from './crypto/index.js';
import { financialConnectionsModule } from './financial-connections/index.js';
import { filesModule } from './files/index.js';
import { forwardingModule } from './forwarding/index.js';
import { identityModule } from './identity/index.js';
import { paymentMethodsModule } from './payment-methods/index.js';
import { entitlementsModule } from './entitlements/index.js';
import { clockControls } from './sandbox/clock-controls.js';
import { resetControls } from './sandbox/reset.js';
import { reportingModule } from './reporting/index.js';
import { sigmaModule } from './sigma/index.js';
import { settingsControls } from './sandbox/settings-controls.js';
import { webhookControls } from './sandbox/webhook-controls.js';
import { taxModule } from './tax/index.js';
import { treasuryModule } from './treasury/index.js';
import { webhookEndpointOperations } from './webhooks/webhook-endpoints.js';

/** Every API group and control set the engine serves. New groups add one line. */
export const MODULES: ResourceModule[] = [
  { name: 'webhooks', operations: webhookEndpointOperations, controls: webhookControls },
  { name: 'events', operations: eventOperations },
  { name: 'sandbox', controls: [...clockControls, ...settingsControls, ...resetControls] },
  paymentMethodsModule,
  treasuryModule,
  forwardingModule,
  identityModule,
  cryptoModule,
  taxModule,
  financialConnectionsModule,
  billingModule,
  entitlementsModule,
  climateModule,
  filesModule,
  reportingModule,
  sigmaModule,
  dashboardModule(),
];
