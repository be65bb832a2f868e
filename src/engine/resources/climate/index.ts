import type { ControlRoute, Operation, ResourceModule } from '../../context.js';
import { climateActions } from './actions.js';
import { ensureCatalogue } from './catalogue.js';
import { climateControls } from './controls.js';
import { orderOperations } from './orders.js';
import { catalogueOperations } from './products.js';

// Every Climate request and control first makes sure the catalogue is in the store.
const withCatalogue = <T extends Operation | ControlRoute>(routes: T[]): T[] =>
  routes.map((r) => ({ ...r, handler: (input: any) => (ensureCatalogue(input.core), r.handler(input)) }));

/** Climate: Frontier's catalogue (shipped as data), and orders Frontier's side moves through controls. */
export const climateModule: ResourceModule = {
  name: 'climate',
  operations: withCatalogue([...catalogueOperations, ...orderOperations]),
  controls: withCatalogue(climateControls),
  actions: climateActions,
};
