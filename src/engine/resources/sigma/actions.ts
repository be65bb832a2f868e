import type { ObjectAction } from '../../context.js';

/** The button the UI shows on a saved query: run it now. */
export const sigmaActions: Record<string, ObjectAction[]> = {
  'sigma.scheduled_query': [
    {
      name: 'run',
      label: 'Run now',
      available: () => true,
      request: (o) => ({ method: 'POST', path: `/_counterfoil/sigma/scheduled_queries/${o.id}/run` }),
    },
  ],
};
