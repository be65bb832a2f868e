import type { ResourceModule } from '../../context.js';
import { listenerControls } from './listeners.js';
import { snapshotControls } from './snapshots.js';

/** What the `counterfoil` command line needs beyond the API: listener sessions, delivery chaos, snapshots. */
export const devtoolsModule: ResourceModule = {
  name: 'devtools',
  controls: [...listenerControls, ...snapshotControls],
};
