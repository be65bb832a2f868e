import type { ResourceModule } from '../../context.js';
import { climateActions } from './actions.js';
import { seedCatalogue } from './catalogue.js';
import { climateControls } from './controls.js';
import { orderOperations } from './orders.js';
import { catalogueOperations } from './products.js';

/** Climate: Frontier's catalogue (shipped as data), and orders Frontier's side moves through controls. */
export const climateModule: ResourceModule = {
  name: 'climate',
  operations: [...catalogueOperations, ...orderOperations],
  controls: climateControls,
  actions: climateActions,
  setup: seedCatalogue,
};
