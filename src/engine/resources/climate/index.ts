import type { ResourceModule } from '../../context.js';
export const climateModule: ResourceModule = { name: 'climate' };
