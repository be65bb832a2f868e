import type { ResourceModule } from '../../context.js';
import { cryptoActions } from './actions.js';
import { cryptoControls } from './controls.js';
import { registerOnrampPage } from './hosted-page.js';
import { quoteOperations } from './quotes.js';
import { registerCryptoJobs } from './schedule.js';
import { onrampSessionOperations } from './sessions.js';

/** Crypto onramp (a preview API): sessions, quotes from the sandbox rate table, and a hosted widget. */
export const cryptoModule: ResourceModule = {
  name: 'crypto',
  operations: [...onrampSessionOperations, ...quoteOperations],
  controls: cryptoControls,
  actions: cryptoActions,
  setup: registerCryptoJobs,
  register: registerOnrampPage,
};
