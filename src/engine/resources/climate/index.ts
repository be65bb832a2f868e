import type { ResourceModule } from '../../context.js';
import { climateActions } from './actions.js';
import { loadClimateProduct } from './catalogue.js';
import { climateControls } from './controls.js';
import { orderOperations } from './orders.js';
import { catalogueOperations } from './products.js';

/** Climate: Frontier's catalogue (shipped as data), and orders Frontier's side moves through controls. */
export const climateModule: ResourceModule = {
  name: 'climate',
  operations: [...catalogueOperations, ...orderOperations],
  controls: climateControls,
  actions: climateActions,
  // A shipped product is stored only once it changes, so expansion reads it through the catalogue.
  expanders: { 'climate.order.product': (core, order) => loadClimateProduct(core, String(order.product)) },
};
